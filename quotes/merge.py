"""Mentions of near-identical wording -> one quote per thing said, with stable ids.

The stage sees only the mentions table (``MENTIONS_SCHEMA``, speakers already canonical) and returns it with
``quote_id`` filled, plus the quotes table (``QUOTES_SCHEMA``). No spaCy, no model.

How mentions become quotes:

1. **Forms.** Each wording is normalised for comparison only (:func:`normalise`); mentions with the same
   speaker and the same normalised text are one *form*. The tables keep the original wording. A mixed
   quote's wording is its ``quoted`` words, not the writer's statement around them: outlets carry the same
   quoted phrase inside sentences of their own.
2. **Candidates (blocking).** Forms are compared only within a speaker (and forms whose speaker is unknown
   with everyone), and only when they share a rare word trigram: each form looks its rarest trigrams up in
   an index of all trigrams. A fragment's rarest trigram is always in its container, so no partial quote is
   missed; a rewrite is found when it kept one of the other's rare trigrams. Work grows with the number of
   forms times the posting lists of rare trigrams, which are short, so about linearly with the input.
3. **Links.** A pair links when the shorter form is a contiguous run of the longer one (a partial quote), or
   when their sets of content words overlap strongly (a rewrite). A form whose speaker is unknown links only
   on an exact match, a long fragment or a very close rewrite, and never when two speakers match it equally.
4. **Clusters.** Forms are ranked (known speaker first, then longest first) and each form joins the cluster
   of its single best link to a form ranked before it. There is no union-find: a fragment found in two
   different quotes joins one of them (the one quoted most often, then the longest) and does not glue them
   together.

Each quote is represented by its most complete variant: the longest wording attributed to its speaker (of
equally long ones, the most quoted), never an unknown-speaker mention that joined it. ``quote_id`` depends
only on the canonical speaker and the normalised text of that representative, so it is the same on every run
and whatever the input order. The quotes table is sorted by ``n_docs`` descending, then ``n_mentions``
descending, then the position of the quote's first mention in the input.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .table import MENTIONS_SCHEMA, QUOTES_SCHEMA, conform, empty_frame
from .text import fold

# A partial quote joins a longer one when it is at least this long (tokens, content words): shorter runs
# ("the people") turn up inside too many unrelated sentences to say which one they came from.
MIN_FRAGMENT_TOKENS = 3
MIN_FRAGMENT_CONTENT = 2
# Two wordings by one speaker are a rewrite when their content-word sets have at least this Jaccard
# similarity and share at least this many words.
REWRITE_JACCARD = 0.6
REWRITE_SHARED = 2
MIN_LINK_CONTENT = min(MIN_FRAGMENT_CONTENT, REWRITE_SHARED)
# Blocking: a form looks up its PROBE_PHRASES rarest word trigrams, and every trigram at most RARE_PHRASE
# forms hold, but never one more than COMMON_PHRASE forms hold (a stock phrase says nothing about the source).
PROBE_PHRASES = 4
RARE_PHRASE = 8
COMMON_PHRASE = 2000
# A mention with an unknown speaker could belong to anyone, so it needs closer evidence.
UNKNOWN_FRAGMENT_CONTENT = 4
UNKNOWN_JACCARD = 0.8
UNKNOWN_SHARED = 3

# Words that say little about which quote a wording is: function words, contractions (after normalise
# drops the apostrophe) and the hedges people swap when a quote is retold ("I think" / "I believe",
# "kind of" / "sort of"). Negations are not here: "we will win" and "we will not win" must stay apart.
FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor so yet if then than that this these those there here
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves one ones
    who whom whose which what when where why how
    am is are was were be been being do does did doing done have has had having
    will would shall should can could may might must
    im ive id ill youre youve youd youll hes shes weve wed well theyre theyve theyd theyll
    thats theres whats whos lets
    of in on at to for from by with about as into onto over under up down out off through
    also just very really quite rather kind sort think believe guess actually basically perhaps maybe
    """.split()
)
# Negative contractions count as "not", so "don't" and "do not" are the same content word.
NEGATIONS = frozenset(
    """dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt wont wouldnt cant cannot couldnt
    shouldnt mustnt neednt aint""".split()
)

