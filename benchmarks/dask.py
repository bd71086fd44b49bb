"""Measure the dask engine: speed with 1 and 2 workers, its overhead, and memory per worker as the corpus grows.

The corpus is synthetic, built at run time from our own sentence templates (no corpus text): short articles
of two or three sentences (about 45 spaCy tokens), most with a quote, speakers written under several forms
across articles, some quotes repeated or cut down in other articles, some with no speaker. Short articles
keep the 50,000-article run within minutes on two cores; parsing time grows with the words, so the articles
per second here are those of short articles (see README for longer news).

What is measured, in one run:
  - **speed**: the same ``--speed`` articles through the default engine (this process, pipeline loaded before
    the clock starts), the dask engine with 1 worker and with 2 workers (cluster started and pipeline loaded
    on every worker before the clock starts; the tasks' frames in scratch files, as the command keeps them);
    articles per second from reading the files to the two tables in this process. The speed-up is 2 workers
    / 1 worker; the overhead is dask 1 worker / default.
  - **memory**: for each ``--sizes`` corpus, a fresh 2-worker cluster runs the whole extraction twice, the
    tasks' frames kept in scratch files (the command's default on a local cluster) and in the workers' memory;
    the peak resident memory of each worker process (``VmHWM``) and of this process (which holds the final
    tables, as the command does), the scratch folder's size, and the share of mentions in the largest merge
    bucket.

Usage:
  python benchmarks/dask.py                                   # speed on 2,000 articles; 1k, 10k, 50k sizes
  python benchmarks/dask.py --speed 1000 --sizes 1000 --out /tmp/dask.md --note 'quick look'
Writes ``benchmarks/dask.md`` (``--out``) with the date and the commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

# this file is named after the engine it measures: with its folder first on the path, `import dask` would find
# it. The folder goes last (after site-packages), for _report; worker processes inherit the same path.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import shlex  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

import pandas as pd  # noqa: E402
from _report import commit  # noqa: E402

import quotes  # noqa: E402
from quotes import distributed  # noqa: E402
from quotes.io import read_inputs  # noqa: E402
from quotes.records import Article  # noqa: E402

ROOT = Path(__file__).parents[1]
ARTICLES_PER_FILE = 1000

FIRST = ["Ana", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lena"]
LAST = ["Kovac", "Moreau", "Rinaldi", "Petrov", "Yilmaz", "Haddad", "Lindqvist", "Tanaka", "Ferreira", "Berg"]
ROLE = ["Mayor", "Minister", "Councillor", "Professor", "Senator", "Director"]
ORG = ["the port authority", "the city council", "the teachers' union", "the health ministry", "the rail operator"]
TOPIC = ["the harbour", "the new bridge", "the night trains", "the school meals", "the water prices", "the museum"]
VERB = ["will reopen", "must be rebuilt", "needs more money", "was badly planned", "can wait a year"]
TAIL = ["before the winter", "for everyone in town", "whatever the cost", "as we promised", "by next spring"]
CUE = ["said", "told reporters", "added", "warned", "insisted"]


def synthetic(n: int, seed: int = 0) -> list[Article]:
    """``n`` short articles from the templates above; the same ``n`` and ``seed`` give the same articles."""
    rng = random.Random(seed)
    people = [(rng.choice(ROLE), f, rng.choice(LAST)) for f in FIRST for _ in range(3)]
    said: list[tuple[tuple[str, str, str], str]] = []  # quotes already written, to repeat in later articles
    articles = []
    for i in range(n):
        role, first, last = person = rng.choice(people)
        topic = rng.choice(TOPIC)
        if said and rng.random() < 0.3:  # a quote retold: whole, cut down, or without its speaker
            person, quote = rng.choice(said)
            role, first, last = person
            if rng.random() < 0.5:
                quote = " ".join(quote.split()[:5])
        else:
            quote = f"{topic[0].upper()}{topic[1:]} {rng.choice(VERB)} {rng.choice(TAIL)}"
            said.append((person, quote))
        form = rng.choice([f"{role} {first} {last}", f"{first} {last}", last])
        sentences = [f"The debate about {topic} went on in the town hall on day {i % 28 + 1}."]
        if rng.random() < 0.1:
            sentences.append(f'"{quote}," one resident {rng.choice(CUE)}.')
        else:
            sentences.append(f'"{quote}," {form} {rng.choice(CUE)}.')
        if rng.random() < 0.5:
            sentences.append(f"According to {rng.choice(ORG)}, a decision is expected in {rng.choice(TAIL[4:])}.")
        articles.append(Article(f"syn{seed}_{i:06d}", " ".join(sentences)))
    return articles


def write_corpus(articles: list[Article], folder: Path) -> list[str]:
    """The articles as jsonl files of ``ARTICLES_PER_FILE`` lines (one Dask partition each)."""
    paths = []
    for lo in range(0, len(articles), ARTICLES_PER_FILE):
        path = folder / f"part{lo // ARTICLES_PER_FILE:04d}.jsonl"
        lines = (json.dumps({"id": a.doc_id, "text": a.text}) for a in articles[lo : lo + ARTICLES_PER_FILE])
        path.write_text("\n".join(lines) + "\n", encoding="utf8")
        paths.append(str(path))
    return paths


def run_dask(client, paths: list[str], scratch: Path | None) -> tuple[float, quotes.Tables, int, float]:
    """Seconds from the files to both tables in this process, as ``quotes extract --engine dask`` does it (its
    local cluster keeps the tasks' frames in a scratch folder in OUT; None: in the workers' memory), and the
    MB the scratch folder held at the end."""
    started = time.perf_counter()
    with distributed.scratch_folder(scratch) as folder:
        found, pieces, n_articles, _ = distributed.file_graph(distributed.plan(paths), scratch=folder)
        found, pieces, n_articles = client.compute([found, pieces, n_articles], sync=True)
        tables = distributed.tables_of(found, pieces)
        disk_mb = folder_mb(folder)
    return time.perf_counter() - started, tables, n_articles, disk_mb


def run_dask_datasets(client, paths: list[str], out: Path, scratch: Path | None) -> tuple[float, int, float]:
    """Seconds from the files to both tables written as Parquet datasets by the workers (``--dataset``)."""
    started = time.perf_counter()
    with distributed.scratch_folder(scratch) as folder:
        found, pieces, n_articles, _ = distributed.file_graph(distributed.plan(paths), scratch=folder)
        folders = {"mentions": out / "mentions.parquet", "quotes": out / "quotes.parquet"}
        _, n_articles = distributed.write_datasets(client, found, pieces, folders, extra=[n_articles])
        disk_mb = folder_mb(folder)
    return time.perf_counter() - started, n_articles, disk_mb


def folder_mb(folder: str | None) -> float:
    return sum(f.stat().st_size for f in Path(folder).iterdir()) / 2**20 if folder else 0.0


def run_default(paths: list[str]) -> tuple[float, quotes.Tables]:
    nlp = quotes.load()
    started = time.perf_counter()
    articles = (a for a in read_inputs(paths) if isinstance(a, Article))
    tables = quotes.extract_tables(articles, nlp=nlp)
    return time.perf_counter() - started, tables


def peak_rss_mb() -> float:
    """This process's peak resident memory: ``VmHWM``, the high-water mark of its own address space.

    Not ``ru_maxrss``: a worker process is started by the nanny in the process that started the cluster, and
    Linux carries the parent's high-water mark over fork and exec into the child's ``ru_maxrss`` (a worker
    spawned beside a 1 GB parent reports 1,084 MB there and 64 MB in ``VmHWM``). Before 2026-12-02 18:05 this
    report read ``ru_maxrss``: its per-worker peaks were this process's memory whenever that was the larger.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no VmHWM line: ru_maxrss, in KiB


