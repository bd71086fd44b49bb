"""The quotes and mentions tables plus the article texts -> one self-contained HTML page for reading.

The page is a single file that works offline, opened by double-click: its styles and its one script are
inline, it loads nothing (a Content-Security-Policy forbids any request and any script but its own), and the
data travels inside it as JSON. It shows a summary with two small charts (quotes per speaker; which articles
carried the most shared quotes), the quotes table (search, filters by speaker, kind and number of articles,
sortable columns), each quote with its variants side by side and their word differences marked, each speaker
with their quotes, and each article with its quotes and speaker mentions highlighted by kind.

Safety: every text that comes from an article (quotes, names, document ids, article texts) reaches the page
either HTML-escaped (the charts, made here) or as JSON data that the script puts in the page as text nodes,
never as markup; the JSON has ``<``, ``>`` and ``&`` escaped, so no ``</script>`` in an article can end its
block. Scale: each article's text is its own JSON block, parsed only when the article is opened, and tables
are shown a page of rows at a time, so the page stays quick with thousands of articles (benchmarks/report.py).

This stage sees only DataFrames and strings: no spaCy.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from importlib import metadata
from itertools import accumulate
from pathlib import Path

import pandas as pd

from .records import KINDS, Article

# highlight colours by kind; render.py (displaCy) uses the same ones
COLOURS = {
    "DIRECT": "#a6dcef",
    "MIXED": "#c3e6a4",
    "INDIRECT": "#f6e3a1",
    "CUE": "#f4a6a6",
    "SPEAKER": "#d6b4f0",
}
# columns other stages may add to the quotes table; shown when present
OPTIONAL_COLUMNS = ("rule", "speaker_rule")
RESOURCES = Path(__file__).parent / "resources"
# the page's style and its one script, inlined in every report
STYLE = (RESOURCES / "report.css").read_text(encoding="utf8")
SCRIPT = (RESOURCES / "report.js").read_text(encoding="utf8")
# a quote lists at most this many variants (the most frequent ones); the page says how many were left out
MAX_VARIANTS = 30
# the charts: speakers with the most quotes; the most carried quotes against the articles carrying most of them
CHART_SPEAKERS = 15
CHART_QUOTES = 12
CHART_ARTICLES = 40
SUMMARY_QUOTES = 10

_WORD = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
# curly and straight apostrophes and quotation marks are the same word ("It’s" = "It's")
_QUOTE_FOLD = str.maketrans(
    {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"} | {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033"}
)


def report_html(
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: Iterable[Article] | Mapping[str, str],
    *,
    title: str = "Quotes report",
) -> str:
    """Make the report page.

    Args:
        quotes: the quotes table (``QUOTES_SCHEMA``); columns ``rule`` and ``speaker_rule`` are shown if present.
        mentions: the mentions table (``MENTIONS_SCHEMA``); its offsets index the article texts.
        articles: the article texts, as ``Article`` records or a mapping doc_id -> text, in input order. An
            article of the mentions table without a text is listed, with its quotes but no text.
        title: the page title.

    Returns:
        The page, one HTML document with everything inline.
    """
    texts = dict(articles.items()) if isinstance(articles, Mapping) else {a.doc_id: a.text for a in articles}
    data, doc_texts = _page_data(quotes, mentions, texts, title)
    charts = _speaker_chart(data) + _spread_chart(data)
    return _page(data, doc_texts, charts, title)


def write_report(
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: Iterable[Article] | Mapping[str, str],
    path: str | Path,
    *,
    title: str = "Quotes report",
) -> Path:
    """Make the report page and write it to ``path`` atomically (an earlier file stays until the new one is whole).

    Raises:
        OSError: the file cannot be written.
    """
    from .io import write_text

    path = Path(path)
    write_text(report_html(quotes, mentions, articles, title=title), path)
    return path


# --- the data the page script reads ---------------------------------------------------------------------------


def _page_data(
    quotes: pd.DataFrame, mentions: pd.DataFrame, texts: dict[str, str], title: str
) -> tuple[dict, list[str | None]]:
    """Tables -> the JSON-ready data of the page (indices instead of ids), and the texts in document order."""
    doc_ids = list(texts)
    seen = set(doc_ids)
    for doc_id in mentions["doc_id"].dropna().unique():
        if doc_id not in seen:  # quotes of an article whose text was not given: listed all the same
            doc_ids.append(doc_id)
            seen.add(doc_id)
    doc_index = {d: i for i, d in enumerate(doc_ids)}

    speakers: list[list] = []
    speaker_index: dict[str, int] = {}
    for row in quotes[["speaker", "speaker_role", "speaker_org", "speaker_type"]].itertuples(index=False):
        name = _str(row.speaker)
        if name is not None and name not in speaker_index:
            speaker_index[name] = len(speakers)
            speakers.append([name, _str(row.speaker_role), _str(row.speaker_org), _str(row.speaker_type)])

    extras = [c for c in OPTIONAL_COLUMNS if c in quotes.columns]
    quote_index = {q: i for i, q in enumerate(quotes["quote_id"])}
    variants = _variants(quotes, mentions, quote_index, doc_index)
    rows = []
    for i, row in enumerate(quotes.itertuples(index=False)):
        docs = [doc_index[d] for d in (_str(row.doc_ids) or "").split("|") if d in doc_index]
        rows.append(
            [
                row.quote_id,
                _str(row.quote) or "",
                speaker_index.get(_str(row.speaker) or "", -1),
                _str(row.kind),
                _str(row.cue),
                _int(row.n_mentions),
                _int(row.n_docs),
                docs,
                doc_index.get(_str(row.first_doc) or "", -1),
                [_str(getattr(row, c)) for c in extras],
                variants[i],
            ]
        )

    per_doc: list[list] = [[] for _ in doc_ids]
    offsets = {d: units for d, t in texts.items() if (units := _utf16(t)) is not None}
    cols = ["doc_id", "quote_id", "kind", "start_char", "end_char", "speaker_start_char", "speaker_end_char"]
    for doc_id, quote_id, kind, *spans in zip(*(_values(mentions, c) for c in cols), strict=True):
        q = quote_index.get(quote_id)
        if q is None or doc_id not in doc_index:
            continue
        units = offsets.get(doc_id)
        spans = [None if n is None else int(n) for n in spans]
        if units is not None:
            spans = [None if n is None else units[min(max(n, 0), len(units) - 1)] for n in spans]
        per_doc[doc_index[doc_id]].append([q, kind, *spans])
    for found in per_doc:
        found.sort(key=lambda m: m[2] if m[2] is not None else -1)

    data = {
        "title": title,
        "made": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "version": _version(),
        "kinds": list(KINDS),
        "extras": extras,
        "docs": [[d, d in texts, len(per_doc[i])] for i, d in enumerate(doc_ids)],
        "speakers": speakers,
        "quotes": rows,
        "mentions": per_doc,
    }
    return data, [texts.get(d) for d in doc_ids]


def _variants(
    quotes: pd.DataFrame, mentions: pd.DataFrame, quote_index: dict[str, int], doc_index: dict[str, int]
) -> list[list]:
    """Per quote: its wordings, each ``[main marked, wording marked, docs, n]``, most frequent first.

    A marked text is a list of strings, alternately the same in both wordings and words only in this one; the
    main wording itself comes first, as ``[None, None, docs, n]``. A number at the end counts the wordings
    left out past ``MAX_VARIANTS``.
    """
    found: list[dict[str, list]] = [{} for _ in quote_index]
    for quote_id, wording, doc_id in zip(*(_values(mentions, c) for c in ("quote_id", "quote", "doc_id")), strict=True):
        q = quote_index.get(quote_id)
        if q is None or wording is None:
            continue
        seen = found[q].setdefault(wording, [0, set()])
        seen[0] += 1
        if doc_id in doc_index:
            seen[1].add(doc_index[doc_id])
    out = []
    for text, wordings in zip(_values(quotes, "quote"), found, strict=True):
        text = text or ""
        kept: list[list] = []
        for wording, (n, docs) in sorted(wordings.items(), key=lambda kv: -kv[1][0]):
            if wording == text:
                kept.insert(0, [None, None, sorted(docs), n])
            elif len(kept) < MAX_VARIANTS:
                kept.append([*word_diff(text, wording), sorted(docs), n])
        out.append(kept + ([len(wordings) - len(kept)] if len(wordings) > len(kept) else []))
    return out


def _values(frame: pd.DataFrame, column: str) -> list:
    """A column as a list of Python values, missing ones as None."""
    values = frame[column]
    return values.astype(object).where(values.notna(), None).tolist()


def word_diff(a: str, b: str) -> tuple[list[str], list[str]]:
    """Mark the words that differ between two wordings (case and edge punctuation ignored).

    Returns:
        Both texts cut into runs that alternate: the same in both, then only in this one, then the same, ...
        (the first run may be empty). Joined, each list gives back its text unchanged.
    """
    a_words, b_words = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    matcher = difflib.SequenceMatcher(None, [_key(w) for w in a_words], [_key(w) for w in b_words], autojunk=False)
    a_same, b_same = [False] * len(a_words), [False] * len(b_words)
    for i, j, size in matcher.get_matching_blocks():
        a_same[i : i + size] = [True] * size
        b_same[j : j + size] = [True] * size
    return _runs(a, a_words, a_same), _runs(b, b_words, b_same)


def _key(word: re.Match[str]) -> str:
    folded = word.group().casefold().translate(_QUOTE_FOLD)
    return _EDGE_PUNCT.sub("", folded) or folded


def _runs(text: str, words: list[re.Match[str]], same: list[bool]) -> list[str]:
    runs, start, state = [], 0, True  # state: the kind of the run being built (True: same in both)
    for word, is_same in zip(words, same, strict=True):
        if is_same != state:
            # the space before a changed word stays in the run of same words
            runs.append(text[start : word.start()])
            start, state = word.start(), is_same
    runs.append(text[start:])
    # a changed run does not take the spaces after its last word: they go to the next same run
    for k in range(1, len(runs) - 1, 2):
        stripped = runs[k].rstrip()
        runs[k + 1] = runs[k][len(stripped) :] + runs[k + 1]
        runs[k] = stripped
    return runs


def _utf16(text: str) -> list[int] | None:
    """The JavaScript offset (UTF-16 code units) of each Python offset (code points) of ``text``.

    None when they are the same: when no character lies outside the Basic Multilingual Plane.
    """
    if text.isascii() or max(text) <= "\uffff":
        return None
    return [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]


def _str(value) -> str | None:
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _int(value) -> int | None:
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else int(value)


def _version() -> str:
    try:
        return metadata.version("quotes")
    except metadata.PackageNotFoundError:
        return "unknown"


# --- the charts (SVG made here: every label escaped) ---------------------------------------------------------


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _speaker_chart(data: dict) -> str:
    """A horizontal bar chart: the speakers with the most quotes."""
    counts: dict[int, int] = {}
    for row in data["quotes"]:
        if row[2] >= 0:
            counts[row[2]] = counts.get(row[2], 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:CHART_SPEAKERS]
    head = f'<figure class="chart"><figcaption>Quotes per speaker (top {len(top)} of {len(counts)})</figcaption>'
    if not top:
        return head + '<p class="muted">No attributed quotes.</p></figure>'
    label_w, bar_w, row_h = 190, 260, 20
    most = top[0][1]
    parts = [
        f'<svg class="bars" role="img" aria-label="Quotes per speaker" width="{label_w + bar_w + 50}" '
        f'height="{row_h * len(top) + 4}" viewBox="0 0 {label_w + bar_w + 50} {row_h * len(top) + 4}">'
    ]
    for k, (s, n) in enumerate(top):
        y = k * row_h + 2
        w = max(2, round(bar_w * n / most))
        name = data["speakers"][s][0]
        parts.append(
            f'<a href="#speaker/{s}"><title>{_esc(name)}: {n} quotes</title>'
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{_esc(_short(name, 28))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" rx="2"></rect>'
            f'<text x="{label_w + w + 5}" y="{y + 14}" class="n">{n}</text></a>'
        )
    return head + "".join(parts) + "</svg></figure>"


def _spread_chart(data: dict) -> str:
    """A dot matrix: the most carried quotes (rows) against the articles that carried most of them (columns)."""
    shared = [(q, row) for q, row in enumerate(data["quotes"]) if (row[6] or 0) > 1]
    shared.sort(key=lambda qr: (-(qr[1][6] or 0), qr[0]))
    rows = shared[:CHART_QUOTES]
    caption = f"Which articles share which quotes ({len(rows)} most carried of {len(shared)} shared quotes"
    if not rows:
        return (
            f'<figure class="chart"><figcaption>{caption})</figcaption>'
            '<p class="muted">No quote was carried by more than one article.</p></figure>'
        )
    per_doc: dict[int, int] = {}
    for _, row in rows:
        for d in row[7]:
            per_doc[d] = per_doc.get(d, 0) + 1
    cols = sorted(per_doc, key=lambda d: (-per_doc[d], d))[:CHART_ARTICLES]
    cols.sort()
    caption += f"; {len(cols)} of {len(per_doc)} articles carrying them)"
    label_w, cell, top_h = 250, 18, 140
    width, height = label_w + cell * len(cols) + 10, top_h + cell * len(rows) + 4
    parts = [
        f'<figure class="chart"><figcaption>{_esc(caption)}</figcaption>'
        f'<svg class="matrix" role="img" aria-label="Articles sharing quotes" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
    ]
    for c, d in enumerate(cols):
        x = label_w + c * cell + cell // 2
        name = data["docs"][d][0]
        parts.append(
            f'<a href="#article/{d}"><title>{_esc(name)}</title><text transform="translate({x + 4},{top_h - 6}) '
            f'rotate(-90)">{_esc(_short(name, 18))}</text></a>'
        )
    for r, (q, row) in enumerate(rows):
        y = top_h + r * cell
        speaker = data["speakers"][row[2]][0] if row[2] >= 0 else "unknown speaker"
        parts.append(
            f'<a href="#quote/{q}"><title>{_esc(speaker)}: {_esc(row[1])}</title>'
            f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">{_esc(_short(row[1], 38))}</text></a>'
        )
        carried = set(row[7])
        for c, d in enumerate(cols):
            x = label_w + c * cell + cell // 2
            if d in carried:
                parts.append(f'<circle cx="{x}" cy="{y + cell // 2}" r="5"></circle>')
            else:
                parts.append(f'<circle class="no" cx="{x}" cy="{y + cell // 2}" r="1.5"></circle>')
    return "".join(parts) + "</svg></figure>"


# --- the page --------------------------------------------------------------------------------------------------


def _json_block(value) -> str:
    """JSON safe inside a ``<script type="application/json">`` block: no ``<``, ``>`` or ``&`` left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(data: dict, texts: list[str | None], charts: str, title: str) -> str:
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf8")).digest()).decode("ascii")
    # nothing may be fetched, and no script runs but the page's own (hash-pinned): a hostile article that
    # slipped past escaping still could not run code or call home
    csp = (
        f"default-src 'none'; script-src 'sha256-{script_hash}'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    text_blocks = "".join(
        f'<script type="application/json" id="t{i}">{_json_block(t)}</script>'
        for i, t in enumerate(texts)
        if t is not None
    )
    colours = "".join(f"--{k.lower()}:{v};" for k, v in COLOURS.items())
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title><style>:root{{{colours}}}{STYLE}</style></head>"
        f"<body>{BODY.replace('@CHARTS@', charts)}"
        f'<script type="application/json" id="data">{_json_block(data)}</script>{text_blocks}'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
    # a lone surrogate (possible from a JSON "\\ud800" escape in an input) cannot be UTF-8: keep it as a JSON escape
    return page.encode("utf-8", "backslashreplace").decode("utf-8")


