"""Convert the shared corpora into spaCy DocBin files for training and evaluation.

Reads (never copies into the repository):
  - UD English-EWT (CoNLL-U): words, UPOS, XPOS, morphology, lemmas, heads, labels, sentences;
  - UNER English-EWT (IOB2): PER / ORG / LOC entities joined to EWT by ``# sent_id`` (OTH -> O);
  - GUM (CoNLL-U with entity mentions in MISC): the same layers, and proper-name mentions of type
    person / organization / place as PERSON / ORG / LOC entities, with titles ("President", "Professor")
    left out of person names as UNER does;
  - ner-extra (CoNLL-style token/tag columns): wikigold, Broad Twitter Corpus, WNUT17, re3d, CrossNER
    politics, mapped to PERSON / ORG / LOC with the clean-ups of ``ner-extra/README.md`` (see ``ner_extra``).

Writes ``training/corpus/{train,dev,ewt-test,gum-test,gum-news-test}.spacy`` (treebanks, every layer) and
``training/corpus/{ner-train,ner-dev}.spacy`` for the separately trained recogniser: UNER EWT + GUM + ner-extra
in train, UNER EWT dev + GUM dev in dev. The NER files carry only words and entities, so nothing in them
teaches the tagger or the parser (they are read by ``training/ner.cfg`` only).

Usage: python training/convert.py [--corpora ../shared/corpora] [--out training/corpus]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

SENTS_PER_DOC = 10
UNER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
GUM_LABELS = {"person": "PERSON", "organization": "ORG", "place": "LOC"}
GUM_GENRES = ("academic", "bio", "court", "interview", "news", "voyage")
# ner-extra: file globs and label mappings (ner-extra/README.md); every other label goes to O
NER_EXTRA = {
    "wikigold": (("wikigold.conll.txt",), {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}),
    "btc": (("*.conll",), {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}),
    "wnut17": (
        ("wnut17train.conll", "emerging.dev.conll", "emerging.test.annotated"),
        {"person": "PERSON", "corporation": "ORG", "group": "ORG", "location": "LOC"},
    ),
    "re3d": (("re3d-train.conll", "re3d-test.conll"), {"Person": "PERSON", "Organisation": "ORG", "Location": "LOC"}),
    "crossner-politics": (
        ("train.txt", "dev.txt", "test.txt"),
        {
            "politician": "PERSON",
            "person": "PERSON",
            "organisation": "ORG",
            "politicalparty": "ORG",
            "country": "LOC",
            "location": "LOC",
        },
    ),
}
SOCIAL_MEDIA = {"btc", "wnut17"}  # user names are accounts, not the names news text uses
PRONOUNS = set(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she "
    "her hers herself it its itself they them their theirs themselves who whom whose this that these those".split()
)


@dataclass
class Sentence:
    sent_id: str
    doc_id: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    morphs: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # 0-based within sentence, root -> itself
    deps: list[str] = field(default_factory=list)
    misc: list[str] = field(default_factory=list)
    ents: list[str | None] | None = None  # IOB tags; None = not annotated


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield sentences of a CoNLL-U file, multiword tokens expanded into their words."""
    doc_id = path.stem
    sent: Sentence | None = None
    mwt_end, mwt_space = -1, True
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith("# newdoc id"):
            doc_id = line.split("=", 1)[1].strip()
        elif line.startswith("# sent_id"):
            sent = Sentence(sent_id=line.split("=", 1)[1].strip(), doc_id=doc_id)
            mwt_end = -1
        elif not line.strip():
            if sent is not None and sent.words:
                yield sent
            sent = None
        elif line.startswith("#") or sent is None:
            continue
        else:
            cols = line.split("\t")
            if "." in cols[0]:  # empty node of enhanced UD
                continue
            if "-" in cols[0]:  # multiword token: its words are written without spaces
                mwt_end = int(cols[0].split("-")[1])
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            idx = int(cols[0])
            space = "SpaceAfter=No" not in cols[9]
            if idx < mwt_end:
                space = False
            elif idx == mwt_end:
                space = mwt_space
            head = int(cols[6])
            sent.words.append(cols[1])
            sent.spaces.append(space)
            sent.upos.append(cols[3])
            sent.xpos.append(cols[4] if cols[4] != "_" else cols[3])
            sent.morphs.append(cols[5] if cols[5] != "_" else "")
            sent.lemmas.append(cols[2])
            sent.heads.append(head - 1 if head else idx - 1)
            sent.deps.append("ROOT" if cols[7] == "root" else cols[7])
            sent.misc.append(cols[9])