def bucket_share(tables: quotes.Tables, n_partitions: int) -> float:
    """The share of mentions in the largest merge bucket, as the engine splits them."""
    sizes = distributed.bucket_sizes(tables.mentions, min(n_partitions, distributed.MAX_BUCKETS))
    return max(sizes) / max(sum(sizes), 1)


def graph_lines(sizes: tuple[int, ...] = (100, 1000)) -> list[str]:
    """CPU time to write down the whole task graph (``file_graph``, nothing run) for many partitions."""
    rows = []
    for n in sizes:
        started = time.process_time()
        distributed.file_graph([[f"/absent/{i}.txt"] for i in range(n)])
        rows.append(f"| {n:,} | {time.process_time() - started:.2f} |")
    return [
        "## Writing the task graph down (client side, before any task runs)",
        "",
        "| partitions | CPU seconds |",
        "|---:|---:|",
        *rows,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--speed", type=int, default=2000, help="articles for the speed runs")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "dask.md")
    parser.add_argument("--note", default="")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--datasets",
        action="store_true",
        help="memory runs write Parquet datasets from the workers (--dataset) instead of gathering the tables here",
    )
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        speed_rows = []
        if not args.skip_speed:
            (Path(tmp) / "speed").mkdir()
            paths = write_corpus(synthetic(args.speed), Path(tmp) / "speed")
            default_s, expected = run_default(paths)
            speed_rows.append(("default (this process)", default_s))
            for workers in (1, 2):
                with distributed.connect(workers=workers) as client:
                    distributed.warm(client)
                    seconds, got, _, _ = run_dask(client, paths, Path(tmp))
                pd.testing.assert_frame_equal(got.mentions, expected.mentions)
                pd.testing.assert_frame_equal(got.quotes, expected.quotes)
                speed_rows.append((f"dask, {workers} worker{'s' if workers > 1 else ''}", seconds))
                print(f"speed: dask {workers} worker(s): {args.speed / seconds:.1f} articles/s", file=sys.stderr)
            lines += [
                f"## Speed ({args.speed:,} articles, {len(expected.mentions):,} mentions, same tables on every row)",
                "",
                "| engine | seconds | articles/s |",
                "|---|---:|---:|",
                *[f"| {name} | {s:.1f} | {args.speed / s:.1f} |" for name, s in speed_rows],
                "",
                f"- speed-up, 2 workers / 1 worker: **{speed_rows[1][1] / speed_rows[2][1]:.2f}x** (target >= 1.7x)",
                f"- overhead, dask 1 worker / default: **{speed_rows[1][1] / speed_rows[0][1]:.3f}** "
                "(time ratio; includes the scheduler, moving mention records and the two-pass global steps)",
                "",
            ]
        memory_rows = []
        for n in args.sizes:
            folder = Path(tmp) / f"n{n}"
            folder.mkdir()
            paths = write_corpus(synthetic(n, seed=1), folder)
            for where, scratch in (("scratch files", folder), ("workers' memory", None)):
                with distributed.connect(workers=2) as client:
                    distributed.warm(client)
                    if args.datasets:
                        seconds, n_articles, disk_mb = run_dask_datasets(client, paths, folder, scratch)
                    else:
                        seconds, tables, n_articles, disk_mb = run_dask(client, paths, scratch)
                    workers_mb = sorted(client.run(peak_rss_mb).values())
                assert n_articles == n
                here_mb = peak_rss_mb()
                if args.datasets:  # read back once measured
                    mentions = pd.read_parquet(folder / "mentions.parquet")
                    tables = quotes.Tables(mentions, pd.read_parquet(folder / "quotes.parquet"))
                share = bucket_share(tables, len(paths))
                memory_rows.append((n, len(tables.mentions), where, seconds, workers_mb, here_mb, disk_mb, share))
                print(f"memory: {n} articles, {where}: workers {workers_mb} MB, {seconds:.0f} s", file=sys.stderr)
        lines += [
            "## Memory per worker as the corpus grows (2 workers, fresh cluster per size and run, "
            + ("the workers writing Parquet datasets, `--dataset`)" if args.datasets else "tables gathered here)"),
            "",
            "| articles | mentions | tasks' frames kept in | seconds | articles/s | peak RSS per worker (MB) | "
            "this process (MB) | scratch folder (MB) | largest merge bucket |",
            "|---:|---:|---|---:|---:|---|---:|---:|---:|",
            *[
                f"| {n:,} | {m:,} | {where} | {s:.0f} | {n / s:.1f} | {', '.join(f'{w:.0f}' for w in mb)} | "
                f"{me:.0f} | {disk:.1f} | {share:.0%} |"
                for n, m, where, s, mb, me, disk, share in memory_rows
            ],
            "",
            "*Scratch files*: what the command does with a local cluster (`--scratch`, default OUT): every task "
            "writes the frames it returns to lz4-compressed Arrow files and Dask holds only their names; "
            "*workers' memory*: Dask holds the frames (the command with `--scheduler` and no `--scratch`). "
            "*Scratch folder*: its size at the end of the run, before it is removed.",
            "",
            (
                "*This process* is the client: it holds the task graph and the small results, the workers write "
                "the tables; run after the speed runs, it also holds the default engine's pipeline and its peak is "
                "the largest of all sizes so far. "
                if args.datasets
                else "*This process* holds the two final tables (as the command does before writing single files) "
                "and, run after the speed runs, the default engine's pipeline: its peak is the largest of all sizes "
                "so far. "
            )
            + "*Largest merge bucket*: the share of mentions in the largest of the buckets that merge apart, one "
            "task each (`distributed.bucket_sizes`: buckets by speaker, and the mentions without a speaker, with "
            "the speakers that share a word trigram with one of them, split by family of forms; one bucket per "
            "partition by speaker, at most 64).",
        ]
    lines += ["", *graph_lines()]
    header = [
        "# Dask engine",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}, dask {__import__('dask').__version__}, pandas {pd.__version__}",
        f"- command: `python benchmarks/dask.py {shlex.join(sys.argv[1:])}`",
        f"- corpus: synthetic short articles from our own templates (about 45 tokens, {ARTICLES_PER_FILE:,} per "
        "jsonl file, one partition each)",
    ]
    if args.note:
        header.append(f"- note: {args.note}")
    args.out.write_text("\n".join([*header, "", *lines, ""]), encoding="utf8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
