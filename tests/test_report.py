"""The HTML report: made from the tables, written by the CLI, and read in a real (headless) browser.

The browser tests open the page as a reader would (file://, no server) and check what it shows: the quotes
of the table, filters that narrow them, sorting, variants with their differences, articles with their
quotes highlighted, and that a hostile article cannot run code in the page. Each checks the browser's
console for script errors.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import quotes
from quotes.cli import app
from quotes.records import Mention
from quotes.report import COLOURS, report_html, word_diff, write_report

# --- the page as text -------------------------------------------------------------------------------------------


def mention(doc_id: str, text: str, quote: str, speaker: str | None = None, kind: str = "direct", **kw) -> Mention:
    """A mention record of ``quote`` (and its speaker mention) as written in ``text``."""
    start = text.index(quote)
    s_start = text.index(speaker) if speaker else None
    return Mention(
        doc_id=doc_id,
        kind=kind,
        quote=quote,
        start_char=start,
        end_char=start + len(quote),
        cue=kw.get("cue", "said"),
        speaker_mention=speaker,
        speaker_start_char=s_start,
        speaker_end_char=None if s_start is None else s_start + len(speaker),
        speaker=kw.get("name", speaker),
        speaker_role=kw.get("role"),
        speaker_org=kw.get("org"),
        speaker_type="person" if speaker else "unknown",
        confidence=0.9,
        zone="body",
    )


BRIDGE = '"We will open the new bridge in June," Mayor Lena Ortiz said on Tuesday.'
BRIDGE_2 = 'Lena Ortiz told reporters: "We will open the bridge in July." Engineers were less sure.'
HARBOUR = '"The boats can go out again tomorrow," harbour master Tomas Keller said.'


def small_tables():
    articles = {"a1": BRIDGE, "a2": BRIDGE_2, "a3": HARBOUR}
    found = [
        mention("a1", BRIDGE, "We will open the new bridge in June,", "Mayor Lena Ortiz", name="Lena Ortiz"),
        mention("a2", BRIDGE_2, "We will open the bridge in July.", "Lena Ortiz"),
        mention("a3", HARBOUR, "The boats can go out again tomorrow,", "Tomas Keller", role="harbour master"),
    ]
    return quotes.build_tables(found), articles


@pytest.mark.parametrize(
    "a, b, a_marked, b_marked",
    [
        ("we will win", "we will win", [], []),
        ("we will win", "We will win.", [], []),  # case and edge punctuation are no difference
        ("It's over", "It\u2019s over", [], []),  # nor the apostrophe's style
        ("the new bridge in June", "the bridge in July", ["new", "June"], ["July"]),
        ("open the bridge", "we will open the bridge today", [], ["we will", "today"]),
        ("", "a new text", [], ["a new text"]),
    ],
)
def test_word_diff_marks_the_words_only_in_each_wording(a, b, a_marked, b_marked):
    ours, theirs = word_diff(a, b)
    assert "".join(ours) == a and "".join(theirs) == b
    assert ours[1::2] == a_marked
    assert theirs[1::2] == b_marked


def test_report_html_is_one_file_that_loads_nothing():
    (mentions, table), articles = small_tables()
    page = report_html(table, mentions, articles)
    assert page.startswith("<!DOCTYPE html>")
    assert "://" not in page  # no URL at all: nothing to fetch
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=", page)
    scripts = re.findall(r"<script([^>]*)>", page)
    # the data, one block per article text, and the page's one script
    assert scripts.count(' type="application/json" id="data"') == 1
    assert len(scripts) == 1 + len(articles) + 1
    assert [s for s in scripts if "application/json" not in s] == [""]
    assert "default-src 'none'" in page and "script-src 'sha256-" in page


def test_report_html_keeps_script_endings_out_of_its_json():
    text = 'She said: "</script><script>alert(1)</script> <!-- & -->" loudly.'
    found = [mention("d</script>", text, "</script><script>alert(1)</script> <!-- & -->", "She")]
    mentions, table = quotes.build_tables(found)
    page = report_html(table, mentions, {"d</script>": text})
    # every </script> in the page closes one of its own script blocks
    assert page.count("</script>") == page.count("<script")
    assert "<!--" not in page and "alert(1)" in page  # the text is there, escaped


def test_report_of_no_quotes_is_a_page_all_the_same():
    empty = quotes.build_tables([])
    page = report_html(empty.quotes, empty.mentions, {"a1": "Nobody said anything."})
    assert '"docs":[["a1",true,0]]' in page


def test_write_report_replaces_the_file_whole(tmp_path, monkeypatch):
    (mentions, table), articles = small_tables()
    path = tmp_path / "report.html"
    path.write_text("the old report")

    def disk_full(self, *args, **kwargs):
        Path(self).write_bytes(b"<!DOCTYPE ht")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", disk_full)
    with pytest.raises(OSError):
        write_report(table, mentions, articles, path)
    monkeypatch.undo()
    assert path.read_text() == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    write_report(table, mentions, articles, path)
    assert path.read_text(encoding="utf8").startswith("<!DOCTYPE html>")


# --- the command line -------------------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def seed_report(seed_dir, tmp_path_factory, nlp):
    """`quotes extract data -o OUT --html` on the sample articles: the page and the tables it was made from."""
    out = tmp_path_factory.mktemp("seed-report")
    result = run("extract", seed_dir, "-o", out, "--html")
    assert result.exit_code == 0, result.output
    read = {"keep_default_na": False, "dtype": str}
    return out / "report.html", pd.read_csv(out / "quotes.csv", **read), pd.read_csv(out / "mentions.csv", **read)


def test_extract_html_writes_the_report_beside_the_tables(seed_report):
    page, table, _ = seed_report
    assert page.parent.joinpath("quotes.csv").exists()
    assert page.read_text(encoding="utf8").count('<tr data-row="') == 0  # rows are drawn in the browser
    assert len(table) > 10


def test_report_command_writes_the_page_to_the_path_given(tmp_path):
    (tmp_path / "bridge.txt").write_text(BRIDGE + "\n")
    result = run("report", tmp_path / "bridge.txt", "-o", tmp_path / "pages" / "bridge.html", "--title", "Bridge")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "pages" / "bridge.html").read_text(encoding="utf8")
    assert "<title>Bridge</title>" in page and "Lena Ortiz" in page
    assert result.stderr.strip().endswith(f"-> {tmp_path / 'pages' / 'bridge.html'}")


def test_report_command_reports_bad_inputs_and_makes_the_page_of_the_rest(tmp_path):
    (tmp_path / "bridge.txt").write_text(BRIDGE + "\n")
    (tmp_path / "empty.txt").write_text("")
    result = run("report", tmp_path / "bridge.txt", tmp_path / "empty.txt", "-o", tmp_path / "r.html")
    assert result.exit_code == 1
    assert f"skipped {tmp_path / 'empty.txt'}: empty" in result.stderr
    assert "Lena Ortiz" in (tmp_path / "r.html").read_text(encoding="utf8")


def test_report_command_that_cannot_write_exits_1_with_one_line(tmp_path, monkeypatch):
    (tmp_path / "bridge.txt").write_text(BRIDGE + "\n")
    (tmp_path / "r.html").write_text("the old report")

    def disk_full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", disk_full)
    result = run("report", tmp_path / "bridge.txt", "-o", tmp_path / "r.html")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert f"error: cannot write {str(tmp_path / 'r.html')!r}: No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert (tmp_path / "r.html").read_text() == "the old report"


def test_report_command_into_a_folder_that_cannot_be_made_exits_2(tmp_path):
    (tmp_path / "bridge.txt").write_text(BRIDGE + "\n")
    (tmp_path / "file").write_text("not a folder")
    result = run("report", tmp_path / "bridge.txt", "-o", tmp_path / "file" / "r.html")
    assert result.exit_code == 2
    assert "cannot use output folder" in result.stderr


def test_report_help_names_its_options():
    result = run("report", "--help")
    assert result.exit_code == 0
    for option in ("--out", "--title", "--model", "--all-zones", "quotes report articles/ -o report.html"):
        assert option in result.output
    assert "--html" in run("extract", "--help").output


# --- in the browser ---------------------------------------------------------------------------------------------


@pytest.fixture
def page(browser):
    """Open a report and act on it; at the end, the browser's console must hold no error."""
    from selenium.webdriver.support.ui import WebDriverWait

    class Page:
        def open(self, path: Path, view: str = "") -> None:
            browser.get("about:blank")
            browser.get(path.as_uri() + (f"#{view}" if view else ""))
            WebDriverWait(browser, 30).until(
                lambda d: d.execute_script("return document.documentElement.dataset.ready")
            )

        def go(self, view: str) -> None:
            browser.execute_script("location.hash = arguments[0]", view)
            kind = view.split("/")[0]
            shown = {"quote": "quotes", "speaker": "speakers", "article": "articles"}.get(kind, kind)
            WebDriverWait(browser, 10).until(
                lambda d: (
                    d.execute_script("return document.querySelector('nav a.on').dataset.view") == shown
                    and (
                        kind == shown
                        or d.execute_script(f"return !!document.getElementById('{view.replace('/', '-')}')")
                    )
                )
            )

        def wait(self, condition) -> None:
            WebDriverWait(browser, 10).until(lambda d: condition())

        def js(self, script: str, *args):
            return browser.execute_script(script, *args)

        def rows(self, table: str = "q-table") -> list[list[str]]:
            return self.js(
                f"return [...document.querySelectorAll('#{table} tbody tr')]"
                ".map(tr => [...tr.cells].map(td => td.textContent))"
            )

        def count(self, table: str = "q-table") -> str:
            return self.js(f"return document.querySelector('#{table} .count').textContent")

    browser.get_log("browser")  # drop what earlier tests left
    yield Page()
    severe = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == [], severe


