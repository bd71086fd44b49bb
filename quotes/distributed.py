"""The Dask engine: the same two tables, computed by many processes or machines.

Articles are split into partitions; one task per partition reads its inputs (on the worker), runs the pipeline
(loaded once per worker process by ``pipeline.load``'s cache: no pipeline or Doc is ever sent) and returns
plain mention records. The two corpus-wide steps are then made of small reductions and per-group work:

- **Canonical speakers.** Each partition sends its distinct (``doc_id``, speaker columns) rows with how many
  mentions each stands for; ``canonicalize`` runs once on those (its decisions depend only on them and their
  counts) and each partition maps the answer back onto its rows.
- **Merging.** ``merge`` compares two forms only when they have the same speaker, or when one has no speaker
  and they share a word trigram; and it picks the trigrams to compare by how many forms in the corpus hold
  them. So mentions are shuffled into buckets by canonical speaker. The mentions without a speaker, with the
  speakers that share a trigram with one of them, are split by family instead: their distinct (speaker,
  wording) forms, which are few beside the mentions, are gathered in one task, which finds the families of
  forms that ``merge`` weighs linking (``merge.form_families``); each family goes to one bucket. The corpus's
  trigram counts (64-bit hashes, only those held by two forms or more) go to every bucket, and each bucket
  merges on its own. Quote ids go back to the partitions of the articles; the quotes are sorted as ``merge``
  sorts.

Between these steps Dask holds each task's result until its last consumer has run. Given a scratch folder on a
disk that the workers share (``file_graph``; the command gives one in OUT with a local cluster), the tasks
write the frames they return there and Dask holds their file names instead (``_on_disk``).

The result is the default engine's, row for row (tests/test_distributed.py). dask is imported only when this
engine is used: ``pip install 'quotes[dask]'``.
"""

from __future__ import annotations

import glob
import operator
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from .api import BODY, Failure, Tables, as_articles, iter_mentions
from .canonical import SPEAKER_COLUMNS, canonicalize
from .io import TEXT_SUFFIXES, FilePart, InputProblem, folder_files, free_id, matching_files, read_sources, split_file
from .merge import compared_speaker, form_families, form_keys, form_mentions, form_phrases, form_table, merge
from .pipeline import load
from .records import Article
from .table import MENTIONS_SCHEMA, QUOTES_SCHEMA, conform, empty_frame, mentions_frame

if TYPE_CHECKING:
    from distributed import Client

# a mention's position in the corpus: its partition << POSITION_BITS | its row in the partition
POSITION_BITS = 32
# text files per partition when reading folders; a jsonl, csv or Parquet file is one partition, but a jsonl or
# Parquet file bigger than PART_BYTES is read as parts of about that size (some 1,000-3,000 news articles each)
FILES_PER_PARTITION = 500
PART_BYTES = 8 << 20
ARTICLES_PER_PARTITION = 500  # articles given from Python
# merge buckets: at most this many (each partition is split into one piece per bucket, so the shuffle has
# partitions x buckets pieces); a bucket of a 1M-article corpus then holds some 10^5 mentions, which merge
# takes in seconds
MAX_BUCKETS = 64
SPEAKER_KEY = ["doc_id", *SPEAKER_COLUMNS]
MISSING = "the dask engine needs dask and distributed: pip install 'quotes[dask]'"


class DaskMissing(ImportError):
    """The dask engine was asked for and dask.distributed is not installed."""


def require_dask() -> None:
    """Import dask, dask.dataframe and distributed, or raise ``DaskMissing`` with what to install."""
    try:
        import dask  # noqa: F401
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as err:
        raise DaskMissing(f"{MISSING} ({err})") from None


# --- the tasks: plain pandas, run on the workers ------------------------------------------------------------


def _positions(part: int, n: int) -> pd.Index:
    return pd.Index((part << POSITION_BITS) + np.arange(n, dtype=np.int64), name="position")


def _extract(
    articles: Iterable[Article], part: int, model: str | None, batch_size: int, zones, failures=None
) -> pd.DataFrame:
    """Mentions of the articles, indexed by position; the pipeline is loaded once per process."""
    nlp = load(model)
    found = []
    for _, mentions in iter_mentions(articles, nlp=nlp, batch_size=batch_size, failures=failures, zones=zones):
        found += mentions
    frame = mentions_frame(found)
    frame.index = _positions(part, len(frame))
    return frame


