"""Measure quotes.merge on synthetic mentions: time, peak memory and how well it recovers the true quotes.

The mentions are made here, from a seeded generator, never read from or written to the repository:

- quotes: one to three clauses from 24 news-like templates, filled with each speaker's favourite topic
  words, a few hundred common English words (Zipf-distributed), proper names (some accented), numbers, and
  for about a quarter of the nouns a long tail of 20,000 made-up words standing in for the rare words,
  names and jargon of real news (also Zipf-distributed);
- speakers: one per 50 mentions, with Zipf-distributed output (the busiest says about a tenth of all quotes);
  each quote is repeated in a Zipf-distributed number of mentions (most once or twice, a few hundred times);
- versions: a quarter of the quotes also circulate in one or two rewrites (synonyms swapped, "I think" for
  "I believe", contractions spelled out);
- each mention then changes the surface of its version: curly or straight quotation marks and apostrophes,
  dropped commas, dashes, final punctuation, case, accents, spacing; one in five is cut to a partial quote
  (a contiguous run of at least three words); one in twenty loses its speaker.

Accuracy is measured against the quote each mention was made from, with B-cubed precision, recall and F1
over mentions (each mention: the share of its predicted cluster that is truly its quote, and the share of its
true quote that was put in its cluster) and, for comparison, pairwise precision, recall and F1 over pairs of
mentions. Time and memory are measured in a fresh process per size: the mentions are generated in one
process and written to a temporary directory, and a second process reads them, runs ``merge`` once and
reports its wall time and the process's peak resident memory (``ru_maxrss``, input table included).

Usage:
  python benchmarks/merge.py                       # 10k, 100k and 1M mentions
  python benchmarks/merge.py --sizes 10000 100000  # some sizes only
Writes ``benchmarks/merge.md`` (``--out``) with the date and the commit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
from _report import commit  # benchmarks run as scripts: their folder is on sys.path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from quotes.table import MENTIONS_SCHEMA, conform  # noqa: E402

NOUNS = """
government people country economy plan future year time decision community family children workers jobs
money budget tax market price energy climate water health care hospital school students teachers police
security border war peace election vote campaign party law court rights freedom system change reform crisis
problem issue challenge opportunity progress growth industry company business investment bank debt trade
agreement deal talks report evidence truth lie media city region state nation world leaders voters citizens
farmers doctors nurses patients vaccine virus housing rent wages inflation recovery infrastructure roads
transport railway airport technology data privacy internet platform research science universities strategy
policy program funding support pressure responsibility accountability trust history generation moment
beginning end step milestone victory defeat mistake success failure risk danger threat attack response
investigation scandal corruption justice violence protest demonstration strike union employers contract
""".split()
ADJECTIVES = """
important big new good bad difficult clear strong serious historic huge real fair safe dangerous necessary
unacceptable significant critical urgent simple complex long short better worse economic political public
national local global open honest free common fundamental major small modest remarkable terrible great
""".split()
VERBS = [
    ("protect", "protected"),
    ("build", "built"),
    ("fight", "fought"),
    ("support", "supported"),
    ("change", "changed"),
    ("deliver", "delivered"),
    ("fix", "fixed"),
    ("stop", "stopped"),
    ("win", "won"),
    ("lose", "lost"),
    ("reduce", "reduced"),
    ("increase", "increased"),
    ("create", "created"),
    ("defend", "defended"),
    ("invest in", "invested in"),
    ("cut", "cut"),
    ("address", "addressed"),
    ("review", "reviewed"),
    ("reject", "rejected"),
    ("accept", "accepted"),
    ("ignore", "ignored"),
    ("understand", "understood"),
    ("respect", "respected"),
    ("restore", "restored"),
    ("strengthen", "strengthened"),
    ("tackle", "tackled"),
    ("improve", "improved"),
    ("rebuild", "rebuilt"),
    ("finish", "finished"),
    ("start", "started"),
    ("help", "helped"),
    ("show", "showed"),
    ("save", "saved"),
    ("lead", "led"),
]
ADVERBS = "quickly seriously clearly together finally immediately carefully openly fully properly".split()
PLACES = """
Brussels Geneva Nairobi Lagos Jakarta Manila Ottawa Denver Chicago Boston Lisbon Madrid Warsaw Dublin Oslo
Montréal Zürich Bogotá Kraków Málaga São-Paulo Córdoba Göteborg Reykjavík Île-de-France Łódź Tromsø
""".split()
SYLLABLES = """
ka lo mi ra ven tor sel an bri do fal gor hel is jun kel mar nor pel quin ros sta tal ul vik wen yar zel
""".split()
ROLES = ["minister", "spokesperson", "chief executive", "mayor", "senator", "professor", "director", "chair"]
TAIL_WORDS = 20_000
HEDGES = ["I think", "I believe", "Frankly,", "To be honest,", "Look,"]
CLAUSES = [
    "we will {v} the {a} {n} of {p}",
    "this is {a} {n} for {p}",
    "it's the {a} {n} that {ved} the {n}",
    "they {ved} {num} and nobody {ved} the {n}",
    "{hedge} the {n} is {adv} {a}",
    "we don't have the {n} to {v} the {n}",
    "it was only the beginning of the {a} {n}",
    "the {n} in {p} is {adv} {a}",
    "our {n} will {v} the {n} — and the {n} of our {n}",
    "we're not going to {v} the {n} until the {n} is {a}",
    "{hedge} everybody's kind of grappling with the {n}",
    "the {n} has {ved} {num} since {year}",
    "I can't {v} a {n} that {ved} {num}",
    "it's a {a} {n}, a {a} {n} for the {n}",
    "nobody in {p} wants the {n} to {v} the {n}",
    "we {ved} the {n} and we will {v} the {n} again",
    "people in {p} deserve a {a} {n}",
    "the {n} is not {a}, it is {a}",
    "what we need is {a} {n} and {a} {n}",
    "I've never seen a {n} like this in {year}",
    "this {n} will {v} {num} over the next {few} years",
    "you can't {v} the {n} without the {n}",
    "they've {ved} the {n} of {p} for too long",
    "the {n} of {name} is a {a} {n}",
]
CONNECTORS = [", and ", ", but ", " because ", ". ", "; ", " — ", ", so "]
SYNONYMS = {
    "big": "large",
    "important": "crucial",
    "difficult": "hard",
    "huge": "enormous",
    "serious": "grave",
    "people": "citizens",
    "help": "assist",
    "start": "begin",
    "show": "demonstrate",
    "problem": "difficulty",
    "issue": "question",
    "quickly": "rapidly",
    "clearly": "obviously",
    "jobs": "work",
    "money": "funds",
    "fight": "battle",
    "protect": "safeguard",
    "fix": "repair",
    "change": "alter",
    "build": "construct",
    "dangerous": "risky",
    "necessary": "essential",
    "terrible": "awful",
    "great": "tremendous",
    "country": "nation",
    "children": "kids",
    "attack": "assault",
    "plan": "proposal",
    "deal": "agreement",
    "talks": "negotiations",
    "mistake": "error",
    "moment": "instant",
    "finally": "at last",
}
REWRITES = [
    ("I think", "I believe"),
    ("I believe", "I think"),
    ("kind of", "sort of"),
    ("it's", "it is"),
    ("we're", "we are"),
    ("don't", "do not"),
    ("can't", "cannot"),
    ("I've", "I have"),
    ("they've", "they have"),
]


def zipf_weights(n: int, exponent: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** exponent
    return w / w.sum()


def make_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class Generator:
    """Seeded source of quotes, versions and perturbed mentions."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.nouns = self._zipf_sampler(NOUNS)
        self.adjectives = self._zipf_sampler(ADJECTIVES)
        self.verbs = self._zipf_sampler(VERBS)
        # the long tail of a news vocabulary (names of things, jargon, rare words), as made-up words
        tail: set[str] = set()
        while len(tail) < TAIL_WORDS:
            tail.add(make_name(self.rng, self.rng.choice([2, 3, 3, 4])).lower())
        self.tail = sorted(tail)
        self.rng.shuffle(self.tail)
        self.tail_weights = np.cumsum(zipf_weights(TAIL_WORDS)).tolist()

    def rare(self) -> str:
        return self.rng.choices(self.tail, cum_weights=self.tail_weights)[0]

    def _zipf_sampler(self, items: list) -> list:
        # a long list with items repeated by Zipf weight: rng.choice on it samples Zipf-distributed
        counts = np.maximum(1, np.round(zipf_weights(len(items)) * 20 * len(items))).astype(int)
        return [item for item, c in zip(items, counts, strict=True) for _ in range(c)]

    def quote(self, topic: list[str]) -> str:
        rng = self.rng

        def noun() -> str:
            r = rng.random()
            return rng.choice(topic) if r < 0.35 else rng.choice(self.nouns) if r < 0.75 else self.rare()

        def verb(past: bool) -> str:
            return rng.choice(self.verbs)[past]

        fill = {
            "n": noun,
            "v": lambda: verb(False),
            "a": lambda: rng.choice(self.adjectives) if rng.random() < 0.8 else self.rare(),
            "ved": lambda: verb(True),
            "p": lambda: rng.choice(PLACES).replace("-", " "),
            "adv": lambda: rng.choice(ADVERBS),
            "hedge": lambda: rng.choice(HEDGES),
            "num": lambda: rng.choice(["{} percent", "${} billion", "{},000 jobs", "{} months", "{} people"]).format(
                rng.randint(2, 99)
            ),
            "year": lambda: str(rng.randint(1990, 2024)),
            "few": lambda: str(rng.randint(2, 12)),
            "name": lambda: f"{make_name(rng, 2)} {make_name(rng, 3)}",
        }
        clauses = []
        for _ in range(rng.choice([1, 1, 2, 2, 2, 3])):
            template = rng.choice(CLAUSES)
            parts = template.split("{")
            text = parts[0]
            for part in parts[1:]:
                slot, rest = part.split("}", 1)
                text += fill[slot]() + rest
            # a clause after a connector starts in lower case, as in the middle of a sentence
            clauses.append(text if not clauses or text.startswith("I ") else text[0].lower() + text[1:])
        text = clauses[0]
        for clause in clauses[1:]:
            text += rng.choice(CONNECTORS) + clause
        return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "!", ""])

    def rewrite(self, text: str) -> str:
        """Another version of a quote: a synonym or two and a different spelling of hedges and contractions."""
        rng = self.rng
        for old, new in REWRITES:
            if old in text and rng.random() < 0.7:
                text = text.replace(old, new, 1)
        words = text.split(" ")
        swappable = [i for i, w in enumerate(words) if w.lower().strip(",.;!") in SYNONYMS]
        for i in rng.sample(swappable, min(len(swappable), rng.choice([1, 1, 2]))):
            word = words[i]
            stripped = word.strip(",.;!")
            words[i] = word.replace(stripped, SYNONYMS[stripped.lower()])
        return " ".join(words)

    def perturb(self, text: str) -> tuple[str, bool]:
        """A mention of ``text`` as an article prints it, and whether it was cut to a fragment."""
        rng = self.rng
        fragment = False
        words = text.split()
        if len(words) >= 6 and rng.random() < 0.2:
            length = rng.randint(4, len(words) - 1) if rng.random() < 0.9 else 3
            start = rng.randint(0, len(words) - length)
            text = " ".join(words[start : start + length]).rstrip(",;")
            fragment = True
        if rng.random() < 0.5:
            text = text.replace("'", "’")
        if rng.random() < 0.3:
            text = text.replace(",", "")
        if rng.random() < 0.3:
            text = text.replace(" — ", rng.choice([", ", " - ", " -- ", "—"]))
        if rng.random() < 0.3:
            text = text.rstrip(".!") + rng.choice(["", "...", "…", ","])
        if rng.random() < 0.1:
            text = rng.choice(["“{}”", '"{}"', "'{}'"]).format(text)
        if rng.random() < 0.3:
            text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        r = rng.random()
        if r < 0.15:
            text = text[0].lower() + text[1:]
        elif r < 0.17:
            text = text.upper()
        if rng.random() < 0.1:
            i = text.find(" ", rng.randint(0, max(0, len(text) - 1)))
            if i > 0:
                text = text[:i] + rng.choice(["  ", "\n", "\u00a0"]) + text[i + 1 :]
        return text, fragment

    def mentions(self, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``n`` mentions as a mentions table, and per mention its true quote and what was done to it."""
        rng, nprng = self.rng, self.np
        n_speakers = max(20, n // 50)
        speakers, seen = [], set()
        while len(speakers) < n_speakers:
            name = f"{make_name(rng, 2)} {make_name(rng, rng.choice([2, 3]))}"
            if name not in seen:
                seen.add(name)
                speakers.append(name)
        roles = [rng.choice(ROLES) for _ in speakers]
        orgs = [f"{make_name(rng, 2)} {rng.choice(['Institute', 'Party', 'Group', 'Council'])}" for _ in speakers]
        topics = [rng.sample(NOUNS, 12) for _ in speakers]
        n_docs = max(10, n // 6)

        draws = np.minimum(nprng.zipf(2.0, size=n), 300)  # more than enough quotes
        n_quotes = int(np.searchsorted(np.cumsum(draws), n)) + 1
        counts = draws[:n_quotes].tolist()
        counts[-1] -= sum(counts) - n
        quote_speaker = nprng.choice(n_speakers, size=len(counts), p=zipf_weights(n_speakers))
        rows, truth, tags = [], [], []
        for q, (count, s) in enumerate(zip(counts, quote_speaker, strict=True)):
            original = self.quote(topics[s])
            versions = [original]
            if count > 1 and rng.random() < 0.25:
                versions += [self.rewrite(original) for _ in range(rng.choice([1, 1, 2]))]
            for _ in range(count):
                v = 0 if rng.random() < 0.7 else rng.randrange(len(versions))
                text, fragment = self.perturb(versions[v])
                unknown = rng.random() < 0.05
                role = roles[s] if rng.random() < 0.6 and not unknown else None
                org = orgs[s] if rng.random() < 0.5 and not unknown else None
                rows.append(
                    (
                        f"a{rng.randrange(n_docs):07d}",
                        "direct",
                        text,
                        0,
                        len(text),
                        "said",
                        None if unknown else speakers[s],
                        None if unknown else speakers[s],
                        role,
                        org,
                        "unknown" if unknown else "person",
                        0.9,
                        "body",
                    )
                )
                truth.append(q)
                tags.append(
                    "unknown speaker" if unknown else "fragment" if fragment else "rewrite" if v > 0 else "surface"
                )
        columns = [
            "doc_id",
            "kind",
            "quote",
            "start_char",
            "end_char",
            "cue",
            "speaker_mention",
            "speaker",
            "speaker_role",
            "speaker_org",
            "speaker_type",
            "confidence",
            "zone",
        ]
        frame = conform(pd.DataFrame(rows, columns=columns), MENTIONS_SCHEMA)
        order = nprng.permutation(n)  # articles are not grouped by quote
        frame = frame.iloc[order].reset_index(drop=True)
        labels = pd.DataFrame({"truth": np.asarray(truth)[order], "tag": np.asarray(tags)[order]})
        return frame, labels


def scores(predicted: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    """B-cubed and pairwise precision, recall and F1 of a clustering of mentions against the true one."""
    cells = pd.DataFrame({"p": predicted, "t": truth}).value_counts().rename("n").reset_index()
    size_p = cells.groupby("p")["n"].transform("sum").to_numpy(float)
    size_t = cells.groupby("t")["n"].transform("sum").to_numpy(float)
    n = cells["n"].to_numpy(float)
    total = n.sum()
    out = {"b3_precision": float((n * n / size_p).sum() / total), "b3_recall": float((n * n / size_t).sum() / total)}
    pairs_together = (n * (n - 1) / 2).sum()
    pairs_p = (pd.Series(predicted).value_counts().to_numpy(float) ** 2 - pd.Series(predicted).value_counts()).sum() / 2
    pairs_t = (pd.Series(truth).value_counts().to_numpy(float) ** 2 - pd.Series(truth).value_counts()).sum() / 2
    out["pair_precision"] = float(pairs_together / pairs_p) if pairs_p else 1.0
    out["pair_recall"] = float(pairs_together / pairs_t) if pairs_t else 1.0
    for kind in ("b3", "pair"):
        p, r = out[f"{kind}_precision"], out[f"{kind}_recall"]
        out[f"{kind}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def recall_by_tag(predicted: np.ndarray, truth: np.ndarray, tags: np.ndarray) -> dict[str, dict[str, float]]:
    """B-cubed precision and recall averaged over the mentions of each kind of change."""
    frame = pd.DataFrame({"p": predicted, "t": truth, "tag": tags})
    n_cell = frame.groupby(["p", "t"])["p"].transform("size")
    frame["precision"] = n_cell / frame.groupby("p")["p"].transform("size")
    frame["recall"] = n_cell / frame.groupby("t")["t"].transform("size")
    grouped = frame.groupby("tag")
    return {
        tag: {"mentions": int(len(g)), "precision": float(g["precision"].mean()), "recall": float(g["recall"].mean())}
        for tag, g in grouped
    }


def rss_mb() -> float:
    """Current resident memory of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def generate(size: int, seed: int, folder: Path) -> None:
    frame, labels = Generator(seed).mentions(size)
    frame.to_parquet(folder / "mentions.parquet")
    labels.to_parquet(folder / "labels.parquet")


def run(folder: Path) -> dict:
    """Merge the mentions in ``folder`` once; time, memory and scores (this process only)."""
    from quotes.merge import MIN_FRAGMENT_CONTENT, content_words, merge, normalise

    mentions = pd.read_parquet(folder / "mentions.parquet")
    before = rss_mb()
    start = time.perf_counter()
    merged, quotes = merge(mentions)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    labels = pd.read_parquet(folder / "labels.parquet")
    predicted = pd.factorize(merged["quote_id"])[0]
    truth, tags = labels["truth"].to_numpy(), labels["tag"].to_numpy().astype(object)
    # fragments too short for merge to place (by design) apart from the others
    fragment = np.flatnonzero(tags == "fragment")
    short = [len(content_words(normalise(q))) < MIN_FRAGMENT_CONTENT for q in mentions["quote"].iloc[fragment]]
    tags[fragment[short]] = f"fragment, < {MIN_FRAGMENT_CONTENT} content words"
    return {
        "mentions": len(mentions),
        "quotes": len(quotes),
        "true_quotes": int(pd.Series(truth).nunique()),
        "speakers": int(mentions["speaker"].nunique()),
        "seconds": seconds,
        "rss_before_mb": before,
        "peak_rss_mb": peak,
        **scores(predicted, truth),
        "by_tag": recall_by_tag(predicted, truth, tags),
    }


def cpu() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        return next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


def thresholds() -> str:
    import quotes.merge as m

    return (
        f"quotes/merge.py: a fragment joins when it has >= {m.MIN_FRAGMENT_TOKENS} tokens and >= "
        f"{m.MIN_FRAGMENT_CONTENT} content words; a rewrite when content-word Jaccard >= {m.REWRITE_JACCARD} "
        f"with >= {m.REWRITE_SHARED} shared; an unknown speaker's mention needs a fragment of >= "
        f"{m.UNKNOWN_FRAGMENT_CONTENT} content words or Jaccard >= {m.UNKNOWN_JACCARD} with >= "
        f"{m.UNKNOWN_SHARED} shared; blocking looks up each form's {m.PROBE_PHRASES} rarest word trigrams and "
        f"those in <= {m.RARE_PHRASE} forms, never those in > {m.COMMON_PHRASE}"
    )


def report(results: dict[int, dict], args: argparse.Namespace) -> str:
    lines = [
        "# Merging speed and accuracy",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- machine: {cpu()}, {os.cpu_count()} cores (merge runs on one), Python {platform.python_version()}, "
        f"pandas {pd.__version__}, numpy {np.__version__}",
        f"- command: `python benchmarks/merge.py{' ' + ' '.join(args.argv) if args.argv else ''}` (seed {args.seed})",
        "- data: synthetic mentions made by this script (see its docstring); time is one `merge()` call; peak "
        "memory is the process's maximum resident set (input table included), in a fresh process per size",
        "- accuracy: B-cubed over mentions (headline) and pairwise over pairs of mentions, against the quote "
        "each mention was generated from",
        "",
        "| mentions | speakers | true quotes | quotes found | time (s) | RSS before (MB) | peak RSS (MB) | "
        "B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results.values():
        lines.append(
            f"| {r['mentions']:,} | {r['speakers']:,} | {r['true_quotes']:,} | {r['quotes']:,} | {r['seconds']:.1f} "
            f"| {r['rss_before_mb']:,.0f} | {r['peak_rss_mb']:,.0f} | {r['b3_precision']:.3f} | {r['b3_recall']:.3f} "
            f"| {r['b3_f1']:.3f} | {r['pair_precision']:.3f} | {r['pair_recall']:.3f} | {r['pair_f1']:.3f} |"
        )
    largest = results[max(results)]
    lines += [
        "",
        f"B-cubed precision and recall by what was done to the mention ({largest['mentions']:,} mentions):",
        "",
        "| mention | mentions | B³ precision | B³ recall |",
        "|---|---:|---:|---:|",
    ]
    for tag, r in largest["by_tag"].items():
        lines.append(f"| {tag} | {r['mentions']:,} | {r['precision']:.3f} | {r['recall']:.3f} |")
    lines += [
        "",
        f"Thresholds ({thresholds()}).",
        "",
        "Target: 1M mentions in under 2 minutes and 4 GB, B-cubed F1 >= 0.95.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "merge.md")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)  # child process: write data here
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)  # child process: merge the data here
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    if args.generate:
        generate(args.sizes[0], args.seed, args.generate)
        return
    if args.run:
        print(json.dumps(run(args.run)))
        return

    results = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="quotes-merge-bench-") as tmp:
            print(f"{size:,} mentions: generating", flush=True)
            me = [sys.executable, __file__, "--seed", str(args.seed), "--sizes", str(size)]
            subprocess.run([*me, "--generate", tmp], check=True)
            print(f"{size:,} mentions: merging", flush=True)
            out = subprocess.run([*me, "--run", tmp], check=True, capture_output=True, text=True).stdout
            results[size] = json.loads(out.strip().splitlines()[-1])
        r = results[size]
        print(
            f"  {r['seconds']:.1f} s, peak {r['peak_rss_mb']:,.0f} MB, B-cubed F1 {r['b3_f1']:.3f}, "
            f"pairwise F1 {r['pair_f1']:.3f}",
            flush=True,
        )
    text = report(results, args)
    print(text)
    args.out.write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()