def test_page_lists_every_quote_of_the_table(page, seed_report):
    path, table, _ = seed_report
    page.open(path, "quotes")
    rows = page.rows()
    assert page.count() == f"1–{len(table)} of {len(table)}"
    assert [r[0] for r in rows] == list(table["quote"])  # the table's order: by reach
    assert [r[1] for r in rows] == [s or "unknown speaker" for s in table["speaker"]]
    assert [int(r[3]) for r in rows] == [int(n) for n in table["n_docs"]]


def test_overview_counts_articles_quotes_and_speakers(page, seed_report, seed_dir):
    path, table, mentions = seed_report
    page.open(path)
    cards = page.js("return [...document.querySelectorAll('.card')].map(c => c.textContent)")
    n_speakers = table["speaker"].replace("", None).nunique()
    expected = [f"{len(list(seed_dir.glob('*.txt')))}articles", f"{len(table)}quotes", f"{len(mentions)}mentions"]
    assert cards[:4] == [*expected, f"{n_speakers}speakers"]
    top = page.js("return [...document.querySelectorAll('#top li a[href^=\"#quote\"]')].map(a => a.textContent)")
    assert top == [f"“{q}”" for q in table["quote"][:10]]
    bars = page.js("return document.querySelectorAll('svg.bars rect').length")
    assert bars == min(15, n_speakers)
    dots = page.js("return document.querySelectorAll('svg.matrix circle:not(.no)').length")
    shared = table[table["n_docs"].astype(int) > 1][:12]
    assert dots == shared["n_docs"].astype(int).sum()