def _read_extract(paths: list[str | FilePart], part: int, model, batch_size: int, zones) -> tuple:
    """Read and extract one partition of input files: (mentions, doc_ids, sources, problems, failures).

    The mentions name their article by its number in the partition until ``_name_articles`` gives the ids,
    which depend on the ids of all earlier partitions (an id taken twice is renamed, as ``read_inputs`` does).
    """
    articles, sources, problems = [], [], []
    for item in read_sources(paths):
        if isinstance(item, InputProblem):
            problems.append(item)
        else:
            sources.append(item[0])
            articles.append(item[1])
    numbered = (Article(str(n), a.text) for n, a in enumerate(articles))
    failures: list[Failure] = []  # reported and left without quotes, as the default engine's command does
    found = _extract(numbered, part, model, batch_size, zones, failures)
    return found, [a.doc_id for a in articles], sources, problems, failures


def _free_ids(ids: Sequence[list[str]], sources: Sequence[list[str]]) -> tuple[list[list[str]], list[InputProblem]]:
    """Every partition's article ids, those taken by an earlier article renamed as ``read_inputs`` does."""
    taken: set[str] = set()
    free, problems = [], []
    for part_ids, part_sources in zip(ids, sources, strict=True):
        named = []
        for doc_id, source in zip(part_ids, part_sources, strict=True):
            name, problem = free_id(source, doc_id, taken)
            named.append(name)
            if problem:
                problems.append(problem)
        free.append(named)
    return free, problems


