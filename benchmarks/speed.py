"""Measure the speed of the bundled pipeline and the cost of the quotes components, in one process.

Text sets:
  - ``seeds``: the seed articles in ``data/*.txt``;
  - ``seeds x N``: the seed articles repeated to at least ``--words`` words (news with many quotes);
  - ``GUM+EWT test``: the raw texts of the GUM and EWT test documents, read at run time from the shared
    corpora (never copied into the repository); skipped when the corpora are not there.

For each set, ``nlp.pipe`` runs with the quotes components and with them disabled
(``nlp.select_pipes(disable=...)``), interleaved over ``--rounds`` rounds whose order alternates, so slow
drifts in machine load hit both sides alike. Speed is the median over rounds in tokens per second. The cost
of the components is given twice: the median over rounds of the paired ratio time(with) / time(without), and
the same ratio computed inside each "with" run from the components' own time (each wrapped in a timer),
which machine noise between runs cannot move.

Usage:
  python benchmarks/speed.py                          # the bundled pipeline, through quotes.load()
  python benchmarks/speed.py --model PATH             # quotes.load(PATH): another pipeline + the components
  python benchmarks/speed.py --model PATH --no-component   # the bare pipeline: speed only, no ratio
Writes ``benchmarks/speed.md`` (``--out``) with the date and the commit.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import spacy
from _report import commit  # benchmarks run as scripts: their folder is on sys.path
from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).parents[1]
CORPORA = ROOT / ".." / "shared" / "corpora"
BUNDLED = ROOT / "quotes" / "model"
# the pipes quotes.load adds: every factory the package registers is named quotes or quotes_* (pyproject.toml)
COMPONENT_PREFIX = "quotes"


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf8") for p in sorted((ROOT / "data").glob("*.txt"))]


def repeated(texts: list[str], words: int) -> list[str]:
    """``texts`` repeated whole until they hold at least ``words`` whitespace-separated words."""
    per_round = sum(len(t.split()) for t in texts)
    return texts * max(1, -(-words // per_round))


def conllu_docs(path: Path) -> Iterator[str]:
    """Raw document texts of a CoNLL-U file from its ``# text`` lines; paragraphs on their own lines."""
    parts: list[str] = []
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith("# newdoc") and parts:
            yield "".join(parts).strip()
            parts = []
        elif line.startswith("# newpar") and parts:
            parts.append("\n")
        elif line.startswith("# text ="):
            parts.append(line.split("=", 1)[1].strip() + " ")
    if parts:
        yield "".join(parts).strip()