FILTERS = {
    "speaker": lambda t: ("#q-speaker", "select", str(_speakers(t).index(_top_speaker(t)))),
    "kind": lambda t: ("#q-kind", "select", "mixed"),
    "articles": lambda t: ("#q-docs", "type", "2"),
    "search": lambda t: ("#q-search", "type", "treaty"),
}
EXPECTED = {
    "speaker": lambda t: t["speaker"] == _top_speaker(t),
    "kind": lambda t: t["kind"] == "mixed",
    "articles": lambda t: t["n_docs"].astype(int) >= 2,
    "search": lambda t: (t["quote"] + " " + t["speaker"] + " " + t["cue"]).str.lower().str.contains("treaty"),
}


def _top_speaker(table: pd.DataFrame) -> str:
    return table.loc[table["speaker"] != "", "speaker"].value_counts().index[0]


def _speakers(table: pd.DataFrame) -> list[str]:
    """The speakers in the order the page numbers them: first appearance in the quotes table."""
    return list(dict.fromkeys(s for s in table["speaker"] if s))


@pytest.mark.parametrize("name", FILTERS)
def test_a_filter_narrows_the_quotes_to_those_that_match(page, seed_report, browser, name):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    path, table, _ = seed_report
    page.open(path, "quotes")
    selector, how, value = FILTERS[name](table)
    control = browser.find_element(By.CSS_SELECTOR, selector)
    if how == "select":
        Select(control).select_by_value(value)
    else:
        control.clear()
        control.send_keys(value)
        page.js("arguments[0].dispatchEvent(new Event('change'))", control)
    expected = table[EXPECTED[name](table)]
    assert 0 < len(expected) < len(table)
    page.wait(lambda: page.count() == f"1–{len(expected)} of {len(expected)}")
    assert sorted(r[0] for r in page.rows()) == sorted(expected["quote"])