def read_iob2(path: Path) -> dict[str, list[str]]:
    """Map sent_id -> IOB tags (PERSON/ORG/LOC; OTH mapped to O)."""
    tags: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith("# sent_id"):
            current = tags.setdefault(line.split("=", 1)[1].strip(), [])
        elif line.strip() and not line.startswith("#") and current is not None:
            tag = line.split("\t")[2]
            label = UNER_LABELS.get(tag[2:]) if tag != "O" else None
            current.append(f"{tag[0]}-{label}" if label else "O")
    return tags


ENTITY_PART = re.compile(r"\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)")


def gum_titles(sents: list[Sentence]) -> set[str]:
    """Lower-cased words GUM attaches to a name as a title (``nmod:desc``: "President", "Professor", "Dr.")."""
    return {
        s.words[i].lower()
        for s in sents
        for i, dep in enumerate(s.deps)
        if dep == "nmod:desc" and s.upos[i] in {"PROPN", "NOUN"} and s.upos[s.heads[i]] == "PROPN"
    }


def strip_titles(sent: Sentence, start: int, end: int, titles: set[str]) -> int:
    """The first word of a person name after its leading titles ("Prime Minister Theresa May" -> "Theresa").

    A leading word is a title when it is in ``titles`` or depends on a title word of the span ("Prime" of
    "Minister"). Returns ``end`` when the whole span is titles (a bare "the President" is not a name).
    """
    is_title = [False] * (end - start)
    for i in reversed(range(start, end)):
        h = sent.heads[i]
        is_title[i - start] = sent.words[i].lower() in titles or (
            start <= h < end and h != i and is_title[h - start] and sent.deps[i] in {"amod", "compound", "flat"}
        )
    while start < end and (is_title[0] or sent.upos[start] == "PUNCT"):
        start += 1
        is_title.pop(0)
    return start


def gum_entities(sent: Sentence, titles: set[str] = frozenset()) -> list[str]:
    """IOB tags from GUM's MISC Entity mentions: proper-name person/organization/place only.

    ``(3-event-...`` opens mention 3, ``3)`` closes it, ``(4-object-...)`` is a one-word mention. A mention
    counts as a proper name when its head word (the one whose head lies outside it) is a PROPN. Nested
    mentions keep the outermost qualifying one.
    """
    open_at: dict[str, list[tuple[int, str]]] = {}
    mentions: list[tuple[int, int, str]] = []
    for i, misc in enumerate(sent.misc):
        ent = next((m[7:] for m in misc.split("|") if m.startswith("Entity=")), "")
        for m in ENTITY_PART.finditer(ent):
            if m.group(4):  # "N)" closes the innermost open mention N
                stack = open_at.get(m.group(4))
                if stack:
                    start, etype = stack.pop()
                    mentions.append((start, i + 1, etype))
            elif m.group(3):
                mentions.append((i, i + 1, m.group(2)))
            else:
                open_at.setdefault(m.group(1), []).append((i, m.group(2)))
    tags = ["O"] * len(sent.words)
    for start, end, etype in sorted(mentions, key=lambda m: (m[0], -(m[1] - m[0]))):
        label = GUM_LABELS.get(etype)
        if not label or any(t != "O" for t in tags[start:end]):
            continue
        heads = [i for i in range(start, end) if not start <= sent.heads[i] < end or sent.heads[i] == i]
        if len(heads) != 1 or sent.upos[heads[0]] != "PROPN":
            continue
        while start < end and sent.upos[start] in {
            "DET",
            "PUNCT",
        }:  # "the United Nations" -> "United Nations"
            start += 1
        if label == "PERSON":
            start = strip_titles(sent, start, end, titles)
        if start < end:
            tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return tags