def _name_articles(found: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Mentions with their article's number in the partition replaced by its id."""
    out = found.copy()
    number = out["doc_id"].astype(int).to_numpy()
    out["doc_id"] = pd.array(np.asarray(ids, dtype=object)[number], dtype="string")
    return out


def _frame_extract(frame: Any, part: int, model, batch_size: int, zones) -> pd.DataFrame:
    """Extract a partition of a dask DataFrame (``id`` or ``doc_id``, ``text``) or bag of articles."""
    if isinstance(frame, pd.DataFrame):
        id_column = "doc_id" if "doc_id" in frame else "id"
        articles = [Article(str(i), t) for i, t in zip(frame[id_column], frame["text"], strict=True)]
    else:
        articles = [_as_article(item) for item in frame]
    return _extract(articles, part, model, batch_size, zones)


def _as_article(item: Any) -> Article:
    if isinstance(item, Article):
        return item
    if isinstance(item, dict):
        return Article(str(item["doc_id"] if "doc_id" in item else item["id"]), item["text"])
    doc_id, text = item
    return Article(str(doc_id), text)


def _speaker_rows(found: pd.DataFrame) -> pd.DataFrame:
    """The distinct (doc_id, speaker columns) rows, in order of first appearance, with their counts ``n``."""
    rows = found.groupby(SPEAKER_KEY, dropna=False, sort=False).size().rename("n").reset_index()
    return rows.astype({col: found[col].dtype for col in SPEAKER_KEY})


def _canonical(rows: Sequence[pd.DataFrame]) -> list[pd.DataFrame]:
    """``canonicalize`` on the distinct speaker rows of all partitions at once, split back by partition."""
    sizes = [len(r) for r in rows]
    everything = pd.concat(rows, ignore_index=True)
    if everything.empty:
        return [r[list(SPEAKER_COLUMNS)] for r in rows]
    done = canonicalize(everything.drop(columns="n"), everything["n"].to_numpy())[list(SPEAKER_COLUMNS)]
    bounds = np.cumsum([0, *sizes])
    return [done.iloc[lo:hi].reset_index(drop=True) for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]


def _apply_canonical(found: pd.DataFrame, canonical: pd.DataFrame) -> pd.DataFrame:
    """The partition's mentions with the canonical speaker columns of their rows in ``_speaker_rows``."""
    out = found.copy()
    if out.empty:
        return out
    codes = found.groupby(SPEAKER_KEY, dropna=False, sort=False).ngroup().to_numpy()
    for col in SPEAKER_COLUMNS:
        out[col] = pd.array(canonical[col].to_numpy(dtype=object, na_value=None)[codes], dtype=out[col].dtype)
    return out


def _unknown_phrases(found: pd.DataFrame) -> np.ndarray:
    """The trigram hashes of the forms that have no speaker."""
    phrases = form_phrases(found)
    return np.unique(phrases.loc[phrases["speaker"].isna(), "phrase"].to_numpy(dtype=np.uint64))


def _union(arrays: Sequence[np.ndarray]) -> np.ndarray:
    return np.unique(np.concatenate([np.zeros(0, dtype=np.uint64), *arrays]))


def _speakers_meeting(found: pd.DataFrame, unknown: np.ndarray) -> set[str]:
    """The speakers with a form that shares a trigram with a form that has no speaker."""
    phrases = form_phrases(found)
    meet = phrases["speaker"].notna().to_numpy() & np.isin(phrases["phrase"].to_numpy(dtype=np.uint64), unknown)
    return set(phrases.loc[meet, "speaker"])


def _all(sets: Sequence[set[str]]) -> set[str]:
    return set().union(*sets)


def _buckets(found: pd.DataFrame, shared: set[str], n: int) -> list[pd.DataFrame]:
    """Split mentions into ``n`` buckets by speaker: bucket 0 for the unknown and the ``shared`` speakers.

    Speakers are compared stripped, as ``merge`` compares them, so all of a speaker's forms meet.
    """
    speaker = compared_speaker(found)
    together = (speaker.isna() | speaker.isin(shared)).to_numpy()
    if n == 1:
        bucket = np.zeros(len(found), dtype=np.int64)
    else:
        hashed = pd.util.hash_array(speaker.fillna("").to_numpy(dtype=object)) % np.uint64(n - 1)
        bucket = np.where(together, 0, hashed.astype(np.int64) + 1)
    return [found[bucket == b] for b in range(n)]


def _gather_forms(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """One ``form_table`` of the unknown-speaker group from those of its pieces in every partition."""
    forms = pd.concat(tables, ignore_index=True)
    grouped = forms.groupby("key", sort=False)
    return grouped.agg(speaker=("speaker", "first"), words=("words", "first"), n=("n", "sum")).reset_index()


def _form_buckets(forms: pd.DataFrame, counts: pd.Series, n: int) -> pd.Series:
    """The bucket of each form of the unknown-speaker group (indexed by its key), by its family of forms
    (``form_families``): whole families stay together, so each bucket merges on its own."""
    bucket = form_families(forms, phrase_counts=counts) % np.uint64(n)
    return pd.Series(bucket.astype(np.int64), index=forms["key"].to_numpy(dtype=np.uint64))


def _blocks(group: pd.DataFrame, buckets: pd.Series, n: int) -> list[pd.DataFrame]:
    """A partition's piece of the unknown-speaker group split into ``n`` buckets, by ``_form_buckets``."""
    bucket = buckets.reindex(form_keys(group)).to_numpy(dtype=np.int64)
    return [group[bucket == b] for b in range(n)]


def _gather(pieces: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """One bucket: its pieces from every partition, in corpus order."""
    return pd.concat(pieces).sort_index(kind="stable")


def _phrase_counts(bucket: pd.DataFrame) -> pd.Series:
    """How many forms of the bucket hold each trigram (a form is whole within one bucket)."""
    return form_phrases(bucket)["phrase"].value_counts()


def _form_phrase_counts(forms: pd.DataFrame) -> pd.Series:
    """How many forms of a whole ``form_table`` hold each trigram."""
    return _phrase_counts(form_mentions(forms))


def _corpus_phrase_counts(counts: Sequence[pd.Series]) -> pd.Series:
    """The corpus's trigram counts; a trigram held by one form only counts as its own bucket counts it."""
    total = pd.concat(counts).groupby(level=0).sum()
    return total[total > 1]


# what ``merge`` writes into a bucket's mentions: the quote id, and speakers taken from other articles
MERGED_COLUMNS = ["quote_id", *SPEAKER_COLUMNS, "speaker_rule"]


def _merge_bucket(bucket: pd.DataFrame, counts: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``merge`` one bucket: what it wrote into each mention (``MERGED_COLUMNS``, by position) and the quotes,
    with ``first_position``."""
    if bucket.empty:
        return conform(bucket, MENTIONS_SCHEMA)[MERGED_COLUMNS].set_axis(bucket.index), _quotes_meta()
    merged, quotes = merge(bucket, phrase_counts=counts)
    written = merged[MERGED_COLUMNS].set_axis(bucket.index)
    first = written["quote_id"].rename_axis("position").reset_index().drop_duplicates("quote_id")
    quotes["first_position"] = quotes["quote_id"].map(first.set_index("quote_id")["position"]).astype(np.int64)
    return written, quotes


def _by_partition(ids: pd.DataFrame, n: int) -> list[pd.DataFrame]:
    part = ids.index.to_numpy() >> POSITION_BITS
    return [ids[part == p] for p in range(n)]


def _with_quote_ids(found: pd.DataFrame, pieces: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The partition's mentions with what the buckets wrote into them (quote ids, speakers from other
    articles), in the schema's columns."""
    written = pd.concat(pieces).reindex(found.index)
    out = conform(found, MENTIONS_SCHEMA)
    out.index = found.index
    for column in MERGED_COLUMNS:
        out[column] = pd.array(written[column].to_numpy(dtype=object, na_value=None), dtype=out[column].dtype)
    return out


def _dask_sorted(quotes: Any, shuffle_method: str | None = None) -> Any:
    """A Dask DataFrame of bucket quotes sorted into ``merge``'s order, without ``first_position``."""
    quotes = quotes.map_partitions(_sort_keys, meta=_sort_keys(_quotes_meta()))
    keys = ["_n_docs", "_n_mentions", "first_position"]
    quotes = quotes.sort_values(keys, ascending=[False, False, True], shuffle_method=shuffle_method)
    return quotes.drop(columns=keys)


def _sort_keys(quotes: pd.DataFrame) -> pd.DataFrame:
    return quotes.assign(_n_docs=quotes["n_docs"].astype(np.int64), _n_mentions=quotes["n_mentions"].astype(np.int64))


def _quotes_meta() -> pd.DataFrame:
    return empty_frame(QUOTES_SCHEMA).assign(first_position=pd.Series(dtype=np.int64))


def _mentions_meta() -> pd.DataFrame:
    meta = empty_frame(MENTIONS_SCHEMA)
    meta.index = _positions(0, 0)
    return meta


def _divisions(n: int) -> tuple[int, ...]:
    return (*[p << POSITION_BITS for p in range(n)], (n << POSITION_BITS) - 1)


# --- intermediate results on disk -------------------------------------------------------------------------


class Spilled(NamedTuple):
    """A DataFrame that a task wrote to the scratch folder: record batch ``batch`` of the Arrow file ``path``."""

    path: str
    batch: int


def _on_disk(func: Any, scratch: str, *args: Any) -> Any:
    """Run a task with its ``Spilled`` arguments read back, and write the DataFrames of its result to ``scratch``.

    Dask holds every result until its last consumer has run, and the global steps need all partitions before
    any goes on: in memory, a worker's share of the corpus's mentions is held several times over (each stage's
    copy, the shuffle's pieces, the finished partitions). On disk, a worker holds the frames of the task it
    runs; of the results it keeps, the frames are file names, and only the small ones stay as they are (the
    article ids, the speaker sets, the trigram counts, the buckets of the forms).
    """
    return _spill(func(*map(_unspill, args)), scratch)


def _spill(result: Any, scratch: str) -> Any:
    """A DataFrame -> its ``Spilled``; a list of DataFrames -> a batch each (one file for those of the same
    columns and dtypes, as the pieces of one partition are); a plain tuple: item by item; the rest as it is."""
    if isinstance(result, pd.DataFrame):
        return _write_frames([result], scratch)[0]
    if isinstance(result, list) and result and all(isinstance(item, pd.DataFrame) for item in result):
        first = result[0].dtypes
        if all(item.dtypes.equals(first) for item in result):
            return _write_frames(result, scratch)
        return [_write_frames([item], scratch)[0] for item in result]
    if type(result) is tuple:
        return tuple(_spill(item, scratch) for item in result)
    return result


def _unspill(arg: Any) -> Any:
    """``arg`` with every ``Spilled`` in it (or in its plain lists and tuples) read back as its DataFrame; other
    named tuples (``Failure``, ...) are left whole."""
    if isinstance(arg, Spilled):
        import pyarrow as pa

        with pa.memory_map(arg.path) as source:
            return pa.Table.from_batches([pa.ipc.open_file(source).get_batch(arg.batch)]).to_pandas()
    if type(arg) in (list, tuple):
        return type(arg)(map(_unspill, arg))
    return arg


def _write_frames(frames: list[pd.DataFrame], scratch: str) -> list[Spilled]:
    """Frames with the same columns as one lz4-compressed Arrow file in ``scratch``, index kept."""
    import pyarrow as pa

    path = os.path.join(scratch, f"{secrets.token_hex(8)}.arrow")
    schema = pa.Schema.from_pandas(frames[0], preserve_index=True)
    options = pa.ipc.IpcWriteOptions(compression="lz4")
    with open(path, "xb") as sink, pa.ipc.new_file(sink, schema, options=options) as writer:  # x: never another's
        for frame in frames:
            table = pa.Table.from_pandas(frame, schema=schema, preserve_index=True)
            writer.write_batch(pa.record_batch([column.combine_chunks() for column in table.columns], schema=schema))
    return [Spilled(path, i) for i in range(len(frames))]


# --- the graph --------------------------------------------------------------------------------------------


class _Tasks:
    """A task graph written as a plain dict (dask's graph spec: key -> (function, *arguments), where an
    argument, or a list item, that is a key stands for that task's result), from delayed inputs.

    ``dask.delayed`` merges the graphs of a call's arguments at every call, and optimises the whole graph
    behind a list argument: the global steps, some partitions x buckets tasks, took 6.5 s to write down for 20
    partitions that way, and the time grew with the cube of the partitions.
    """

    def __init__(self, inputs: list, *token: Any, scratch: str | None = None) -> None:
        import dask

        self.inputs = inputs
        self.token = dask.base.tokenize(*inputs, *token, scratch)
        self.layer: dict[str, tuple] = {}
        self.scratch = scratch

    def __call__(self, name: str, func: Any, *args: Any) -> str:
        """A task; with a scratch folder, one that reads its arguments from and writes its frames to files."""
        key = f"quotes-{name}-{self.token}-{len(self.layer)}"
        spills = self.scratch is not None and func is not operator.getitem
        self.layer[key] = (_on_disk, func, self.scratch, *args) if spills else (func, *args)
        return key

    def item(self, key: str, i: int) -> str:
        return self("item", operator.getitem, key, i)

    def delayed(self, keys: list[str]) -> list:
        from dask.delayed import Delayed
        from dask.highlevelgraph import HighLevelGraph

        name = f"quotes-{self.token}"
        layer: dict = self.layer  # str keys, which dask's Key allows
        graph = HighLevelGraph.from_collections(name, layer, dependencies=self.inputs)
        return [Delayed(key, graph, layer=name) for key in keys]


def _merge_buckets(task: _Tasks, parts: list[str], q: int) -> tuple[list[str], str]:
    """The merge buckets of partitions of mentions with canonical speakers (tasks of ``task``), and the
    corpus's trigram counts that each bucket merges with.

    Mentions go to ``q - 1`` buckets by speaker, except those with no speaker and the speakers who meet them
    (bucket 0 of ``_buckets``): these are split into ``q`` more buckets by family of forms, found from their
    forms alone (``form_table``: one row per distinct speaker and wording).
    """
    n = len(parts)
    unknown = task("unknown", _union, [task("unknown-phrases", _unknown_phrases, p) for p in parts])
    shared = task("shared", _all, [task("meeting", _speakers_meeting, p, unknown) for p in parts])
    split = [task("split", _buckets, p, shared, q) for p in parts]
    group = [task.item(split[i], 0) for i in range(n)]
    forms = task("forms", _gather_forms, [task("form-table", form_table, g) for g in group])
    by_speaker = [task("bucket", _gather, [task.item(split[i], b) for i in range(n)]) for b in range(1, q)]
    counts = task(
        "counts",
        _corpus_phrase_counts,
        [task("phrase-counts", _phrase_counts, b) for b in by_speaker]
        + [task("phrase-counts", _form_phrase_counts, forms)],
    )
    form_buckets = task("form-buckets", _form_buckets, forms, counts, q)
    blocks = [task("blocks", _blocks, g, form_buckets, q) for g in group]
    return by_speaker + [task("bucket", _gather, [task.item(blocks[i], b) for i in range(n)]) for b in range(q)], counts


def bucket_sizes(found: pd.DataFrame, n: int) -> list[int]:
    """How many of a mentions table's mentions (canonical speakers) each merge bucket of the dask engine
    gets when it makes ``n`` buckets by speaker (the largest is the most any one merge task holds)."""
    import dask

    task = _Tasks([])
    buckets, _ = _merge_buckets(task, [task("found", _reposition, found, 0)], n)
    return [len(b) for b in dask.compute(*task.delayed(buckets), scheduler="sync")]


def _graph(parts: list, n_buckets: int | None = None, scratch: str | None = None) -> tuple[list, list]:
    """The delayed pieces of both tables, from delayed partitions of mentions that carry their article ids.

    Returns:
        The mentions partitions (article order, indexed by position) and the quotes of each bucket (each in
        ``merge``'s order, with the ``first_position`` of the quote's first mention: see ``sorted_quotes``);
        with a ``scratch`` folder, as ``Spilled`` files (``tables_of`` reads them).
    """
    task = _Tasks(parts, n_buckets, scratch=scratch)
    found, quotes = _global_steps(task, [p.key for p in parts], n_buckets)
    return task.delayed(found), task.delayed(quotes)


def _global_steps(task: _Tasks, parts: list[str], n_buckets: int | None = None) -> tuple[list[str], list[str]]:
    """``_graph``'s tasks, from tasks of ``task`` that give the partitions of mentions."""
    n = len(parts)
    q = n_buckets or min(n, MAX_BUCKETS)
    canonical = task("canonical", _canonical, [task("speaker-rows", _speaker_rows, p) for p in parts])
    named = [task("canonical-speakers", _apply_canonical, p, task.item(canonical, i)) for i, p in enumerate(parts)]
    buckets, counts = _merge_buckets(task, named, q)
    merged = [task("merge", _merge_bucket, b, counts) for b in buckets]
    back = [task("back", _by_partition, task.item(m, 0), n) for m in merged]
    found = [task("found", _with_quote_ids, p, [task.item(b, i) for b in back]) for i, p in enumerate(named)]
    return found, [task.item(m, 1) for m in merged]


def sorted_quotes(pieces: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The quotes table from the computed quotes of the buckets: in ``merge``'s order, ``QUOTES_SCHEMA``."""
    quotes = pd.concat(pieces, ignore_index=True) if pieces else _quotes_meta()
    quotes = quotes.sort_values(["n_docs", "n_mentions", "first_position"], ascending=[False, False, True])
    return quotes.drop(columns="first_position").reset_index(drop=True)


def _tables(parts: list, n_buckets: int | None = None) -> Tables:
    """The two tables (Dask DataFrames) from delayed partitions of mentions that carry their article ids."""
    import dask.dataframe as dd

    if not parts:
        return Tables(
            dd.from_pandas(empty_frame(MENTIONS_SCHEMA), npartitions=1),
            dd.from_pandas(empty_frame(QUOTES_SCHEMA), npartitions=1),
        )
    found, pieces = _graph(parts, n_buckets)
    n = len(found)
    quotes = dd.from_delayed(pieces, meta=_quotes_meta(), verify_meta=False)
    quotes = _dask_sorted(quotes, shuffle_method="tasks")  # any scheduler, the synchronous one included
    mentions_dd = dd.from_delayed(found, meta=_mentions_meta(), divisions=_divisions(n), verify_meta=False)
    return Tables(mentions_dd, quotes)


# --- the public functions ------------------------------------------------------------------------------------


def mentions(articles: Any, *, model: str | None = None, batch_size: int = 16, zones: Iterable[str] | None = BODY):
    """The mention records of a dask DataFrame or bag of articles, as a Dask DataFrame (``MENTIONS_SCHEMA``).

    Args:
        articles: a dask DataFrame with columns ``id`` (or ``doc_id``) and ``text``, or a dask bag of
            ``Article``s, ``{"id": ..., "text": ...}`` dicts or ``(id, text)`` pairs. Ids should be unique.
        model: as for ``quotes.load``; each worker process loads it once.
        zones: keep only the mentions in these zones; the default is the article body, None keeps all.

    Returns:
        The mentions, speakers as each article names them (``tables`` makes them canonical and fills
        ``quote_id``), indexed by position (partition << 32 | row).
    """
    require_dask()
    import dask
    import dask.dataframe as dd

    chosen = None if zones is None else frozenset(zones)
    parts = [dask.delayed(_frame_extract)(p, i, model, batch_size, chosen) for i, p in enumerate(articles.to_delayed())]
    return dd.from_delayed(parts, meta=_mentions_meta(), divisions=_divisions(len(parts)), verify_meta=False)


def tables(
    articles: Any, *, model: str | None = None, batch_size: int = 16, zones: Iterable[str] | None = BODY
) -> Tables:
    """Both tables of a dask DataFrame or bag of articles (see ``mentions``), as Dask DataFrames.

    Row for row the default engine's tables, once computed: mentions in article order (indexed by position),
    quotes in ``merge``'s order.
    """
    found = mentions(articles, model=model, batch_size=batch_size, zones=zones)
    return _tables(list(found.to_delayed()))


def build_tables(found: Any) -> Tables:
    """``api.build_tables`` on Dask: a Dask DataFrame of mentions (``MENTIONS_SCHEMA``, speakers as their
    articles name them, partitions in corpus order) -> both tables as Dask DataFrames, canonical and merged.
    """
    require_dask()
    import dask

    parts = [dask.delayed(_reposition)(p, i) for i, p in enumerate(found.to_delayed())]
    return _tables(parts)


def _reposition(found: pd.DataFrame, part: int) -> pd.DataFrame:
    out = conform(found, MENTIONS_SCHEMA)
    out.index = _positions(part, len(out))
    return out


def plan(
    inputs: Iterable[str | Path], files_per_partition: int = FILES_PER_PARTITION, part_bytes: int | None = None
) -> list[list[str | FilePart]]:
    """Split inputs into partitions, in input order: runs of text files, and each other input alone.

    Folders and glob patterns are listed here, as ``read_inputs`` lists them, and a jsonl or Parquet file bigger
    than ``part_bytes`` (``PART_BYTES`` when None) becomes parts of about that size (``io.split_file``), a
    partition each. Everything else
    (missing files, empty folders, patterns that match nothing) is left to the worker that reads it, which
    reports the problem as the default engine does.
    """
    parts: list[list[str | FilePart]] = []
    texts: list[str | FilePart] = []

    def flush() -> None:
        parts.extend(texts[lo : lo + files_per_partition] for lo in range(0, len(texts), files_per_partition))
        texts.clear()

    def add(item: str) -> None:
        path = Path(item)
        if path.suffix.lower() in TEXT_SUFFIXES and path.is_file():
            texts.append(item)
            return
        flush()
        pieces = split_file(path, part_bytes or PART_BYTES) if path.is_file() else None
        parts.extend([[piece] for piece in pieces] if pieces else [[item]])

    for item in map(str, inputs):
        path = Path(item)
        files = folder_files(path) if path.is_dir() else []
        matches = matching_files(item) if not path.exists() and glob.has_magic(item) else []
        for file in files or matches or [path]:
            add(item if file is path else str(file))
    flush()
    return parts


def file_graph(
    parts: list[list[str | FilePart]],
    *,
    model: str | None = None,
    batch_size: int = 16,
    zones: Iterable[str] | None = BODY,
    scratch: str | None = None,
) -> tuple[list, list, Any, Any]:
    """The delayed pieces of both tables of input files that the workers read, in partitions from ``plan``.

    Args:
        scratch: a folder every worker can write and read (and this process too, for ``tables_of``): the
            tasks keep their frames there instead of in memory (see ``_on_disk``); None keeps them in memory.
            The caller removes it once the tables are read.

    Returns:
        The mentions partitions and bucket quotes (as ``_graph``), the number of articles read and the input
        problems in input order, all delayed: compute them together, so that the inputs are read once.
    """
    require_dask()
    chosen = None if zones is None else frozenset(zones)
    task = _Tasks([], parts, model, batch_size, chosen, scratch=scratch)
    read = [task("read", _read_extract, p, i, model, batch_size, chosen) for i, p in enumerate(parts)]
    out = [[task.item(r, k) for r in read] for k in range(5)]  # mentions, ids, sources, problems, failures
    free = task("free-ids", _free_ids, out[1], out[2])
    ids = task.item(free, 0)
    named = [task("named", _name_articles, found, task.item(ids, i)) for i, found in enumerate(out[0])]
    n_articles = task("n-articles", sum, [task("n", len, i) for i in out[1]])
    problems = task("problems", _problems, out[3], task.item(free, 1), out[4], ids)
    found, quotes = _global_steps(task, named) if named else ([], [])
    n_articles, problems, *found = task.delayed([n_articles, problems, *found])
    return found, task.delayed(quotes), n_articles, problems


def _problems(
    read: Sequence[list[InputProblem]],
    renamed: list[InputProblem],
    failed: Sequence[list[Failure]],
    ids: Sequence[list[str]],
) -> tuple[list[InputProblem], list[Failure]]:
    """The input problems in input order, and the articles extraction failed on, named by their ids."""
    problems = [problem for part in read for problem in part] + renamed
    failures = [Failure(ids[p][int(f.doc_id)], f.reason) for p, part in enumerate(failed) for f in part]
    return problems, failures


def article_tables(
    texts_or_articles: Iterable[str | Article],
    *,
    client: Client | None = None,
    model: str | None = None,
    batch_size: int = 16,
    zones: Iterable[str] | None = BODY,
    partition_size: int = ARTICLES_PER_PARTITION,
    scratch: str | Path | None = None,
) -> Tables:
    """``extract_tables`` on Dask: articles given from Python, sent to the workers ``partition_size`` at a time.

    Args:
        client: a ``distributed.Client``; None starts a local cluster (a worker process per core) for the call.
        scratch: a folder on a disk that the workers and this process share: the tasks keep their frames in a
            new folder there, removed at the end (``file_graph``); None keeps them in the workers' memory.

    Returns:
        The two tables as pandas DataFrames, equal to the default engine's.
    """
    require_dask()
    import dask
    import dask.bag as db

    articles = list(as_articles(texts_or_articles))
    if not articles:
        return Tables(empty_frame(MENTIONS_SCHEMA), empty_frame(QUOTES_SCHEMA))
    chunks = [articles[lo : lo + partition_size] for lo in range(0, len(articles), partition_size)]
    bag = db.from_sequence(chunks, npartitions=len(chunks)).flatten()
    chosen = None if zones is None else frozenset(zones)
    parts = [dask.delayed(_frame_extract)(p, i, model, batch_size, chosen) for i, p in enumerate(bag.to_delayed())]
    with connect(client) as active, scratch_folder(scratch) as folder:
        found, pieces = _graph(parts, scratch=folder)
        return tables_of(*active.compute([found, pieces], sync=True))


@contextmanager
def connect(client: Client | None = None, *, workers: int | None = None, scheduler: str | None = None):
    """Yield ``client``; or a client of the scheduler at ``scheduler``; or of a local cluster of ``workers``
    processes (default: one per core) with one thread each, closed at the end.

    The local cluster's workers run without Dask's statistical profiler: it samples the running task's stack
    every 10 ms and keeps the last thousand seconds of samples, and spaCy's deep stacks made that some 0.4 MB
    a second of each worker's memory (measured: a worker's RSS rose by 96 MB over 10,000 articles with it, and
    stayed flat without it). Workers started by hand take ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``.
    """
    require_dask()
    import dask
    from distributed import Client, LocalCluster

    if client is not None:
        yield client
        return
    if scheduler:
        with Client(scheduler) as remote:
            yield remote
        return
    with dask.config.set({"distributed.worker.profile.enabled": False}):  # the nannies pass it to the workers
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: two runs at once must not clash
            memory_limit=0,  # spaCy's arenas grow and stay: a limit would only restart workers mid-run
        )
    with cluster, Client(cluster) as local:
        yield local


def warm(client: Client, model: str | None = None) -> None:
    """Load the pipeline on every worker now (once per process), so a bad model fails before any reading."""
    client.run(_load_pipeline, model)


def _load_pipeline(model: str | None) -> None:
    load(model)


def tables_of(found: Sequence[Any], pieces: Sequence[Any]) -> Tables:
    """The two tables (pandas) from the computed pieces of ``file_graph`` or ``_graph`` (frames or ``Spilled``)."""
    found, pieces = _unspill(list(found)), _unspill(list(pieces))
    mentions_table = pd.concat(found).reset_index(drop=True) if found else empty_frame(MENTIONS_SCHEMA)
    return Tables(mentions_table, sorted_quotes(pieces))


@contextmanager
def scratch_folder(parent: str | Path | None):
    """A new folder in ``parent`` for the tasks' frames (``file_graph``), removed at the end; None: no folder.

    Its name (``.quotes-scratch.*.tmp``) is one that ``io.remove_leftovers`` clears from an output folder after
    a killed run.
    """
    if parent is None:
        yield None
        return
    folder = tempfile.mkdtemp(prefix=".quotes-scratch.", suffix=".tmp", dir=parent)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_datasets(
    client: Client, found: list, pieces: list, paths: dict[str, Path], extra: Sequence[Any] = ()
) -> tuple[pd.DataFrame, ...]:
    """Write both tables as Parquet datasets (folders of one file per partition), the workers writing.

    The files go to hidden folders next to ``paths``, which then replace ``paths`` only once both are
    complete, so an error midway leaves any earlier datasets as they were. The quotes are sorted by Dask
    (``sort_values``), in ``merge``'s order across the files' names.

    Returns:
        The quotes' ``speaker`` column (for the summary) and the computed ``extra`` delayed values.
    """
    import dask
    import dask.dataframe as dd

    temporary = {name: path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp") for name, path in paths.items()}
    try:
        for folder in temporary.values():
            folder.mkdir()
        unspilled = [dask.delayed(_unspill)(piece) for piece in pieces]
        quotes = _dask_sorted(dd.from_delayed(unspilled, meta=_quotes_meta(), verify_meta=False))
        write = dask.delayed(_write_part)
        writes = [write(part, temporary["mentions"], i) for i, part in enumerate(found)]
        writes += [write(part, temporary["quotes"], i) for i, part in enumerate(quotes.to_delayed())]
        done = client.compute([*writes, *extra], sync=True)
        speakers = pd.concat([s for s in done[len(found) : len(writes)] if s is not None])
        for name, folder in temporary.items():
            _replace_folder(folder, paths[name])
    finally:
        for folder in temporary.values():
            shutil.rmtree(folder, ignore_errors=True)
    return (speakers.to_frame(), *done[len(writes) :])


def _write_part(frame: Any, folder: Path, number: int) -> pd.Series:
    """Write one partition (a frame or ``Spilled``) as ``part.NNNNN.parquet`` (without the position index);
    return its speakers."""
    frame = _unspill(frame).reset_index(drop=True)
    path = folder / f"part.{number:05d}.parquet"
    frame.to_parquet(path, index=False)
    with open(path, "rb+") as done:
        os.fsync(done.fileno())
    return frame["speaker"] if "quote_id" in frame and "n_docs" in frame else None


def _replace_folder(new: Path, path: Path) -> None:
    """Put the folder ``new`` at ``path``, moving away (then removing) whatever was there."""
    old = path.with_name(f".{path.name}.{secrets.token_hex(4)}.old")
    if path.exists():
        os.replace(path, old)
    os.replace(new, path)
    if old.is_dir():
        shutil.rmtree(old)
    else:
        old.unlink(missing_ok=True)