@pytest.mark.parametrize("column, cell, numeric", [("Articles", 3, True), ("Speaker", 1, False), ("Quote", 0, False)])
def test_clicking_a_column_header_sorts_and_clicking_again_reverses(page, seed_report, browser, column, cell, numeric):
    from selenium.webdriver.common.by import By

    path, _, _ = seed_report
    page.open(path, "quotes")

    def column_values():
        values = [r[cell] for r in page.rows()]
        return [int(v) for v in values] if numeric else values

    def ordered(values, sign):
        if numeric:
            return all(sign * (b - a) >= 0 for a, b in zip(values, values[1:], strict=False))
        # the page orders text as the browser's collation does; unknown speakers (no name) come first
        keys = ["" if v == "unknown speaker" and cell == 1 else v for v in values]
        return page.js(
            "const k = arguments[0], s = arguments[1];"
            "return k.every((v, i) => i === 0 || s * k[i - 1].localeCompare(v, 'en', {sensitivity: 'base'}) <= 0)",
            keys,
            sign,
        )

    header = f"//div[@id='q-table']//th[button[text()='{column}']]"
    before = column_values()
    first = 1  # the table starts by Articles descending: a click on it, or on a new column, sorts ascending
    browser.find_element(By.XPATH, header + "/button").click()
    once = column_values()
    sort = browser.find_element(By.XPATH, header).get_attribute("aria-sort")
    assert sort == ("ascending" if first > 0 else "descending")
    assert ordered(once, first) and sorted(once, key=str) == sorted(before, key=str)
    browser.find_element(By.XPATH, header + "/button").click()
    twice = column_values()
    assert ordered(twice, -first) and not ordered(twice, first)


def test_quote_shows_its_variants_side_by_side_with_differences_marked(page, seed_report):
    path, table, mentions = seed_report

    # the quote with the most wordings whose words differ from its main one
    def differing(row):
        return [
            v for v in set(mentions[mentions["quote_id"] == row.quote_id]["quote"]) if word_diff(row.quote, v)[1][1::2]
        ]

    index, row = max(enumerate(table.itertuples()), key=lambda ir: len(differing(ir[1])))
    variants = differing(row)
    assert variants, "the seed articles have a quote told in other words"
    page.open(path, f"quote/{index}")
    page.go(f"quote/{index}")
    assert page.js("return document.querySelector('#quote-detail blockquote').textContent") == row.quote
    shown = page.js("return [...document.querySelectorAll('#quote-detail .variant > span')].map(s => s.textContent)")
    assert set(variants) <= set(shown)
    for variant in variants:
        marked = page.js(
            "const v = [...document.querySelectorAll('#quote-detail .variant > span')]"
            ".find(s => s.textContent === arguments[0]);"
            "return [...v.querySelectorAll('ins')].map(i => i.textContent)",
            variant,
        )
        assert marked == word_diff(row.quote, variant)[1][1::2]
        carried = page.js(
            "const v = [...document.querySelectorAll('#quote-detail .variant')]"
            ".find(s => s.firstChild.textContent === arguments[0]);"
            "return [...v.nextElementSibling.querySelectorAll('a')].map(a => a.textContent)",
            variant,
        )
        assert sorted(carried) == sorted(
            set(mentions[(mentions["quote"] == variant) & (mentions["quote_id"] == row.quote_id)]["doc_id"])
        )


