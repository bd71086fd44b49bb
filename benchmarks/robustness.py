"""Robustness at size: time per quote on quote-dense texts, and memory and speed of `quotes extract` on huge inputs.

Every measurement runs in a child process of a fresh process, so peak memory (``ru_maxrss`` of the children) is
that child's own. Times are CPU seconds (``getrusage``, ``time.process_time``): a machine shared with other
work stretches wall time, not CPU time.

1. Scaling: synthetic quote-dense texts of 1k / 2k / 4k / 8k / 16k quotes (direct quotes with named and
   pronoun speakers, partial quotes, reported speech, bare ``"a"`` marks, one paragraph of 20 quotes per line)
   go through ``quotes.extract_tables`` in one child per size; time per quote (model loading excluded) and
   the ratio of the 16k to the 1k time per quote (target < 2: linear time).
2. The 10,000 ``"a"`` file (40 KB, one line): ``quotes extract`` end to end, wall time (target < 10 s on an
   idle core).
3. Huge inputs: ``quotes extract`` with default options on a 10 MB one-line file and a 50 MB file (news-like
   sentences written here), stopped with Ctrl-C (SIGINT) after ``--seconds`` of CPU when not finished; peak RSS
   (target < 2.5 GB), and the interrupted run's last line and exit status.
4. Throughput in one child: ordinary articles (the seeds, repeated) and then the 10 MB one-line article
   through ``iter_mentions``, words per second of each (target: the long one within 2x).

Usage: ``python benchmarks/robustness.py [--sizes 1000 2000 ...] [--seconds 120] [--throughput-seconds 120]
[--out benchmarks/robustness.md]`` (``--seconds 4000`` lets the 50 MB run finish: about an hour of CPU)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from _report import commit  # benchmarks run as scripts: their folder is on sys.path

ROOT = Path(__file__).parents[1]
TEMPLATES = (
    '"We will appeal the ruling on case {i}," Maria Lopez said.',
    'She called plan {i} "a reckless gamble with our savings" and left.',
    '"They never listened to us about item {i}," they told reporters.',
    '"a"',
    "Critics say scheme {i} will fail within a year, according to the union.",
)
SENTENCES = (
    "The council met on Tuesday to discuss the budget for the coming year.",
    '"We will not cut the library hours," said Mayor Ellen Park.',
    "Critics said the plan would raise taxes for families in the north.",
    "The vote is expected next week, officials said.",
)
SCALING_CHILD = """
import json, sys, time
import quotes
nlp = quotes.load()
text = sys.stdin.read()
started = time.process_time()
tables = quotes.extract_tables(text, nlp=nlp)
print(json.dumps({"seconds": time.process_time() - started, "mentions": len(tables.mentions)}))
"""
THROUGHPUT_CHILD = """
import json, sys, time
import quotes
from quotes.api import iter_mentions
nlp = quotes.load()
seeds, long_path, seconds = json.loads(sys.argv[1]), sys.argv[2], float(sys.argv[3])

def words_per_second(articles, limit):
    started, words = time.process_time(), 0
    for article, _ in iter_mentions(articles, nlp=nlp):
        words += len(article.text.split())
        if time.process_time() - started > limit:
            break
    return words, time.process_time() - started

ordinary = [quotes.Article(f"seed{i}", t) for i, t in enumerate(seeds)]
w, s = words_per_second(ordinary, 1e9)
text = open(long_path, encoding="utf8").read()
# the long article in pieces as iter_mentions cuts it: time the pieces parsed within the limit
from quotes.api import pieces
parts = [quotes.Article(f"part{i}", p) for i, (_, p) in enumerate(pieces(text))]
lw, ls = words_per_second(parts, seconds)
print(json.dumps({"ordinary_words": w, "ordinary_seconds": s, "long_words": lw, "long_seconds": ls}))
"""


def quote_dense(n: int) -> str:
    """``n`` quotes, 20 to a paragraph, cycling through the templates."""
    sentences = [TEMPLATES[i % len(TEMPLATES)].format(i=i) for i in range(n)]
    return "\n".join(" ".join(sentences[i : i + 20]) for i in range(0, n, 20)) + "\n"


def news_like(chars: int, line_break: bool) -> str:
    """About ``chars`` characters of news-like sentences, on one line or a paragraph per four sentences."""
    block = " ".join(SENTENCES) + ("\n" if line_break else " ")
    return block * (chars // len(block) + 1)


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}


def child(args: list[str], stdin: str | None = None, seconds: float | None = None) -> dict:
    """Run a child process; stop it with SIGINT after ``seconds``; its output, exit status, time and peak RSS."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=out, stderr=err, text=True, env=env(), preexec_fn=_default_sigint
        )
        if stdin is not None:
            proc.stdin.write(stdin)
        proc.stdin.close()
        stopped = False
        while proc.poll() is None:
            if seconds is not None and _cpu_of(proc.pid) > seconds and not stopped:
                proc.send_signal(signal.SIGINT)
                stopped = True
            time.sleep(0.2)
        # poll() reaped the child: its rusage is in RUSAGE_CHILDREN, which holds the largest child so far;
        # each measurement therefore runs from a fresh benchmark process (see main) or compares upwards
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.seek(0)
        err.seek(0)
        return {
            "code": proc.returncode,
            "stdout": out.read(),
            "stderr": err.read(),
            "wall_seconds": time.perf_counter() - started,
            "seconds": usage.ru_utime + usage.ru_stime,  # CPU time: what a busy machine cannot inflate
            "rss_mb": usage.ru_maxrss / 1024,
            "stopped": stopped,
        }