def test_texts(corpora: Path) -> list[str]:
    """The GUM and EWT test documents (the splits training/evaluate.py scores), or [] without the corpora."""
    ewt = corpora / "ud-english-ewt" / "ewt-test.conllu"
    splits = corpora / "gum" / "splits.md"
    if not ewt.exists() or not splits.exists():
        return []
    section, gum_test = "", []
    for line in splits.read_text(encoding="utf8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif section == "test" and line.strip().startswith("* "):
            gum_test.append(line.strip()[2:].strip())
    texts = list(conllu_docs(ewt))
    for name in gum_test:
        path = corpora / "gum" / "dep" / f"{name}.conllu"
        if path.exists():  # the shared copy holds only the openly licensed genres
            texts += conllu_docs(path)
    return texts


class Timed:
    """A pipeline component that keeps calling ``proc`` doc by doc and adds up the time it takes."""

    def __init__(self, proc: Callable[[Doc], Doc]) -> None:
        self.proc, self.seconds = proc, 0.0

    def __call__(self, doc: Doc) -> Doc:
        start = time.perf_counter()
        doc = self.proc(doc)
        self.seconds += time.perf_counter() - start
        return doc


@contextmanager
def timing(nlp: Language, components: list[str]) -> Iterator[list[Timed]]:
    """Wrap ``components`` in ``Timed`` in place, so their own time is known within one ``nlp.pipe`` run.

    Swaps the entries of ``nlp._components`` (what ``nlp.pipe`` iterates) and puts the originals back after;
    ``replace_pipe`` would need registered factories. A wrapped component runs doc by doc, as a component
    without a ``pipe`` method does anyway.
    """
    original = list(nlp._components)
    timed = {name: Timed(proc) for name, proc in original if name in components}
    nlp._components[:] = [(name, timed.get(name, proc)) for name, proc in original]
    try:
        yield list(timed.values())
    finally:
        nlp._components[:] = original


def time_pipe(nlp: Language, texts: list[str], batch_size: int) -> tuple[float, int]:
    """Seconds to run ``nlp.pipe`` over ``texts`` and the number of tokens it produced."""
    start, tokens = time.perf_counter(), 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    return time.perf_counter() - start, tokens


def measure(
    nlp: Language,
    texts: list[str],
    components: list[str],
    rounds: int,
    batch_size: int,
    log: Callable[[str], None],
) -> dict[str, float]:
    """Speed with and without ``components``, interleaved over ``rounds``, and two estimates of their cost.

    ``ratio``: median over rounds of time(with) / time(without), the two runs of a round back to back.
    ``ratio_in_run``: median of time(with) / (time(with) - the components' own time in that run); both
    terms come from the same run, so machine noise between runs does not enter it.
    """
    with_runs, without_runs, own, tokens = [], [], [], 0
    for r in range(rounds):
        order = (True, False) if r % 2 == 0 else (False, True)
        for with_component in order if components else (False,):
            if with_component:
                with timing(nlp, components) as timed:
                    seconds, tokens = time_pipe(nlp, texts, batch_size)
                with_runs.append(seconds)
                own.append(sum(t.seconds for t in timed))
                log(f"  round {r + 1}: with components {seconds:.2f} s (their own {own[-1]:.2f} s)")
            else:
                with nlp.select_pipes(disable=components):
                    seconds, tokens = time_pipe(nlp, texts, batch_size)
                without_runs.append(seconds)
                log(f"  round {r + 1}: without components {seconds:.2f} s")
    result = {"docs": len(texts), "tokens": tokens, "wps_without": tokens / statistics.median(without_runs)}
    if components:
        result["wps_with"] = tokens / statistics.median(with_runs)
        result["ratio"] = statistics.median(w / wo for w, wo in zip(with_runs, without_runs, strict=True))
        result["ratio_in_run"] = statistics.median(w / (w - c) for w, c in zip(with_runs, own, strict=True))
    return result


def load(model: str | None, no_component: bool) -> Language:
    if no_component:
        return spacy.load(model or BUNDLED)
    sys.path.insert(0, str(ROOT))  # measure this checkout's quotes, installed or not
    try:
        from quotes.pipeline import load as quotes_load
    except ImportError as err:
        msg = f"cannot import quotes.pipeline.load ({err}); measure the bare pipeline with --no-component"
        raise SystemExit(msg) from err
    return quotes_load(model)


def cpu() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        name = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    except (OSError, StopIteration):
        name = platform.processor() or platform.machine()
    return name


def report(
    nlp: Language, model: str, components: list[str], results: dict[str, dict], args: argparse.Namespace
) -> str:
    """The results as markdown, with what is needed to reproduce them."""
    lines = [
        "# Speed",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- pipeline: `{model}` ({nlp.lang}_{nlp.meta.get('name')} {nlp.meta.get('version')}), "
        f"pipes {', '.join(nlp.pipe_names)}",
        f"- quotes components measured: {', '.join(components) if components else 'none (--no-component)'}",
        f"- machine: {cpu()}, {os.cpu_count()} cores, one process; Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}",
        f"- `nlp.pipe(texts, batch_size={args.batch_size})`, {args.rounds} interleaved rounds, medians; "
        "speed in spaCy tokens per second",
        f"- command: `{shlex.join(['python', 'benchmarks/speed.py', *args.argv])}`",
        *([f"- note: {args.note}"] if args.note else []),
        "",
        "| texts | docs | tokens | tokens/s with components | tokens/s without | ratio, paired runs "
        "| ratio, within run |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        cells = [name, f"{r['docs']:,}", f"{r['tokens']:,}"]
        cells += [f"{r['wps_with']:,.0f}" if "wps_with" in r else "-", f"{r['wps_without']:,.0f}"]
        cells += [f"{r[key]:.3f}" if key in r else "-" for key in ("ratio", "ratio_in_run")]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Ratios are time with the quotes components / time without them (target < 1.10). *Paired runs*: the "
        "two runs of a round back to back, median over rounds; on a busy machine it moves by several percent "
        "from run to run. *Within run*: time(with) / (time(with) - the components' own time in that run), "
        "median over rounds; it does not depend on how two runs compare.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="pipeline path or name (default: the bundled pipeline)")
    parser.add_argument("--no-component", action="store_true", help="load the bare pipeline: speed only")
    parser.add_argument("--component", action="append", help="pipe name(s) to disable (default: quotes*)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--words", type=int, default=100_000, help="size of the repeated-seeds set")
    parser.add_argument("--batch-size", type=int, default=16, help="as quotes.extract's default")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "speed.md")
    parser.add_argument("--note", help="a remark for the report, e.g. what else ran on the machine")
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv

    nlp = load(args.model, args.no_component)
    if args.no_component:
        components = []
    else:
        ours = [
            name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory.startswith(COMPONENT_PREFIX)
        ]
        components = args.component or ours
        if not components:
            raise SystemExit(
                f"no quotes component among the pipes {nlp.pipe_names}; name it with --component"
            )

    seeds = seed_texts()
    many = repeated(seeds, args.words)
    sets = {"seeds": seeds, f"seeds x {len(many) // len(seeds)}": many}
    if corpus := test_texts(args.corpora):
        sets["GUM+EWT test"] = corpus
    time_pipe(nlp, seeds, args.batch_size)  # warm up: first calls allocate and fill caches
    results = {}
    for name, texts in sets.items():
        print(f"{name}: {len(texts)} docs", flush=True)
        results[name] = measure(nlp, texts, components, args.rounds, args.batch_size, print)
    text = report(nlp, args.model or str(BUNDLED.relative_to(ROOT)), components, results, args)
    print(text)
    args.out.write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()