def test_article_shows_its_quotes_and_speakers_highlighted_by_kind(page, seed_report, seed_dir):
    path, table, mentions = seed_report
    doc_id = mentions["doc_id"].value_counts().index[0]
    text = (seed_dir / f"{doc_id}.txt").read_text(encoding="utf8")
    docs = sorted(p.stem for p in seed_dir.glob("*.txt"))
    page.open(path, "articles")
    assert page.js("return document.querySelector('.article-text')") is None  # texts are rendered on demand
    page.go(f"article/{docs.index(doc_id)}")
    assert page.js("return document.querySelector('.article-text').textContent") == text
    nodes = page.js(
        "return [...document.querySelector('.article-text').childNodes]"
        ".map(n => [n.className || '', n.getAttribute ? n.getAttribute('href') : null, n.textContent])"
    )
    pieces, at = [], 0  # (start, end, class, href) of each piece of the text
    for cls, href, piece in nodes:
        pieces.append((at, at + len(piece), cls, href))
        at += len(piece)
    row_of = {q: i for i, q in enumerate(table["quote_id"])}
    ours = mentions[mentions["doc_id"] == doc_id]
    spans = [(int(m.start_char), int(m.end_char), f"hl {m.kind}", row_of[m.quote_id]) for m in ours.itertuples()]
    spans += [
        (int(m.speaker_start_char), int(m.speaker_end_char), "hl speaker", row_of[m.quote_id])
        for m in ours.itertuples()
        if m.speaker_start_char
    ]
    alone = 0
    for start, end, cls, _ in spans:
        inside = [p for p in pieces if p[0] < end and start < p[1]]
        assert inside[0][0] == start and inside[-1][1] == end  # the span is cut out of the text exactly
        assert all(p[2].startswith("hl ") for p in inside)  # and highlighted all along
        if not any(s < end and start < e and (s, e) != (start, end) for s, e, _, _ in spans):
            # by kind, linked to its quote (a speaker mention of several quotes links to one of them)
            rows = {f"#quote/{r}" for s, e, c, r in spans if (s, e, c) == (start, end, cls)}
            assert len({(p[2], p[3]) for p in inside}) == 1 and inside[0][2] == cls and inside[0][3] in rows
            alone += 1
    assert alone >= len(spans) // 2
    colours = page.js(
        "return Object.fromEntries([...document.querySelectorAll('.article-text a.hl')]"
        ".map(a => [a.className.split(' ')[1], getComputedStyle(a).backgroundColor]))"
    )
    for kind, colour in colours.items():
        hex_colour = COLOURS[kind.upper()]
        assert colour == f"rgb({int(hex_colour[1:3], 16)}, {int(hex_colour[3:5], 16)}, {int(hex_colour[5:7], 16)})"


def test_speaker_shows_role_organisation_and_quotes(page, seed_report):
    path, table, _ = seed_report
    with_role = table[(table["speaker_role"] != "") & (table["speaker_org"] != "")]
    name = with_role["speaker"].value_counts().index[0]
    theirs = table[table["speaker"] == name]
    page.open(path, f"speaker/{_speakers(table).index(name)}")
    detail = page.js("return document.getElementById('speaker-detail').innerText")
    assert name in detail and theirs["speaker_role"].iloc[0] in detail and theirs["speaker_org"].iloc[0] in detail
    listed = page.js("return [...document.querySelectorAll('#speaker-detail li > a')].map(a => a.textContent)")
    assert listed == [f"“{q}”" for q in theirs["quote"]]


def test_offsets_after_characters_outside_the_basic_plane_highlight_the_right_words(page, tmp_path):
    text = "\U0001f600\U0001f4f0 Update. " + BRIDGE
    found = [mention("e1", text, "We will open the new bridge in June,", "Mayor Lena Ortiz")]
    mentions, table = quotes.build_tables(found)
    write_report(table, mentions, {"e1": text}, tmp_path / "r.html")
    page.open(tmp_path / "r.html", "article/0")
    pieces = page.js("return [...document.querySelectorAll('.article-text a.hl')].map(a => a.textContent)")
    assert pieces == ["We will open the new bridge in June,", "Mayor Lena Ortiz"]