def _default_sigint() -> None:
    """In the child before exec: Ctrl-C as in a terminal. A benchmark started in the background (``nohup ... &``)
    inherits SIGINT ignored, and Python keeps an inherited ignore, so the stop after ``--seconds`` was lost."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _cpu_of(pid: int) -> float:
    """CPU seconds a running process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_one(kind: str, arg: str, seconds: float) -> dict:
    """One measurement, in this (fresh) process; printed as JSON for the parent."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if kind == "scaling":
            n = int(arg)
            result = child([python, "-c", SCALING_CHILD], stdin=quote_dense(n))
            result.update(json.loads(result.pop("stdout")), quotes=n)
            return result
        if kind == "a-file":
            path = tmp / "a.txt"
            path.write_text('"a" ' * int(arg))
            return child([python, "-m", "quotes", "extract", str(path), "-o", str(tmp / "out")])
        if kind == "huge":
            mb, one_line = arg.split(":")
            path = tmp / "huge.txt"
            path.write_text(news_like(int(mb) * 1_000_000, line_break=one_line != "one-line"))
            return child([python, "-m", "quotes", "extract", str(path), "-o", str(tmp / "out")], seconds=seconds)
        if kind == "throughput":
            path = tmp / "long.txt"
            path.write_text(news_like(10_000_000, line_break=False))
            seeds = [p.read_text(encoding="utf8") for p in sorted((ROOT / "data").glob("*.txt"))] * 4
            result = child([python, "-c", THROUGHPUT_CHILD, json.dumps(seeds), str(path), str(seconds)])
            result.update(json.loads(result.pop("stdout")))
            return result
    raise ValueError(kind)


def measure(kind: str, arg: str, seconds: float) -> dict:
    """``measure_one`` in a fresh process, so RUSAGE_CHILDREN holds that one child only."""
    here = Path(__file__)
    out = subprocess.run(
        [sys.executable, str(here), "--one", kind, arg, "--seconds", str(seconds)],
        capture_output=True,
        text=True,
        env=env(),
        check=True,
    )
    return json.loads(out.stdout)


def report(scaling: list[dict], a_file: dict, huge: dict[str, dict], speed: dict, args: argparse.Namespace) -> str:
    per_quote = [r["seconds"] / r["quotes"] * 1000 for r in scaling]
    lines = [
        "# Robustness at size",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- machine: {os.cpu_count()} cores, Python {platform.python_version()}; each measurement in its own "
        "child process (peak RSS = that child's ru_maxrss)",
        f"- command: `{shlex.join(['python', 'benchmarks/robustness.py', *args.argv])}`",
        *([f"- note: {args.note}"] if args.note else []),
        "",
        "## Time per quote on quote-dense text (`quotes.extract_tables`, CPU time, model loading excluded)",
        "",
        "| quotes | characters | mentions found | seconds | ms per quote | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r, ms in zip(scaling, per_quote, strict=True):
        chars = len(quote_dense(r["quotes"]))
        lines.append(
            f"| {r['quotes']:,} | {chars:,} | {r['mentions']:,} | {r['seconds']:.1f} | {ms:.2f} | {r['rss_mb']:,.0f} |"
        )
    if len(per_quote) > 1:
        ratio = per_quote[-1] / per_quote[0]
        lines += ["", f"Ratio of time per quote, largest / smallest: **{ratio:.2f}** (target < 2)."]
    lines += ["", '## The 10,000 `"a"` file (40 KB, one line), `quotes extract` end to end', ""]
    if a_file:
        lines.append(
            f"{a_file['seconds']:.1f} CPU seconds ({a_file['wall_seconds']:.0f} s wall) including Python start and "
            "model loading (target < 10 s), "
            f"exit {a_file['code']}, peak RSS {a_file['rss_mb']:,.0f} MB."
        )
    if huge:
        lines += [
            "",
            f"{HUGE_HEADING}, `quotes extract` with the default options",
            "",
            "| input | CPU s | finished | exit | last line on stderr | peak RSS MB |",
            "|---|---:|---|---:|---|---:|",
        ]
    for name, r in huge.items():
        last = (r["stderr"].strip().splitlines() or [""])[-1].replace("|", "\\|")
        finished = "no, stopped with SIGINT" if r["stopped"] else "yes"
        lines.append(f"| {name} | {r['seconds']:.0f} | {finished} | {r['code']} | {last} | {r['rss_mb']:,.0f} |")
    if args.kept:
        lines += ["", args.kept]
    if not speed:
        return "\n".join(lines) + "\n"
    ordinary = speed["ordinary_words"] / speed["ordinary_seconds"]
    long = speed["long_words"] / speed["long_seconds"]
    lines += [
        "",
        "## Throughput, one process (`iter_mentions`)",
        "",
        "| texts | words | CPU seconds | words per CPU second |",
        "|---|---:|---:|---:|",
        f"| seed articles x4 | {speed['ordinary_words']:,} | {speed['ordinary_seconds']:.1f} | {ordinary:,.0f} |",
        f"| 10 MB one-line article (pieces parsed within {args.throughput_seconds:.0f} s) | {speed['long_words']:,} | "
        f"{speed['long_seconds']:.1f} | {long:,.0f} |",
        "",
        f"Ordinary / long words per second: **{ordinary / long:.2f}** (target < 2).",
    ]
    return "\n".join(lines) + "\n"


HUGE_HEADING = "## Huge inputs"
KEPT = "*Kept from an earlier run (`--skip-huge` does not rerun them)"


def kept_sections(earlier: str) -> str:
    """The huge-input and throughput sections of an earlier report, headed by where they come from."""
    at = earlier.find(HUGE_HEADING)
    if at < 0:
        return ""
    sections = earlier[at:].strip()
    kept_before = [line for line in earlier[:at].splitlines() if line.startswith(KEPT)]
    if kept_before:  # kept once already: its provenance line comes with it
        return f"{kept_before[-1]}\n\n{sections}"
    header = [line[2:] for line in earlier.splitlines() if line.startswith(("- date:", "- commit:", "- note:"))]
    return f"{KEPT}; {'; '.join(header)}*\n\n{sections}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 16000])
    parser.add_argument("--seconds", type=float, default=120, help="stop a huge input's run after this long")
    parser.add_argument(
        "--throughput-seconds", type=float, default=120, help="time the 10 MB article's pieces for this long"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "robustness.md")
    parser.add_argument("--note", help="a remark for the report, e.g. what else ran on the machine")
    parser.add_argument(
        "--skip-huge", action="store_true", help='only the quote-dense texts and the "a" file (minutes, not hours)'
    )
    parser.add_argument("--one", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    if args.one:
        print(json.dumps(measure_one(*args.one, args.seconds)))
        return
    scaling: list[dict] = []
    a_file: dict = {}
    huge: dict[str, dict] = {}
    speed: dict = {}

    # --skip-huge reruns the sections above the huge inputs: the earlier report's others are kept, not dropped
    args.kept = kept_sections(args.out.read_text()) if args.skip_huge and args.out.exists() else ""

    def save() -> None:  # after every measurement: a long run stopped midway still leaves its numbers
        args.out.write_text(report(scaling, a_file, huge, speed, args))

    a_file.update(measure("a-file", "10000", args.seconds))
    print(f'"a" x 10,000: {a_file["seconds"]:.1f} s', file=sys.stderr, flush=True)
    save()
    for n in args.sizes:
        scaling.append(measure("scaling", str(n), args.seconds))
        print(f"{n} quotes: {scaling[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
        save()
    if args.skip_huge:
        print(args.out.read_text())
        return
    for name, arg in (("10 MB, one line", "10:one-line"), ("50 MB, a line break every 4 sentences", "50:lines")):
        huge[name] = measure("huge", arg, args.seconds)
        print(f"{name}: {huge[name]['rss_mb']:,.0f} MB", file=sys.stderr, flush=True)
        save()
    speed.update(measure("throughput", "10mb", args.throughput_seconds))
    save()
    print(args.out.read_text())


if __name__ == "__main__":
    main()