# on folded text (ASCII but for letters with no ASCII form): apostrophes go ("it's" and "it’s" both become "its");
# every other punctuation mark (Unicode category P), dashes and double quotes included, becomes a space
_MARKS = {i: " " for i in range(128) if unicodedata.category(chr(i)).startswith("P")} | {ord("'"): None, ord("`"): None}
# a word broken across lines by a hyphen ("begin-\nning"), as textacy's normalize.hyphenated_words joins it
_HYPHENATED = re.compile(r"(\w{2,}(?<!\d))-\s+((?!\d)\w{2,})")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")

_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit constant to combine the hashes of a trigram's words

# edge scores: the kind of link first, then how close; a known-speaker parent beats any unknown one
_EXACT, _CONTAINED, _REWRITE, _KNOWN_PARENT = 4.0, 3.0, 2.0, 10.0


def normalise(text: str) -> str:
    """The wording as compared: quotation marks, apostrophes, dashes, punctuation, case, accents, spaces.

    ``“It’s only the beginning—really,”`` and ``"its only the beginning, really"`` both give
    ``its only the beginning really``. For comparison and ids only; the tables keep the original wording.
    """
    if "-\n" in text or "-\r" in text:
        text = _HYPHENATED.sub(r"\1\2", text)
    text = fold(text)  # ASCII, lower case: curly quotes, accents, no-break spaces
    if "," in text:
        text = _THOUSANDS.sub("", text)  # "77,000" and "77000"
    text = text.translate(_MARKS)
    return " ".join(text.split())  # any run of spaces, line breaks or no-break spaces -> one space


def content_words(normalised: str) -> set[str]:
    """The words of a normalised wording that say which quote it is, lightly stemmed."""
    return {w for w in map(_content_word, normalised.split()) if w}


def _content_word(word: str) -> str:
    if word in NEGATIONS:
        return "not"
    if word in FUNCTION_WORDS:
        return ""
    # crude plural/possessive stemming: "everybodys" (everybody's) ~ "everybody", "jobs" ~ "job"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def quote_id(speaker: str | None, normalised: str) -> str:
    """The stable id of a quote: 16 hex digits of blake2b over the canonical speaker and normalised text.

    64 bits keep the chance of any collision below one in ten million for a million quotes.
    """
    key = f"{speaker or ''}\x1f{normalised}".encode()
    return "q_" + hashlib.blake2b(key, digest_size=8).hexdigest()