@pytest.mark.parametrize("extra", [[], ["rule"], ["rule", "speaker_rule"]])
def test_rule_columns_are_shown_when_the_table_has_them(page, tmp_path, extra):
    (mentions, table), articles = small_tables()
    table = table.drop(columns=[c for c in ("rule", "speaker_rule") if c not in extra])  # a table without them
    for column in extra:
        table[column] = [f"{column}-{i}" for i in range(len(table))]
    write_report(table, mentions, articles, tmp_path / "r.html")
    page.open(tmp_path / "r.html", "quotes")
    headers = page.js("return [...document.querySelectorAll('#q-table th')].map(th => th.textContent)")
    assert headers == ["Quote", "Speaker", "Kind", "Articles", "Mentions", "Cue"] + [
        c.replace("_", " ") for c in extra
    ] + ["First article"]
    rows = page.rows()
    for k, column in enumerate(extra):
        assert sorted(r[6 + k] for r in rows) == sorted(table[column])


def test_report_without_quotes_opens_without_errors(page, tmp_path):
    empty = quotes.build_tables([])
    write_report(empty.quotes, empty.mentions, {"a1": "Nobody said anything."}, tmp_path / "r.html")
    page.open(tmp_path / "r.html", "quotes")
    assert page.count() == "none match"
    page.go("article/0")
    assert page.js("return document.querySelector('.article-text').textContent") == "Nobody said anything."


HOSTILE = [
    "</script><script>window.__pwned = 'script block'</script>",
    "<img src=x onerror=\"window.__pwned = 'onerror'\">",
    "<a href=\"javascript:window.__pwned = 'link'\">read more</a>",
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    "<!-- <script>window.__pwned = 'comment'</script> -->",
    "\u2028<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>",
]


@pytest.mark.parametrize("csp", [True, False], ids=["as written", "without its content-security-policy"])
def test_hostile_article_cannot_run_code_in_the_page(page, browser, tmp_path, csp):
    from selenium.common.exceptions import NoAlertPresentException

    quote = " ".join(HOSTILE)
    speaker = "<b onmouseover=\"window.__pwned = 'speaker'\">Eve</b>"
    text = f"{speaker} said: \"{quote}\" and <script>window.__pwned = 'text'</script> more."
    doc_id = "javascript:window.__pwned='doc'//<img src=x onerror=alert(1)>"
    found = [mention(doc_id, text, quote, speaker), mention("plain", BRIDGE, "We will open the new bridge in June,")]
    mentions, table = quotes.build_tables(found)
    html = report_html(table, mentions, {doc_id: text, "plain": BRIDGE}, title="<script>alert('title')</script>")
    if not csp:  # the escaping alone must hold
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert "Content-Security-Policy" not in html
    (tmp_path / "r.html").write_text(html, encoding="utf8")
    page.open(tmp_path / "r.html")
    for view in ("quotes", "quote/0", "quote/1", "speakers", "speaker/0", "articles", "article/0"):
        page.go(view)
        for link in browser.find_elements("css selector", "main a.hl, #quote-detail a, #speaker-detail a"):
            assert (link.get_attribute("href") or "").startswith(f"{(tmp_path / 'r.html').as_uri()}#")
    page.go("article/0")
    for k in range(len(browser.find_elements("css selector", ".article-text a.hl"))):
        browser.find_elements("css selector", ".article-text a.hl")[k].click()
        page.go("article/0")
    assert page.js("return window.__pwned") is None
    try:
        browser.switch_to.alert.dismiss()
        pytest.fail("an alert was opened")
    except NoAlertPresentException:
        pass
    injected = page.js(
        "return document.querySelectorAll('main img, main svg:not(.bars):not(.matrix), iframe, main script,"
        " [onerror], [onload], [onmouseover]').length"
    )
    assert injected == 0
    assert not page.js(
        "return [...document.querySelectorAll('a[href]')].some(a => !a.getAttribute('href').startsWith('#'))"
    )
    page.go("article/0")
    assert page.js("return document.querySelector('.article-text').textContent") == text
    assert page.js("return document.title") == "<script>alert('title')</script>"


def test_screenshot_of_the_quotes_view(page, seed_report, browser, tmp_path):
    path, _, _ = seed_report
    page.open(path, "quotes")
    shot = tmp_path / "quotes.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