BODY = """
<header><h1 id="title"></h1><nav>
<a href="#overview" data-view="overview">Overview</a><a href="#quotes" data-view="quotes">Quotes</a>
<a href="#speakers" data-view="speakers">Speakers</a><a href="#articles" data-view="articles">Articles</a>
</nav></header>
<main>
<section id="view-overview" hidden><div class="cards" id="cards"></div>
<h2>Most carried quotes</h2><div id="top"></div>
<h2>Charts</h2><div class="charts">@CHARTS@</div></section>
<section id="view-quotes" hidden><div id="quote-detail"></div><h2>Quotes</h2>
<div class="controls">
<label>Search<input type="search" id="q-search" placeholder="words of the quote, speaker, cue"></label>
<label>Speaker<select id="q-speaker"><option value="">all speakers</option></select></label>
<label>Kind<select id="q-kind"><option value="">all kinds</option></select></label>
<label>Articles at least<input type="number" id="q-docs" min="1" value="1" style="width:6em"></label>
</div><div id="q-table"></div></section>
<section id="view-speakers" hidden><div id="speaker-detail"></div><h2>Speakers</h2>
<div class="controls">
<label>Search<input type="search" id="s-search" placeholder="name, role, organisation"></label></div>
<div id="s-table"></div></section>
<section id="view-articles" hidden><div id="article-detail"></div><h2>Articles</h2>
<div class="controls"><label>Search<input type="search" id="a-search" placeholder="article id"></label></div>
<div id="a-table"></div></section>
<noscript><p>This report needs JavaScript to show its tables.</p></noscript>
</main><footer id="footer"></footer>
"""