def merge(mentions: pd.DataFrame, *, phrase_counts: pd.Series | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Merge the variants of each quote: the mentions with ``quote_id`` filled, and the quotes table.

    Args:
        mentions: the mentions table (``MENTIONS_SCHEMA``); ``speaker`` canonical, empty when unknown.
        phrase_counts: how many forms hold each word trigram in the whole corpus (``form_phrases``), indexed
            by trigram hash, for a table that is one group of a larger corpus: blocking picks its trigrams by
            these counts. Trigrams not in it count as in ``mentions`` alone. None: ``mentions`` is the corpus.

    Returns:
        The same mentions in the same order with ``quote_id`` set, and the quotes table conformed to
        ``QUOTES_SCHEMA``: one row per quote, by ``n_docs`` then ``n_mentions`` descending, then first
        appearance.
    """
    mentions = conform(mentions, MENTIONS_SCHEMA)
    if mentions.empty:
        return mentions, empty_frame(QUOTES_SCHEMA)
    forms = _Forms(mentions, phrase_counts)
    cluster = forms.clusters()
    quotes, ids = _quotes_table(mentions, forms, cluster)
    mentions["quote_id"] = pd.array(ids[forms.of_mention], dtype="string")
    return _speakers_from_other_articles(mentions, quotes), conform(quotes, QUOTES_SCHEMA)


OTHER_ARTICLE = "other_article"  # the speaker rule of a speaker taken from another article's variant


def _speakers_from_other_articles(mentions: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """A mention with no speaker whose quote another article attributes takes that quote's speaker, role,
    organisation and type, with ``speaker_rule`` ``other_article``; its speaker mention stays as its own
    article wrote it (empty, or a pronoun nothing there resolves)."""
    unknown = mentions["speaker"].isna().to_numpy()
    if not unknown.any():
        return mentions
    known = mentions[~unknown]
    attributed = set(zip(known["quote_id"], known["doc_id"], strict=True))
    by_quote = known.groupby("quote_id")["doc_id"].nunique()
    rows = np.flatnonzero(unknown)
    takes = [
        i
        for i in rows
        if (q := mentions["quote_id"].iat[i]) in by_quote.index
        and (by_quote[q] > 1 or (q, mentions["doc_id"].iat[i]) not in attributed)
    ]
    if not takes:
        return mentions
    speakers = quotes.set_index("quote_id")
    ids_taken = mentions["quote_id"].iloc[takes]
    for column in ("speaker", "speaker_role", "speaker_org", "speaker_type"):
        values = speakers[column].reindex(ids_taken).to_numpy(dtype=object, na_value=None)
        mentions.iloc[takes, mentions.columns.get_loc(column)] = values
    mentions.iloc[takes, mentions.columns.get_loc("speaker_rule")] = OTHER_ARTICLE
    return mentions


def form_phrases(mentions: pd.DataFrame) -> pd.DataFrame:
    """The word trigrams each form of a mentions table holds: what decides which forms ``merge`` compares.

    For running ``merge`` on groups of a corpus: forms are compared only within a speaker, or when one of
    them has no speaker and they share a trigram; and blocking counts how many forms hold each trigram.

    Returns:
        One row per (form, distinct trigram): ``speaker`` (the form's, stripped; missing when unknown) and
        ``phrase`` (the trigram's 64-bit hash, as ``merge``'s ``phrase_counts`` is indexed).
    """
    mentions = conform(mentions, MENTIONS_SCHEMA)
    if mentions.empty:
        return pd.DataFrame({"speaker": pd.Series(dtype=object), "phrase": pd.Series(dtype=np.uint64)})
    forms = _Forms(mentions)
    hashes = forms.phrase_hashes() if len(forms._trigram_tokens[1]) else np.zeros(0, dtype=np.uint64)
    speakers = np.append(forms.speakers, np.array([None], dtype=object))[forms.speaker[forms.phrase_form]]
    return pd.DataFrame({"speaker": speakers, "phrase": hashes[forms.phrase] if len(hashes) else hashes})


def compared_speaker(mentions: pd.DataFrame) -> pd.Series:
    """Each mention's speaker as merging compares them: stripped, missing when unknown."""
    return mentions["speaker"].str.strip().replace("", pd.NA)


def _words(mentions: pd.DataFrame) -> pd.Series:
    """The words each mention is merged by: a mixed quote is the writer's statement around the speaker's
    words, and the words are what outlets share; every other mention, its quote."""
    return mentions["quote"].where(mentions["kind"] != "mixed", mentions["quoted"].fillna(mentions["quote"])).fillna("")


def form_keys(mentions: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash of each mention's (speaker, words), the pair ``form_table`` counts."""
    pairs = compared_speaker(mentions).fillna("").astype(object) + "\x1f" + _words(mentions).astype(object)
    return pd.util.hash_array(pairs.to_numpy(dtype=object))


def form_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """What ``merge`` clusters, without the rest of the mentions: the distinct (speaker, words) pairs.

    Returns:
        One row per distinct pair, in order of first appearance: ``key`` (``form_keys``), ``speaker``
        (stripped; missing when unknown), ``words`` (a mixed quote's quoted words, else the quote) and ``n``,
        the mentions it stands for. Tables of several groups of a corpus concatenate, and summing ``n`` by
        ``key`` joins them.
    """
    frame = pd.DataFrame({"key": form_keys(mentions), "speaker": compared_speaker(mentions), "words": _words(mentions)})
    return (
        frame.groupby("key", sort=False)
        .agg(speaker=("speaker", "first"), words=("words", "first"), n=("key", "size"))
        .reset_index()
    )


def form_mentions(forms: pd.DataFrame) -> pd.DataFrame:
    """A ``form_table`` as mentions with those speakers and words, one per row (``form_phrases`` takes them)."""
    words = forms["words"]
    return pd.DataFrame({"speaker": forms["speaker"], "kind": "direct", "quote": words, "quoted": words})


def form_families(forms: pd.DataFrame, *, phrase_counts: pd.Series | None = None) -> np.ndarray:
    """A 64-bit key of each row's family of forms, for a ``form_table``.

    A family is the forms that ``merge`` weighs linking, transitively; every choice it makes for a form is
    made within its family. So ``merge`` run on any set of whole families, with the same ``phrase_counts``,
    gives what it gives on all mentions at once: families can be merged apart. The table must hold whole
    groups of forms that compare only among themselves (the mentions with no speaker and the speakers that
    meet them, say); ``phrase_counts`` as in ``merge``.
    """
    if forms.empty:
        return np.zeros(0, dtype=np.uint64)
    found = _Forms(form_mentions(forms), phrase_counts, weights=forms["n"].to_numpy(dtype=np.int64))
    family = found.families()
    return pd.util.hash_array(found.quote_ids(family).astype(object))[found.of_mention]


class _Forms:
    """The distinct (speaker, normalised wording) pairs of a mentions table, ranked, with their words.

    Form ``i`` is the ``i``-th in rank order: known speakers first, then more tokens, more mentions, more
    characters, then speaker and text, so the order never depends on the input order.
    """

    def __init__(
        self, mentions: pd.DataFrame, phrase_counts: pd.Series | None = None, weights: np.ndarray | None = None
    ) -> None:
        speaker = compared_speaker(mentions)
        text_code, texts = pd.factorize(_words(mentions))
        self.text_of_mention, self.texts = text_code, np.asarray(texts, dtype=object)
        norm_of_text = np.array([normalise(t) for t in self.texts], dtype=object)
        norm_code, norms = pd.factorize(norm_of_text[text_code], sort=True)
        speaker_code, speakers = pd.factorize(speaker, sort=True)  # unknown -> -1
        form_code, keys = pd.factorize((speaker_code.astype(np.int64) + 1) * len(norms) + norm_code, sort=True)
        f_speaker = keys // len(norms) - 1
        f_norm_code = keys % len(norms)
        f_norm = np.asarray(norms, dtype=object)[f_norm_code]
        n_tokens = np.array([n.count(" ") + 1 if n else 0 for n in f_norm])
        n_chars = np.array([len(n) for n in f_norm])
        n_mentions = np.bincount(form_code, weights=weights, minlength=len(keys)).astype(np.int64)
        unknown = f_speaker < 0
        # the first-ranked form of a cluster is its representative: the longest wording attributed to the
        # speaker, and of equally long ones the most quoted; keys are sorted by (speaker, text), which breaks
        # the remaining ties
        rank = np.lexsort((np.arange(len(keys)), -n_chars, -n_mentions, -n_tokens, unknown))
        new_index = np.empty_like(rank)
        new_index[rank] = np.arange(len(rank))

        self.speakers = np.asarray(speakers, dtype=object)
        self.of_mention = new_index[form_code]
        self.speaker = f_speaker[rank]
        self.norm = f_norm[rank]
        self.norm_code = f_norm_code[rank]
        self.n_tokens = n_tokens[rank]
        self.n_chars = n_chars[rank]
        self.unknown = unknown[rank]
        self.n_mentions = n_mentions[rank]
        word_form, token_code, tokens = _tokens(self.norm)
        self._index_content_words(word_form, token_code, tokens)
        self._index_phrases(word_form, token_code, tokens, phrase_counts)

    def __len__(self) -> int:
        return len(self.norm)

    def _index_content_words(self, form: np.ndarray, token_code: np.ndarray, tokens: np.ndarray) -> None:
        """Each form's set of content words, as sorted keys ``form * n_vocab + word``."""
        content = np.array([_content_word(t) for t in tokens], dtype=object)
        word_code, vocab = pd.factorize(content[token_code], sort=True)
        keep = np.asarray(vocab, dtype=object)[word_code] != ""
        self.n_vocab = len(vocab)
        self.word_keys = _unique(form[keep].astype(np.int64) * self.n_vocab + word_code[keep])
        word_form = self.word_keys // self.n_vocab
        self.n_content = np.bincount(word_form, minlength=len(self))
        self.word_start = np.concatenate(([0], np.cumsum(self.n_content)))
        is_not = np.isin(self.word_keys % self.n_vocab, np.flatnonzero(np.asarray(vocab, dtype=object) == "not"))
        self.negated = np.bincount(word_form[is_not], minlength=len(self)) > 0

    def _index_phrases(
        self, form: np.ndarray, token: np.ndarray, tokens: np.ndarray, phrase_counts: pd.Series | None = None
    ) -> None:
        """Each form's distinct word trigrams (runs of three tokens) and the forms' lookup keys.

        A form looks up its rarest trigrams (``PROBE_PHRASES``, and every trigram held by at most
        ``RARE_PHRASE`` forms) among all the trigrams of the other forms. A fragment's rarest trigram is
        always looked up and is in its container, so no fragment of three or more tokens is missed; a rewrite
        is found when it kept one of those trigrams. Trigrams held by more than ``COMMON_PHRASE`` forms are
        stock phrases and are never looked up, so no lookup walks a huge posting list.
        """
        n_tokens = len(tokens)
        run = form[:-2] == form[2:]
        bigram, unique_bigrams = pd.factorize(token[:-2][run] * n_tokens + token[1:-1][run], sort=True)
        trigram, unique_trigrams = pd.factorize(bigram.astype(np.int64) * n_tokens + token[2:][run], sort=True)
        n_trigrams = max(len(unique_trigrams), 1)
        pairs = _unique(form[:-2][run].astype(np.int64) * n_trigrams + trigram)
        self.phrase_form, self.phrase = pairs // n_trigrams, pairs % n_trigrams
        self.n_phrases = n_trigrams
        # the trigrams spelt out, for telling them apart across tables: (first token, second) * n + third
        self._trigram_tokens = (unique_bigrams[unique_trigrams // n_tokens], unique_trigrams % n_tokens, tokens)
        df = np.bincount(self.phrase, minlength=n_trigrams)
        if phrase_counts is not None and len(unique_trigrams):
            in_corpus = phrase_counts.reindex(self.phrase_hashes()).to_numpy(dtype=float, na_value=0)
            df[: len(in_corpus)] = np.maximum(df[: len(in_corpus)], in_corpus)
        df = df[self.phrase]
        order = np.lexsort((self.phrase, df, self.phrase_form))
        first = np.concatenate(([0], np.cumsum(np.bincount(self.phrase_form, minlength=len(self)))))
        position = np.empty(len(order), dtype=np.int64)
        position[order] = np.arange(len(order)) - first[self.phrase_form[order]]
        self.rarest = position == 0
        self.probe = ((position < PROBE_PHRASES) | (df <= RARE_PHRASE)) & (df <= COMMON_PHRASE)

    def phrase_hashes(self) -> np.ndarray:
        """A 64-bit hash of each distinct trigram (by code), the same for the same words in any table."""
        first_two, third, tokens = self._trigram_tokens
        n = len(tokens)
        token_hash = pd.util.hash_array(np.asarray(tokens, dtype=object))
        with np.errstate(over="ignore"):  # multiplication modulo 2**64 is the point
            h = pd.util.hash_array((token_hash[first_two // n] * _MIX) ^ token_hash[first_two % n])
            return pd.util.hash_array((h * _MIX) ^ token_hash[third])

    def clusters(self) -> np.ndarray:
        """The cluster of each form, named by its root form: each form follows its best link."""
        parent = np.arange(len(self))
        child, best = self._best_links()
        parent[child] = best
        while True:  # pointer jumping: parents always rank earlier, so this ends in log(depth) rounds
            grand = parent[parent]
            if np.array_equal(grand, parent):
                return parent
            parent = grand

    def quote_ids(self, cluster: np.ndarray) -> np.ndarray:
        """The quote id of each form, by its cluster (``clusters``): from the root form's speaker and wording."""
        roots = np.flatnonzero(cluster == np.arange(len(self)))
        speaker = np.append(self.speakers, [None])[self.speaker[roots]]  # code -1 (unknown) -> None
        ids = np.empty(len(self), dtype=object)
        ids[roots] = [quote_id(s, t) for s, t in zip(speaker, self.norm[roots], strict=True)]
        return ids[cluster]

    def _candidates(self) -> tuple[np.ndarray, np.ndarray]:
        """Pairs of forms (earlier, later) that may link: in one speaker's block, sharing a rare trigram."""
        form = self.phrase_form
        speaker = self.speaker[form]
        block = np.where(speaker < 0, len(self.speakers), speaker).astype(np.int64)  # unknown: a block too
        in_block = block * self.n_phrases + self.phrase
        k = self.n_content[form]
        unknown = self.unknown[form]
        # forms with too few content words to link are left out: they can neither share enough words for a
        # rewrite nor make a long enough fragment
        linkable = k >= np.where(unknown, min(UNKNOWN_SHARED, UNKNOWN_FRAGMENT_CONTENT), MIN_LINK_CONTENT)
        across = k >= min(UNKNOWN_SHARED, UNKNOWN_FRAGMENT_CONTENT)
        known = ~unknown & across
        joins = [
            # within a speaker, and among unknown speakers
            (in_block, self.probe & linkable, in_block, linkable),
            # unknown speakers against everybody, both ways round: a known speaker's fragment may lie in an
            # unknown speaker's longer wording
            (self.phrase, self.probe & unknown & across, self.phrase, known),
            (
                self.phrase,
                self.rarest & self.probe & known & (k >= UNKNOWN_FRAGMENT_CONTENT),
                self.phrase,
                unknown & across,
            ),
        ]
        found = []
        for left_key, left, right_key, right in joins:
            a, b, rarest = _join(left_key[left], form[left], self.rarest[left], right_key[right], form[right])
            ka, kb = self.n_content[a], self.n_content[b]
            threshold = np.where(self.unknown[a] | self.unknown[b], UNKNOWN_JACCARD, REWRITE_JACCARD)
            # a rewrite needs sets of similar size; a fragment is found by its rarest trigram, and is shorter
            maybe_rewrite = np.minimum(ka, kb) >= threshold * np.maximum(ka, kb)
            maybe_fragment = rarest & (self.n_tokens[a] < self.n_tokens[b]) & (ka <= kb)
            keep = (a != b) & (maybe_rewrite | maybe_fragment)
            a, b = a[keep].astype(np.int64), b[keep].astype(np.int64)
            found.append(_unique(np.minimum(a, b) * len(self) + np.maximum(a, b)))
        pairs = _unique(np.concatenate(found))
        return pairs // len(self), pairs % len(self)

    def _shared(self, a: np.ndarray, b: np.ndarray, chunk: int = 1_000_000) -> np.ndarray:
        """How many content words each pair of forms (a[i], b[i]) shares."""
        out = np.zeros(len(a), dtype=np.int64)
        if not len(self.word_keys):
            return out
        for lo in range(0, len(a), chunk):
            x, y = a[lo : lo + chunk], b[lo : lo + chunk]
            lengths = self.n_content[x]
            pair = np.repeat(np.arange(len(x)), lengths)
            offset = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            word = self.word_keys[self.word_start[x][pair] + offset] % self.n_vocab
            query = y[pair] * self.n_vocab + word
            at = np.minimum(np.searchsorted(self.word_keys, query), len(self.word_keys) - 1)
            out[lo : lo + chunk] = np.bincount(pair, weights=self.word_keys[at] == query, minlength=len(x))
        return out

    def families(self) -> np.ndarray:
        """Each form's family, named by its first-ranked form: the forms joined by any link ``clusters`` weighs
        (not only the best). Every decision on a form's links is taken among its own family, so ``merge`` on
        any set of whole families gives each of their forms the cluster it has among all forms."""
        links = self._links()
        a, b = links["child"].to_numpy(), links["parent"].to_numpy()
        family = np.arange(len(self))
        while True:  # each form takes the smallest name among its links', until none changes
            low = np.minimum(family[a], family[b])
            new = family.copy()
            np.minimum.at(new, a, low)
            np.minimum.at(new, b, low)
            new = new[new]
            if np.array_equal(new, family):
                return family
            family = new

    def _best_links(self) -> tuple[np.ndarray, np.ndarray]:
        """(child, parent) for every form that links to a form ranked before it."""
        links = self._prefer_known(self._links())
        # among equally good links, the parent quoted most often (the likeliest source of a fragment), then
        # the longest
        links["popularity"] = self.n_mentions[links["parent"].to_numpy()]
        links = links.sort_values(["child", "score", "popularity", "parent"], ascending=[True, False, False, True])
        best = links.drop_duplicates("child")
        return best["child"].to_numpy(), best["parent"].to_numpy()

    def _links(self) -> pd.DataFrame:
        """Every (child, parent, score) link between a form and a form ranked before it: rewrites, fragments
        and exact wordings."""
        parent, child = self._candidates()
        shared = self._shared(child, parent)
        kc, kp = self.n_content[child], self.n_content[parent]
        strict = self.unknown[child] | self.unknown[parent]
        jaccard = shared / np.maximum(kc + kp - shared, 1)
        rewrite = (
            (jaccard >= np.where(strict, UNKNOWN_JACCARD, REWRITE_JACCARD))
            & (shared >= np.where(strict, UNKNOWN_SHARED, REWRITE_SHARED))
            & (self.negated[child] == self.negated[parent])  # "we will win" is no rewrite of "we will not win"
        )
        # the shorter of the two may be a contiguous run of the longer; it is usually the child, but an
        # unknown speaker's longer wording may contain a known speaker's fragment
        swap = self.n_tokens[parent] < self.n_tokens[child]
        short, long = np.where(swap, parent, child), np.where(swap, child, parent)
        maybe = (
            (shared == self.n_content[short])
            & (self.n_content[short] >= np.where(strict, UNKNOWN_FRAGMENT_CONTENT, MIN_FRAGMENT_CONTENT))
            & (self.n_tokens[short] >= MIN_FRAGMENT_TOKENS)
            & (self.n_tokens[short] < self.n_tokens[long])
        )
        contained = np.zeros(len(child), dtype=bool)
        contained[maybe] = [
            f" {s} " in f" {g} " for s, g in zip(self.norm[short[maybe]], self.norm[long[maybe]], strict=True)
        ]
        score = np.where(contained, _CONTAINED, np.where(rewrite, _REWRITE + jaccard, 0.0))
        links = pd.DataFrame({"child": child, "parent": parent, "score": score})[score > 0]
        return pd.concat([links, self._exact_unknown()], ignore_index=True)

    def _exact_unknown(self) -> pd.DataFrame:
        """Unknown-speaker forms worded exactly like a known speaker's form (even with no content word)."""
        forms = pd.DataFrame({"norm": self.norm_code, "form": np.arange(len(self))})[
            self.n_tokens >= MIN_FRAGMENT_TOKENS
        ]
        unknown = self.unknown[forms["form"].to_numpy()]
        pairs = forms[unknown].merge(forms[~unknown], on="norm", suffixes=("_child", "_parent"))
        return pd.DataFrame({"child": pairs["form_child"], "parent": pairs["form_parent"], "score": _EXACT}).astype(
            {"child": np.int64, "parent": np.int64}
        )

    def _prefer_known(self, links: pd.DataFrame) -> pd.DataFrame:
        """Favour known speakers for unknown-speaker forms, unless two speakers match one equally well."""
        known_parent = ~self.unknown[links["parent"].to_numpy()]
        links = links.assign(score=links["score"] + _KNOWN_PARENT * known_parent)
        across = links[known_parent & self.unknown[links["child"].to_numpy()]]
        top = across[across["score"] == across.groupby("child")["score"].transform("max")]
        speakers = pd.Series(self.speaker[top["parent"].to_numpy()], index=top.index)
        n_speakers = speakers.groupby(top["child"]).nunique()
        ambiguous = n_speakers.index[n_speakers > 1]
        return links[~(links["child"].isin(ambiguous) & known_parent)]


def _tokens(norms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(form of each token, token code, tokens) of space-separated texts, codes in spelling order."""
    # in Arrow: splitting and encoding millions of words as Python strings would cost seconds and gigabytes
    lists = pc.split_pattern(pa.array(norms, type=pa.large_string()), " ")
    form = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    encoded = pc.dictionary_encode(pc.list_flatten(lists))
    tokens = encoded.dictionary.to_numpy(zero_copy_only=False)
    order = np.argsort(tokens, kind="stable")
    code_of = np.empty_like(order)
    code_of[order] = np.arange(len(order))
    index = encoded.indices.to_numpy()
    keep = tokens[index] != ""  # the one "word" of an empty text
    return form[keep], code_of[index[keep]].astype(np.int64), tokens[order]


def _run_starts(*keys: np.ndarray) -> np.ndarray:
    """Where each run of equal rows starts, in arrays sorted together."""
    change = np.zeros(len(keys[0]), dtype=bool)
    change[:1] = True
    for key in keys:
        change[1:] |= key[1:] != key[:-1]
    return np.flatnonzero(change)


def _unique(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (sorting beats numpy's hash-based unique on large int arrays)."""
    values = np.sort(values)
    return values[_run_starts(values)]


def _join(
    left_key: np.ndarray, left_form: np.ndarray, left_flag: np.ndarray, right_key: np.ndarray, right_form: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (left form, right form, left flag) whose keys are equal."""
    joined = pd.DataFrame({"key": left_key, "a": left_form.astype(np.int32), "flag": left_flag}).merge(
        pd.DataFrame({"key": right_key, "b": right_form.astype(np.int32)}), on="key"
    )
    return joined["a"].to_numpy(), joined["b"].to_numpy(), joined["flag"].to_numpy()


def _codes(column: pd.Series, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of a string column (-1 for missing or empty) and the values they stand for."""
    code, values = pd.factorize(column.replace("", pd.NA), sort=sort)
    return code, np.asarray(values, dtype=object)


def _first_per_group(group: np.ndarray, *keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct group (ascending) and its row that sorts first by ``keys`` (the first key first)."""
    order = np.lexsort((*keys[::-1], group))
    sorted_group = group[order]
    start = _run_starts(sorted_group)
    return sorted_group[start], order[start]


def _value_counts(
    group: np.ndarray, value: np.ndarray, position: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each distinct (group, value), sorted, with the number of rows holding it and its first position."""
    order = np.lexsort((position, value, group))
    g, v = group[order], value[order]
    start = _run_starts(g, v)
    count = np.diff(np.append(start, len(order)))
    return g[start], v[start], count, position[order][start]


def _most_frequent(group: np.ndarray, value: np.ndarray, position: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group, its most frequent value code (ties: the first seen); -1 where it has none."""
    present = value >= 0
    g, v, count, first = _value_counts(group[present], value[present], position[present])
    out = np.full(n_groups, -1, dtype=np.int64)
    groups, rows = _first_per_group(g, -count, first)
    out[groups] = v[rows]
    return out


def _joined(group: np.ndarray, strings: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group, its strings '|'-joined in the given order (rows already grouped together)."""
    values = strings.tolist()
    starts = _run_starts(group)
    ends = np.append(starts[1:], len(values))
    out = np.empty(n_groups, dtype=object)
    out[group[starts]] = ["|".join(values[s:e]) for s, e in zip(starts, ends, strict=True)]
    return out


def _quotes_table(mentions: pd.DataFrame, forms: _Forms, cluster: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The quotes table (rows in output order) and the quote id of each cluster, indexed by root form.

    Works on integer codes: clusters are named by their root form, strings are looked up at the end.
    """
    n = len(forms)
    group = cluster[forms.of_mention]
    position = np.arange(len(mentions))
    text = forms.text_of_mention
    # the representative is the root form (see _Forms); of its mentions, the longest original wording, first
    # seen. Root forms are distinct (speaker, text) pairs, so no two quotes share an id.
    roots = np.flatnonzero(cluster == np.arange(n))
    of_root = np.flatnonzero(forms.of_mention == group)
    text_length = np.array([len(t) for t in forms.texts])
    _, rows = _first_per_group(group[of_root], -text_length[text[of_root]], of_root)
    rep = of_root[rows]  # the representative mention of each root, in root order

    speaker = np.append(forms.speakers, [None])[forms.speaker[roots]]  # code -1 (unknown) -> None
    ids = forms.quote_ids(cluster)

    doc, docs = _codes(mentions["doc_id"], sort=True)  # codes in spelling order
    g, d, _, _ = _value_counts(group, doc, position)
    n_docs = np.bincount(g, minlength=n)
    doc_ids = _joined(g, np.append(docs, "")[d], n)
    g, t, count, first = _value_counts(group, text, position)
    order = np.lexsort((first, -count, g))
    variants = _joined(g[order], forms.texts[t[order]], n)
    _, first_row = _first_per_group(group, position)
    n_mentions = np.bincount(group, minlength=n)
    confidence = mentions["confidence"].to_numpy(dtype=float, na_value=np.nan)
    confidence_sum = np.bincount(group, weights=np.nan_to_num(confidence), minlength=n)

    def most_frequent(name: str, rows: np.ndarray = position) -> np.ndarray:
        code, values = _codes(mentions[name])
        return np.append(values, [None])[_most_frequent(group[rows], code[rows], rows, n)[roots]]

    def of_rep_mention(name: str) -> np.ndarray:
        return mentions[name].iloc[rep].to_numpy(dtype=object, na_value=None)

    # the type of the cluster's speaker: unknown-speaker mentions count only in unknown-speaker clusters
    typed = np.flatnonzero(forms.unknown[forms.of_mention] == forms.unknown[group])
    speaker_type = most_frequent("speaker_type", typed)
    quotes = pd.DataFrame(
        {
            "quote_id": ids[roots],
            "speaker": speaker,
            "speaker_role": most_frequent("speaker_role"),
            "speaker_org": most_frequent("speaker_org"),
            "speaker_type": np.where(pd.isna(speaker_type), "unknown", speaker_type),
            "kind": of_rep_mention("kind"),
            "cue": of_rep_mention("cue"),
            "rule": of_rep_mention("rule"),
            "speaker_rule": of_rep_mention("speaker_rule"),
            "quote": forms.texts[text[rep]],
            "n_mentions": n_mentions[roots],
            "n_docs": n_docs[roots],
            "doc_ids": doc_ids[roots],
            "variants": variants[roots],
            "first_doc": mentions["doc_id"].iloc[first_row].to_numpy(dtype=object, na_value=None),
            "confidence": (confidence_sum / np.maximum(n_mentions, 1))[roots],
            "first_position": first_row,
        }
    )
    quotes = quotes.sort_values(["n_docs", "n_mentions", "first_position"], ascending=[False, False, True])
    return quotes, ids