def repair_iob(tags: list[str]) -> list[str]:
    """IOB2 from IO or from tags some of which were set to O: an I- that continues nothing becomes B-."""
    out: list[str] = []
    for tag in tags:
        if tag.startswith("I-") and (not out or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def spans(tags: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each entity of IOB2 tags."""
    out = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-"):
            out.append([i, i + 1])
        elif tag.startswith("I-") and out and out[-1][1] == i:
            out[-1][1] = i + 1
    return [tuple(s) for s in out]


def read_columns(path: Path, mapping: dict[str, str]) -> Iterator[tuple[list[str], list[str]]]:
    """(words, IOB2 tags) per sentence of a token-per-line file: token first, tag last, blank lines between.

    Tab-separated lines are split on the tab (BTC has tokens holding spaces; such tokens lose them), others
    on whitespace; ``-DOCSTART-`` lines (wikigold) are dropped. Tags are mapped to PERSON / ORG / LOC.
    """
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf8").splitlines() + [""]:
        cols = line.rstrip("\n").split("\t") if "\t" in line else line.split()
        if not line.strip() or cols[0] == "-DOCSTART-":
            if words:
                yield words, repair_iob(tags)
            words, tags = [], []
            continue
        word = "".join(cols[0].split()) or "_"
        tag = cols[-1].strip()
        label = mapping.get(tag[2:]) if tag[:2] in {"B-", "I-"} else None
        words.append(word)
        tags.append(f"{tag[0]}-{label}" if label else "O")


def clean_extra(name: str, words: list[str], tags: list[str]) -> list[str]:
    """The clean-ups of ner-extra/README.md.

    Social media (BTC, WNUT17): an ``@`` token, the user name after it and an ``@name`` token are O (news
    names people, not accounts). re3d is mention-level: a span that is one pronoun, or has no capitalised
    word ("the regime", "soldiers"), is O.
    """
    tags = list(tags)
    if name in SOCIAL_MEDIA:
        for i, word in enumerate(words):
            if word.startswith("@"):
                tags[i] = "O"
                if word == "@" and i + 1 < len(words):
                    tags[i + 1] = "O"
        tags = repair_iob(tags)
    if name == "re3d":
        for start, end in spans(tags):
            span = words[start:end]
            if (len(span) == 1 and span[0].lower() in PRONOUNS) or not any(w[:1].isupper() for w in span):
                tags[start:end] = ["O"] * (end - start)
    return tags


def ner_extra(vocab, corpora: Path) -> list[Doc]:
    """Docs of words and entities from every ner-extra corpus, ten sentences to a Doc within a file."""
    docs = []
    for name, (globs, mapping) in NER_EXTRA.items():
        first = len(docs)
        for pattern in globs:
            for path in sorted((corpora / "ner-extra" / name).glob(pattern)):
                group: list[tuple[list[str], list[str]]] = []
                for words, tags in read_columns(path, mapping):
                    group.append((words, clean_extra(name, words, tags)))
                    if len(group) == SENTS_PER_DOC:
                        docs.append(ner_doc(vocab, group))
                        group = []
                if group:
                    docs.append(ner_doc(vocab, group))
        n_ents = {
            label: sum(e.label_ == label for d in docs[first:] for e in d.ents) for label in ("PERSON", "ORG", "LOC")
        }
        print(f"  ner-extra/{name}: {len(docs) - first} docs, {sum(len(d) for d in docs[first:])} words, {n_ents}")
    return docs


def ner_doc(vocab, sents: list[tuple[list[str], list[str]]]) -> Doc:
    words = [w for ws, _ in sents for w in ws]
    tags = [t for _, ts in sents for t in ts]
    starts = [i == 0 for ws, _ in sents for i in range(len(ws))]
    return Doc(vocab, words=words, ents=tags, sent_starts=starts)


def ner_only(vocab, docs: list[Doc]) -> list[Doc]:
    """Copies of treebank Docs that keep only the words and the entity annotation (missing stays missing)."""
    out = []
    for doc in docs:
        ents = [None if t.ent_iob == 0 else (t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "")) for t in doc]
        out.append(Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc], ents=ents))
    return out


def to_doc(vocab, sents: list[Sentence]) -> Doc:
    words, spaces, heads, ents = [], [], [], []
    upos, xpos, morphs, lemmas, deps, starts = [], [], [], [], [], []
    for sent in sents:
        offset = len(words)
        words += sent.words
        spaces += sent.spaces
        spaces[-1] = True  # sentences are separated by a space
        upos += sent.upos
        xpos += sent.xpos
        morphs += sent.morphs
        lemmas += sent.lemmas
        deps += sent.deps
        heads += [h + offset for h in sent.heads]
        starts += [True] + [False] * (len(sent.words) - 1)
        ents += sent.ents if sent.ents is not None else [None] * len(sent.words)
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=upos,
        tags=xpos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=starts,
        ents=ents,
    )


def chunk_docs(vocab, sents: list[Sentence]) -> list[Doc]:
    """Group consecutive sentences of one source document into Docs of up to SENTS_PER_DOC."""
    docs, group = [], []
    for sent in sents:
        if group and (sent.doc_id != group[-1].doc_id or len(group) == SENTS_PER_DOC):
            docs.append(to_doc(vocab, group))
            group = []
        group.append(sent)
    if group:
        docs.append(to_doc(vocab, group))
    return docs


def ewt(corpora: Path, split: str) -> list[Sentence]:
    uner = read_iob2(corpora / "uner-english-ewt" / f"en_ewt-ud-{split}.iob2")
    sents = list(read_conllu(corpora / "ud-english-ewt" / f"ewt-{split}.conllu"))
    for sent in sents:
        tags = uner.get(sent.sent_id)
        sent.ents = tags if tags is not None and len(tags) == len(sent.words) else None
    return sents


def gum_split(corpora: Path) -> dict[str, str]:
    split, names = "", {}
    for line in (corpora / "gum" / "splits.md").read_text(encoding="utf8").splitlines():
        if line.startswith("## "):
            split = line[3:].strip()
        elif line.strip().startswith("* "):
            names[line.strip()[2:].strip()] = split
    return names


def gum(corpora: Path, split: str, genres: tuple[str, ...] = GUM_GENRES) -> list[Sentence]:
    names = gum_split(corpora)
    paths = sorted((corpora / "gum" / "dep").glob("GUM_*.conllu"))
    titles = gum_titles([s for p in paths if names.get(p.stem) == "train" for s in read_conllu(p)])
    sents = []
    for path in paths:
        if names.get(path.stem) != split or path.stem.split("_")[1] not in genres:
            continue
        for sent in read_conllu(path):
            sent.ents = gum_entities(sent, titles)
            sents.append(sent)
    return sents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    args = parser.parse_args()
    vocab = spacy.blank("en").vocab
    args.out.mkdir(parents=True, exist_ok=True)
    sets = {
        "train": ewt(args.corpora, "train") + gum(args.corpora, "train"),
        "dev": ewt(args.corpora, "dev") + gum(args.corpora, "dev"),
        "ewt-test": ewt(args.corpora, "test"),
        "gum-test": gum(args.corpora, "test"),
        "gum-news-test": gum(args.corpora, "test", ("news", "interview")),
    }
    docs = {}
    for name, sents in sets.items():
        docs[name] = chunk_docs(vocab, sents)
        DocBin(docs=docs[name], store_user_data=False).to_disk(args.out / f"{name}.spacy")
        n_words = sum(len(s.words) for s in sents)
        n_ents = sum(len(d.ents) for d in docs[name])
        print(f"{name}: {len(sents)} sentences, {n_words} words, {len(docs[name])} docs, {n_ents} entities")
    ner_sets = {
        "ner-train": ner_only(vocab, docs["train"]) + ner_extra(vocab, args.corpora),
        "ner-dev": ner_only(vocab, docs["dev"]),
    }
    for name, ner_docs in ner_sets.items():
        DocBin(docs=ner_docs, store_user_data=False).to_disk(args.out / f"{name}.spacy")
        n_words = sum(len(d) for d in ner_docs)
        n_ents = sum(len(d.ents) for d in ner_docs)
        print(f"{name}: {len(ner_docs)} docs, {n_words} words, {n_ents} entities")


if __name__ == "__main__":
    main()
