"""Convert the shared corpora into spaCy DocBin files for training and evaluation.

Reads (never copies into the repository):
  - UD English-EWT (CoNLL-U): words, UPOS, XPOS, morphology, lemmas, heads, labels, sentences;
  - UNER English-EWT (IOB2): PER / ORG / LOC entities joined to EWT by ``# sent_id`` (OTH -> O);
  - GUM (CoNLL-U with entity mentions in MISC): the same layers, and proper-name mentions of type
    person / organization / place as PERSON / ORG / LOC entities.

Writes ``training/corpus/{train,dev,ewt-test,gum-test,gum-news-test}.spacy``.

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


def gum_entities(sent: Sentence) -> list[str]:
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
        if start < end:
            tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return tags


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
    sents = []
    for path in sorted((corpora / "gum" / "dep").glob("GUM_*.conllu")):
        if names.get(path.stem) != split or path.stem.split("_")[1] not in genres:
            continue
        for sent in read_conllu(path):
            sent.ents = gum_entities(sent)
            sents.append(sent)
    return sents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).parents[1] / ".." / "shared" / "corpora"
    )
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
    for name, sents in sets.items():
        docs = chunk_docs(vocab, sents)
        DocBin(docs=docs, store_user_data=False).to_disk(args.out / f"{name}.spacy")
        n_words = sum(len(s.words) for s in sents)
        n_ents = sum(len(d.ents) for d in docs)
        print(f"{name}: {len(sents)} sentences, {n_words} words, {len(docs)} docs, {n_ents} entities")


if __name__ == "__main__":
    main()
