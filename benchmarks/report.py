"""Measure the HTML report at scale: file size, time to make it, and how fast it loads and reacts in Chromium.

The articles are made here, from a seeded generator, never read from or written to the repository: stories
of 20 rewrites each (one wire story retold by 20 outlets), every article about 600 words of filler
sentences with 10 quotes from its story's 6 speakers, some quotes cut short or reworded in one outlet. The
mention records carry the true offsets, and ``quotes.build_tables`` (canonical speakers, merging; no model)
makes the two tables the report is made from, so the report sees what a real run of that size would give.

For each size, in one process: the time of ``report_html`` and the file's size; then headless Chromium (the
flags of tests/conftest.py) opens the file ``--loads`` times, fresh each time, and the median is taken of
  - load: navigation start to the end of the page script's first render (the overview shown);
  - the page's first contentful paint, and the load event;
  - each action, timed inside the page from the hash change to two animation frames later (so layout and
    paint are in): the quotes table first shown, a search typed into it, a sort by speaker, an article
    opened (its text parsed and highlighted on demand) and a quote with its variants opened.

Usage:
  python benchmarks/report.py                     # 500, 5,000 and 20,000 articles
  python benchmarks/report.py --sizes 5000        # some sizes only
Writes ``benchmarks/report.md`` (``--out``) with the date and the commit.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from _report import commit  # noqa: E402  (benchmarks run as scripts: their folder is on sys.path)

from quotes import build_tables  # noqa: E402
from quotes.records import Mention  # noqa: E402
from quotes.report import report_html  # noqa: E402

WORDS = """
the a of to in and on for with as at by from that this it its was were is are be been has have had will would
council city state government minister report plan budget week year month people residents officials police
court vote members party leaders country region market prices workers union company schools hospital river
bridge road water energy climate data talks deal agreement law rights public local national new old early late
""".split()
VERBS = ["said", "told reporters", "added", "wrote", "argued", "warned", "explained"]
FIRST = "Ana Ben Carla Dmitri Elena Farid Grace Hiro Ines Jonas Kemi Luis Mara Nils Olga Pavel Rosa Sami".split()
LAST = "Ortiz Keller Silva Novak Haddad Brown Chen Dubois Evans Fischer Garcia Ivanova Jensen Kowalski Mensah".split()
ROLES = ["mayor", "spokesperson", "minister", "chief executive", "professor", "union leader", None, None]
ORGS = ["City Council", "Ministry of Transport", "Harbour Authority", "Tech Union", "State University", None]
# how many outlets carry one story: most stories one or two, wire stories up to 20
STORY_ARTICLES = (1, 1, 1, 2, 2, 3, 5, 10, 20)
QUOTES_PER_STORY = 14
QUOTES_PER_ARTICLE = 10
SPEAKERS_PER_STORY = 6
ARTICLE_WORDS = 600
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync --window-size=1400,1000"
).split()


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate(n_articles: int, seed: int) -> tuple[dict[str, str], list[Mention]]:
    """``n_articles`` synthetic articles and the mention records of their quotes, with true offsets."""
    rng = random.Random(seed)
    texts: dict[str, str] = {}
    found: list[Mention] = []
    story = 0
    while len(texts) < n_articles:
        story += 1
        rewrites = min(rng.choice(STORY_ARTICLES), n_articles - len(texts))
        speakers = [
            (f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES), rng.choice(ORGS))
            for _ in range(SPEAKERS_PER_STORY)
        ]
        pool = [(rng.randrange(SPEAKERS_PER_STORY), sentence(rng, rng.randint(8, 24))) for _ in range(QUOTES_PER_STORY)]
        for k in range(rewrites):
            doc_id = f"s{story:05d}-{k:02d}"
            parts: list[str] = []
            chosen = rng.sample(pool, QUOTES_PER_ARTICLE)
            for s, quote in chosen:
                for _ in range(rng.randint(1, 3)):  # filler before each quote
                    parts.append(sentence(rng, rng.randint(8, 20)) + " ")
                if rng.random() < 0.15:  # this outlet cuts the quote short
                    quote = " ".join(quote.split()[: max(4, len(quote.split()) // 2)]) + "."
                elif rng.random() < 0.1:  # or swaps a word
                    words = quote.split()
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                    quote = " ".join(words)
                name, role, org = speakers[s]
                opening = "".join(parts)
                start = len(opening) + 1
                speaker_start = start + len(quote) + 2
                parts.append(f'"{quote}" {name} {rng.choice(VERBS)}.\n')
                found.append(
                    Mention(
                        doc_id,
                        "direct",
                        quote,
                        start,
                        start + len(quote),
                        "said",
                        name,
                        speaker_start,
                        speaker_start + len(name),
                        name,
                        role,
                        org,
                        "person",
                        0.9,
                        "body",
                    )
                )
            while len(" ".join(parts).split()) < ARTICLE_WORDS:
                parts.append(sentence(rng, rng.randint(8, 20)) + " ")
            texts[doc_id] = "".join(parts)
    for m in found:  # the offsets are those of the text, as the extractor's would be
        text = texts[m.doc_id]
        assert (
            text[m.start_char : m.end_char] == m.quote and text[m.speaker_start_char : m.speaker_end_char] == m.speaker
        )
    return texts, found


def browser(profile: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(300)
    driver.set_script_timeout(120)
    return driver


# run in the page: change the hash (or run an action), and answer the time until two frames after the change
TIMED = """
const done = arguments[arguments.length - 1], action = arguments[0], value = arguments[1];
const t0 = performance.now();
const after = () => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
if (action === "hash") { window.addEventListener("hashchange", after, {once: true}); location.hash = value; }
else if (action === "search") {
  const box = document.getElementById("q-search"); box.value = value;
  box.dispatchEvent(new Event("input")); setTimeout(after, 200);  /* the page waits for typing to pause */
}
else if (action === "sort") { document.querySelector(`#q-table th[data-key="${value}"] button`).click(); after(); }
"""


def measure(path: Path, loads: int) -> dict[str, float]:
    from selenium.webdriver.support.ui import WebDriverWait

    runs: dict[str, list[float]] = {}
    for _ in range(loads):
        with tempfile.TemporaryDirectory(prefix="quotes-report-profile-") as profile:
            driver = browser(profile)
            try:
                driver.get(path.as_uri())
                WebDriverWait(driver, 300).until(
                    lambda d: d.execute_script("return document.documentElement.dataset.ready")
                )
                timing = driver.execute_script(
                    "const n = performance.getEntriesByType('navigation')[0];"
                    "const p = performance.getEntriesByName('first-contentful-paint')[0];"
                    "return {ready: Number(document.documentElement.dataset.ready), load: n.loadEventEnd,"
                    " paint: p ? p.startTime : null}"
                )
                steps = {
                    "quotes table shown": ("hash", "quotes"),
                    "search typed (less 200 ms pause)": ("search", "council plan"),
                    "sorted by speaker": ("sort", "speaker"),
                    "article opened": ("hash", "article/123"),
                    "quote with variants opened": ("hash", "quote/0"),
                }
                for name, (action, value) in steps.items():
                    ms = driver.execute_async_script(TIMED, action, value)
                    timing[name] = ms - (200 if action == "search" else 0)
                severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
                if severe:
                    raise RuntimeError(f"script errors in the page: {severe}")
            finally:
                driver.quit()
        for key, value in timing.items():
            if value is not None:
                runs.setdefault(key, []).append(value)
    return {key: statistics.median(values) for key, values in runs.items()}


def chromium_version() -> str:
    try:
        return subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5_000, 20_000])
    parser.add_argument("--loads", type=int, default=3, help="page loads per size (median taken)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "report.md")
    args = parser.parse_args(argv)
    argv = sys.argv[1:] if argv is None else argv

    rows = []
    for size in args.sizes:
        texts, found = generate(size, args.seed)
        tables = build_tables(found)
        started, cpu = time.perf_counter(), time.process_time()
        page = report_html(tables.quotes, tables.mentions, texts)
        made, made_cpu = time.perf_counter() - started, time.process_time() - cpu
        with tempfile.TemporaryDirectory(prefix="quotes-report-bench-") as tmp:
            path = Path(tmp) / "report.html"
            path.write_text(page, encoding="utf8")
            size_mb = path.stat().st_size / 1e6
            text_mb = sum(len(t.encode("utf8")) for t in texts.values()) / 1e6
            timing = measure(path, args.loads)
        row = {
            "articles": size,
            "mentions": len(tables.mentions),
            "quotes": len(tables.quotes),
            "speakers": tables.quotes["speaker"].nunique(),
            "text_mb": text_mb,
            "size_mb": size_mb,
            "made": made,
            "made_cpu": made_cpu,
            **timing,
        }
        rows.append(row)
        print(row, flush=True)

    actions = [
        k
        for k in rows[0]
        if k
        not in (
            "articles",
            "mentions",
            "quotes",
            "speakers",
            "text_mb",
            "size_mb",
            "made",
            "made_cpu",
            "ready",
            "load",
            "paint",
        )
    ]
    lines = [
        "# The HTML report at scale",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- command: `python benchmarks/report.py {shlex.join(argv)}`",
        f"- machine: {platform.machine()}, Python {platform.python_version()}, {chromium_version()} headless",
        f"- page loads per size: {args.loads} (medians); synthetic articles of about {ARTICLE_WORDS} words,"
        f" {QUOTES_PER_ARTICLE} quotes each, each story carried by one of {STORY_ARTICLES} outlets",
        "",
        "| articles | mentions | quotes | speakers | article text | file | made in (CPU) | first paint | page ready |"
        " load event |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['mentions']:,} | {r['quotes']:,} | {r['speakers']:,} | {r['text_mb']:.1f} MB"
            f" | {r['size_mb']:.1f} MB | {r['made']:.1f} s ({r['made_cpu']:.1f} s) | {r.get('paint', 0) / 1000:.2f} s"
            f" | {r['ready'] / 1000:.2f} s | {r['load'] / 1000:.2f} s |"
        )
    lines += [
        "",
        f"Machine load during the run (1-minute load average at the end): {os.getloadavg()[0]:.1f} on"
        f" {os.cpu_count()} cores; wall times in Python and in the browser grow with it, CPU times less.",
        "",
        "Page ready: navigation start to the end of the page script's first render. Actions, from the hash change",
        "(or the click) to two animation frames later, so that layout and paint are in:",
        "",
        "| articles | " + " | ".join(actions) + " |",
        "|---:|" + "---:|" * len(actions),
    ]
    for r in rows:
        lines.append(f"| {r['articles']:,} | " + " | ".join(f"{r[a]:,.0f} ms" for a in actions) + " |")
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()
