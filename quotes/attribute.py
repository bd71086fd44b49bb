"""Cue -> speaker mention; split quotes joined; quotes with no cue of their own continue the last speaker.

The speaker mention is the name as written ("Maria Lopez" in "said Maria Lopez, the union's lawyer"), or a
tidy noun phrase for groups ("rights groups", "the government of Vietnam"), or a pronoun that
``speakers.py`` resolves next. Appositives and titles stay out of the mention: they are roles.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from . import rules, schemes
from .find import (
    MIN_FLOATING_WORDS,
    Candidate,
    adjacent_cue,
    as_statement,
    doc_index,
    governing_cue,
    in_quoted_content,
    is_cue,
    is_dash,
    is_headline_cue,
    is_title_of_work,
    names_something,
    outermost_cue,
    quoted_candidates,
    reported_candidates,
    sentence_cue,
    sentence_of,
    text_of,
)
from .lexicon import lexicon
from .names import PARTICLES, QUANTITY_WORDS

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
MAX_ATTRIBUTION_CHARS = 120  # "she told reporters at the ceremony on Saturday": longer is not a mere attribution


@dataclass
class Attributed:
    """A candidate with its speaker mention (None when the text names nobody) and the rule that found the
    speaker (``rules.SPEAKER_RULES``; None when there is no speaker)."""

    candidate: Candidate
    speaker: Span | None
    speaker_rule: str | None = None


def speaker_token(cue: Token) -> tuple[Token, str] | None:
    """The head word of whoever the cue says spoke (subject, passive agent, or the subject up a chain) and
    the rule that found it; None when the text names nobody or that rule is switched off.

    Never a time ("a letter from his doctor Friday afternoon that says ..." names no speaker "afternoon"):
    a wrong speaker is worse than none.
    """
    found = _speaker_token(cue)
    if found is None or found[0] is None or is_time_word(found[0]) or not rules.on(found[1]):
        return None
    return _issuer(found[0]), found[1]


def _issuer(token: Token) -> Token:
    """Whoever issued the document a speaker mention names: 'the council issued a statement saying ...' is
    the council's ('resources/documents_en.txt'); anything else is itself."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon("documents") or not schemes.is_object(token):
        return token
    subjects = [c for c in token.head.children if schemes.is_subject(c) and not in_quoted_content(c)]
    return subjects[0] if subjects and not is_time_word(subjects[0]) else token


def _phrase_head(token: Token) -> Token:
    """The noun a word-before speaker belongs to: 'Protesters marching through the streets chanted' ->
    Protesters, not the streets: the object of a preposition in a participle modifying a noun."""
    verb = token.head
    in_phrase = any(schemes.is_case_marker(c) and c.lower_ != "of" for c in token.children)
    if in_phrase and verb.pos_ == "VERB" and schemes.is_clause_modifier(verb) and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    return token


def _speaker_token(cue: Token) -> tuple[Token | None, str] | None:
    if cue.lower_ == "according":
        return schemes.according_to_object(cue), "according_to"
    if is_dash(cue):  # '"..." — Maria Lopez': the name after the dash, its last word
        end = cue.i + 1
        # the name ends at the line break (taggers often call a line-break token a proper noun)
        while end + 1 < len(cue.doc) and cue.doc[end + 1].pos_ == "PROPN" and not cue.doc[end + 1].is_space:
            end += 1
        return cue.doc[end], "dash_name"
    if cue.text == ":":  # 'Lopez: "..."': the name before the colon
        return cue.doc[cue.i - 1], "colon_name"
    # "the minister's warning that ...", "a claim by the company that ..."; a noun with a subject of its own is
    # a verb the tagger took for a noun ('But Trump claims that ...')
    if cue.pos_ == "NOUN" and not any(schemes.is_subject(c) for c in cue.children):
        possessor = next((c for c in cue.children if schemes.is_possessor(c)), None)
        if possessor is not None:
            return possessor, "possessor"
        return schemes.nominal_dependent(cue, "by") or schemes.nominal_dependent(cue, "from"), "by_phrase"
    before = _word_before(cue)
    if cue.lower_.endswith("ing") and before is not None and not _is_person_name(before):
        before = None  # a participle after a noun is that noun's only if a person: 'footage of Lopez asking'
    if (
        # a time or a quoted word the parse made the subject is none ('"..." Lopez, D-Ore., said Tuesday')
        not any(
            schemes.is_subject(c) and not (is_time_word(c) or in_quoted_content(c) or c.is_space) for c in cue.children
        )
        and before is not None
        and before.pos_ in {"PROPN", "NOUN"}
        and not is_time_word(before)
    ):
        # "... but Antonio Guterres said that ...", '"...," Quina Jones, 25, said': the parse lost the subject,
        # the words have it
        return _phrase_head(before), "word_before"
    node = cue
    for _ in range(4):
        # the speaker never stands inside quotation marks (parsers take quoted words for subjects), and is
        # never a time ("Trump said Friday ...", parsed with "Friday" as a subject)
        subjects = [
            c
            for c in node.children
            if schemes.is_subject(c) and not in_quoted_content(c) and not is_time_word(c) and not c.is_space
        ]
        if subjects:
            child = subjects[0]
            if child.lower_ in RELATIVE_PRONOUNS and schemes.is_relative_clause(node):
                # "Lopez, who said ...": the relative pronoun is the mention (as attribution corpora mark it);
                # ``speakers.py`` names the noun it stands for (``relative_antecedent``)
                antecedent = relative_antecedent(child)
                if antecedent is not None and is_time_word(antecedent) and node != cue:
                    # '... during his time on MSNBC, which let him go, and said ...': a conjunct of saying the
                    # parse hung on a relative clause about a time goes on with the main clause
                    node = antecedent.head
                    continue
                if antecedent is None or is_time_word(antecedent):
                    return None, "relative"  # "a letter Friday that says ...": a time is nobody
                return child, "relative"
            # "The chairman of X, Gregor Baumann, told": parsers often make the appositive name a second subject
            appositive_names = (
                c
                for c in subjects[1:]
                if c.pos_ == "PROPN" and schemes.is_person_label(c.ent_type_) and c.nbor(-1).text == ","
            )
            appositive = next(appositive_names, None)
            if appositive is not None:
                return appositive, "appositive"
            return child, "subject" if node == cue else "joined_subject"
        # "After saying ..., she was taken to hospital": a participle's speaker is the subject of the clause
        # it hangs on, passive or not
        passive = [c for c in node.children if schemes.is_passive_subject(c) and not in_quoted_content(c)]
        if node != cue and cue.lower_.endswith("ing") and passive and not is_time_word(passive[0]):
            return passive[0], "joined_subject"
        if node != cue and is_cue(node) and node.pos_ == "VERB":
            # 'DuVernay said, emphasizing ...': the verb of saying the participle joins lost its subject too
            before = _word_before(node)
            if before is not None and before.pos_ in {"PROPN", "NOUN"} and not is_time_word(before):
                return _phrase_head(before), "joined_subject"
        agent = schemes.nominal_dependent(node, "by")
        if agent is not None and any(schemes.is_passive_subject(c) or schemes.is_auxiliary(c) for c in node.children):
            return agent, "passive_agent"
        if any(schemes.is_passive_subject(c) for c in node.children):
            return None  # "The plan was called 'reckless'": passive with no agent names nobody
        # "Lopez described X, but said Y" / "Lopez declined to say ..." / "..., he said, adding that ...":
        # the subject of the verb it joins
        joins = schemes.is_conjunct(node) or schemes.is_open_complement(node) or schemes.is_adverbial_clause(node)
        # "X said in a statement, adding that ...": a participle the parser hung on a noun still joins the verb
        participle = node.lower_.endswith("ing") and node.head.pos_ == "NOUN" and node.head.head.pos_ == "VERB"
        if participle and node.head != node:
            node = node.head.head
            continue
        if joins and node.head != node:
            node = node.head
            # "Lopez said the plant would close, adding that ...": a participle of saying the parse hung inside
            # another report's clause adds to that report, whose subject speaks (not the clause's "the plant")
            if cue.lower_.endswith("ing") and schemes.is_complement_clause(node) and is_cue(node.head):
                node = node.head
            continue
        if schemes.is_relative_clause(node) or schemes.is_clause_modifier(node):
            # "29 others who only specified ...": a relative pronoun the parse did not make the subject
            # (read the words: the pronoun right before the verb, past adverbs and stray space tokens)
            j = node.i - 1
            while j > 0 and (cue.doc[j].is_space or cue.doc[j].pos_ == "ADV"):
                j -= 1
            pronoun = cue.doc[j] if cue.doc[j].lower_ in {"who", "which"} else None
            if pronoun is not None and relative_antecedent(pronoun) is not None:
                return pronoun, "relative"
            return node.head, "modified_noun"  # "a letter signed by ...", "officials speaking on condition ..."
        break
    return _inverted_subject(cue), "inverted"


def _is_person_name(token: Token) -> bool:
    """A proper noun the recogniser takes for a person, or tags nothing."""
    return token.pos_ == "PROPN" and (not token.ent_type_ or schemes.is_person_label(token.ent_type_))


MAX_APPOSITIVE_WORDS = 10  # "Quina Jones, 25, said", "Ban Ki-moon, the secretary general of the United Nations, said"


def _word_before(cue: Token) -> Token | None:
    """The word right before the cue, past an appositive set off by commas ('Quina Jones, 25, said'); a name
    between the commas is the speaker itself ('Apple's chief, Tim Cook, said'), a party tag is not ('R-Ky.')."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and doc[j].is_space and "\n" not in doc[j].text:
        j -= 1  # a stray space token ('PolitiFact\xa0says')
    if j < 0:
        return None
    if doc[j].text in {")", "]"}:  # "Paul Ryan (R-Wis.) said": the name before the bracket
        k = j - 1
        while k > 0 and doc[k].text not in {"(", "["} and j - k <= MAX_APPOSITIVE_WORDS:
            k -= 1
        if k <= 0 or doc[k].text not in {"(", "["}:
            return None
        j = k - 1
    if doc[j].text == "," and not cue.lower_.endswith("ing"):  # '..., arguing that': a participle joins a verb
        k = j - 1
        while k > 0 and doc[k].text != "," and j - k <= MAX_APPOSITIVE_WORDS:
            if doc[k].is_quote or doc[k].pos_ in {"VERB", "AUX"} or "\n" in doc[k].text:
                return None
            k -= 1
        if k <= 0 or doc[k].text != "," or k == j - 1:
            return None
        group = doc[k + 1 : j]
        party_tag = any(t.text == "-" and len(t.nbor(-1).text) == 1 for t in group if t.i > k + 1)
        if all(t.pos_ == "PROPN" or t.text in {"-", "."} for t in group) and not party_tag:
            return group[-1]
        j = k - 1
    return doc[j]


MAX_ANTECEDENT_DISTANCE = 12  # tokens back from "who" to the person it stands for


def relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun subject stands for: 'Lopez, who said', 'the study, which notes': the noun
    the parse hangs the clause on, except that "who" takes a person named between that noun and itself ('a
    frosty relationship with McConnell, now the majority leader, who said'): parsers often hang the clause
    too high, and a relative clause describes the nearest person."""
    if pronoun.lower_ not in RELATIVE_PRONOUNS:
        return None
    doc = pronoun.doc
    if not schemes.is_relative_clause(pronoun.head):
        # the parse missed the relative clause: 'the mayor of the town, who said ...', 'others who said ...',
        # read from the words
        if pronoun.i == 0:
            return None
        before = doc[pronoun.i - 2] if pronoun.i >= 2 and doc[pronoun.i - 1].text == "," else doc[pronoun.i - 1]
        if pronoun.lower_ not in {"who", "which"} or before.pos_ not in {"NOUN", "PROPN"}:
            return None
        # the head of the noun phrase that ends there: 'the mayor of the town' -> mayor
        while schemes.dep(before) in {"nmod", "compound", "flat"} and before.head.i < before.i:
            before = before.head
        return before
    head = pronoun.head.head
    if head == pronoun.head:
        return None
    person = head.ent_type_ and schemes.entity_kind(head.ent_type_) == "person"
    if pronoun.lower_ in {"who", "whom"} and not person and head.i < pronoun.i:
        start = max(head.i + 1, pronoun.i - MAX_ANTECEDENT_DISTANCE)
        for token in reversed(doc[start : pronoun.i]):
            if token.ent_type_ and schemes.entity_kind(token.ent_type_) == "person" and not in_quoted_content(token):
                return token
    return head


def _inverted_subject(cue: Token) -> Token | None:
    """'..." said Anna Kowalski.' when the parse lost the subject: the name or noun right after the cue."""
    doc = cue.doc
    if cue.i == 0 or not (doc[cue.i - 1].is_quote or doc[cue.i - 1].text == ","):
        return None  # only the inverted order right after a quote: '," said X' (not '... told the BBC')
    i = cue.i + 1
    while i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    if i >= len(doc) or i - cue.i > 2:
        return None
    # the noun phrase that starts here runs over names, nouns, possessives and hyphens: its last noun heads it
    run = []
    while i < len(doc) and (doc[i].pos_ in {"PROPN", "NOUN"} or doc[i].text in {"'s", "’s", "-"}):
        run.append(doc[i])
        i += 1
    nouns = [t for t in run if t.pos_ in {"PROPN", "NOUN"}]
    return nouns[-1] if nouns and not is_time_word(nouns[-1]) else None


def is_time_word(token: Token) -> bool:
    """A day, month or other time noun ("Friday", "last week"): when something was said, never who."""
    return token.lower_ in lexicon("time_words")


def mention_span(token: Token) -> Span:
    """The speaker mention headed by ``token`` (never empty: at the least the token itself)."""
    span = _mention_span(token)
    return span if len(span) else token.doc[token.i : token.i + 1]


def _mention_span(token: Token) -> Span:
    """The speaker mention headed by ``token``: the name, or a tidy noun phrase without clauses.

    Titles before a name stay in the mention here (``speakers.py`` moves them into the role); appositives,
    relative clauses and prepositional phrases other than "of ..." are left out. A role noun followed by
    the name in apposition ("the head of the Accord, Nick Ashton-Hart") is the name.
    """
    doc = token.doc
    if token.ent_type_ and schemes.entity_kind(token.ent_type_) in {"person", "organisation"}:
        ent = doc_index(doc).entity(token.i)
        # trust the recogniser's span only where it stays inside the noun phrase of its own head
        root = ent.root if ent is not None else token
        subtree = range(root.left_edge.i, root.right_edge.i + 1)
        if (
            ent is not None
            and ent.start in subtree
            and ent.end - 1 in subtree
            and not any(t.is_punct and t.text not in "-.'’&" for t in ent)
        ):
            if schemes.entity_kind(ent.label_) == "person":
                # a name never runs on over a lower-case word ("Deborah Brown of Human Rights Watch" taken
                # as one person), and the recogniser may cut one short: the contiguous proper nouns decide
                end = next((t.i for t in ent if t.is_lower and t.lower_ not in PARTICLES), ent.end)
                run = _name_run(doc[min(token.i, end - 1)])
                return doc[min(run.start, ent.start) : max(run.end, end)]
            return _extend_name(ent)
    if token.pos_ == "PROPN":
        return _name_run(token)
    named = _appositive_name(token)
    if named is not None:
        return mention_span(named)
    return _noun_phrase(token)


def _name_run(token: Token) -> Span:
    """The contiguous proper nouns around ``token`` ('UN Secretary General Antonio Guterres', 'Ashton-Hart').

    Contiguity, not the parse, decides: parsers often attach the parts of a long foreign name loosely.
    """
    doc = token.doc

    def joins(i: int) -> bool:
        if not 0 <= i < len(doc) or doc[i].is_space or "\n" in doc[i].text:
            return False
        if "\n" in doc[min(i, token.i) : max(i, token.i) + 1].text:
            return False  # a name never runs over a line break
        if doc[i].pos_ == "PROPN":
            return not is_headline_cue(doc[i])  # 'Christie Calls Clinton ...': the verb ends the name
        if doc[i].text[:1].isupper() and doc[i].pos_ in {"NOUN", "ADJ"} and not doc[i].is_sent_start:
            return True  # a capitalised word inside a name the tagger took for a noun: "Human Rights Watch"
        # a hyphen inside a name: "Ashton-Hart"
        return doc[i].text == "-" and not doc[i].whitespace_ and 0 < i < len(doc) - 1 and doc[i + 1].pos_ == "PROPN"

    start, end = token.i, token.i + 1
    while joins(start - 1):
        start -= 1
    while joins(end):
        end += 1
    while start < end - 1 and is_dash(doc[start]):
        start += 1  # a dash before the name ('" ― Pamela Padilla'), which taggers may call a proper noun
    return doc[start:end]


def _appositive_name(token: Token) -> Token | None:
    """The proper name standing in apposition to a role noun, or to the end of its "of" phrase."""
    if token.pos_ != "NOUN":
        return None
    doc = token.doc
    # "Sabhanaz Rashid Diya, founder of the X think tank, said": the name before the comma that opens the
    # role phrase, whatever the parser made the head of that phrase
    j = token.i
    while j > 0 and doc[j - 1].text != "," and doc[j - 1].pos_ not in {"VERB", "AUX"} and token.i - j < 10:
        j -= 1
    # the role phrase is set off by commas on both sides ('For Trump, critics said': no apposition)
    after = (t for t in doc[token.i + 1 : min(token.i + 10, len(doc))] if t.text == "," or t.pos_ in {"VERB", "AUX"})
    closed = next((t.text == "," for t in after), False)
    name = doc[j - 2] if j >= 2 and doc[j - 1].text == "," and closed else None
    person_like = name is not None and (not name.ent_type_ or schemes.is_person_label(name.ent_type_))
    if name is not None and name.pos_ == "PROPN" and person_like and not is_time_word(name):
        return name  # (a time before the comma is none: 'At the forum on Monday, one questioner claimed')
    for t in token.subtree:
        # an appositive, or the conjunct a parser often makes of one ("its head, Milos Kovac, said")
        appositive = schemes.is_appositive(t) or (
            schemes.is_conjunct(t)
            and not any(schemes.is_coordinator(c) for c in t.children)
            and t.i > 0
            and t.nbor(-1).text == ","
        )
        if appositive and t.pos_ == "PROPN" and t.i > token.i:
            anchor = t.head
            while anchor != token and anchor.pos_ == "PROPN" and anchor.head != anchor:
                anchor = anchor.head  # "head of the Global Trade Council, Nick ..." parsed onto "Council"
            if anchor == token:
                return t
    return None


def counted_group(token: Token) -> Token | None:
    """The group a count word stands for ("More than a dozen rights groups", "Dozens of activists": the plural
    noun after it that the parse hung on it); None for any other word."""
    if token.lower_ not in QUANTITY_WORDS:
        return None
    return next((c for c in token.children if c.i > token.i and c.pos_ == "NOUN" and schemes.is_oblique(c)), None)


def _noun_phrase(token: Token) -> Span:
    """A common noun phrase: determiners, modifiers and possessors on the left, "of X" on the right."""
    doc = token.doc
    keep = {token.i}
    of = schemes.nominal_dependent(token, "of")
    if of is None:
        # "More than a dozen rights groups said": the count and the group it counts, whatever the preposition
        of = counted_group(token)
    for child in token.children:
        # "what engineers called ...": the "what" a parse may hang on the subject is no part of it
        left = child.i < token.i and child.lower_ != "what"
        if left and not schemes.is_function_word(child) and not schemes.is_appositive(child):
            keep.update(t.i for t in child.subtree)
        elif child.i > token.i and of is not None and (child == of or schemes.is_clearnlp_preposition(child, "of")):
            keep.update(t.i for t in child.subtree if not schemes.is_appositive(t) and t.i <= of.i)
    start, end = min(keep), max(keep) + 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _extend_name(ent: Span) -> Span:
    """An entity span, with a hyphenated surname the tokenizer split ('Ashton-Hart') kept whole."""
    doc = ent.doc
    end = ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ and doc[end + 1].pos_ == "PROPN":
        end += 2
    return doc[ent.start : end]


def _join_split(attributed: list[Attributed]) -> list[Attributed]:
    """Mark pairs around one attribution clause are one quote.

    '"We will appeal," Lopez said, "and we will win."' (split by its attribution) and '"We will appeal,"
    Lopez said. "We will win."' (the next sentence, in the same paragraph, with no cue of its own).
    """
    joined: list[Attributed] = []
    for item in attributed:
        prev = joined[-1] if joined else None
        if prev is not None and _continues(prev.candidate, item.candidate):
            cand = prev.candidate
            cand.marks = cand.marks + item.candidate.marks
            cand.end = item.candidate.end
            cand.content = cand.content.doc[cand.content.start : item.candidate.content.end]
            continue
        joined.append(item)
    return joined


def _continues(first: Candidate, second: Candidate) -> bool:
    """``second`` goes on with ``first``: only ``first``'s trailing attribution clause lies between them."""
    if not (first.kind == second.kind == "direct" and first.marks and second.marks and first.cue is not None):
        return False
    if not first.end < first.cue.idx < second.start:
        return False
    between = text_of(first.content.doc)[first.marks[-1].close_char + 1 : second.marks[0].open_char]
    if "\n" in between or len(between) > MAX_ATTRIBUTION_CHARS:
        return False
    # split ('"A," she said, "B."') or the next sentence with no cue of its own, or linked to the same one
    return second.cue is None or second.cue == first.cue


def _is_whole_sentence(doc: Doc, candidate: Candidate) -> bool:
    """Nothing but the quote (and punctuation) in its sentences: a quote that stands alone."""
    first, last = sentence_of(candidate.content[0]), sentence_of(candidate.content[-1])

    def is_word_outside(t: Token) -> bool:
        return not (candidate.start <= t.idx < candidate.end) and not (t.is_punct or t.is_space or t.is_quote)

    # walk out from the quote to its sentences' edges, stopping at the first word
    before = (doc[i] for i in range(candidate.content.start - 1, first.start - 1, -1))
    after = (doc[i] for i in range(candidate.content.end, last.end))
    inside = (t for t in candidate.content if not (candidate.start <= t.idx < candidate.end))
    return not any(is_word_outside(t) for part in (before, after, inside) for t in part)


def _names_someone_new(doc: Doc, start: int, end: int, speaker: Span | None) -> bool:
    """A person other than the current speaker is named as a subject between two quotes."""
    for ent in doc_index(doc).entities_from(start, end):
        if schemes.entity_kind(ent.label_) == "person":
            if speaker is None or ent.text.split()[-1] not in speaker.text:
                if any(schemes.is_subject(t) for t in ent):
                    return True
    return False


def attribute(doc: Doc) -> list[Attributed]:
    """All quotes of a Doc with their speaker mentions, in text order."""
    quoted = list(quoted_candidates(doc))
    taken = [(c.marks[0].open_char, c.marks[-1].close_char + 1) for c in quoted]
    out: list[Attributed] = []
    for cand in quoted:
        if cand.kind == "direct":
            cand.cue, cand.rule = adjacent_cue(doc, cand) or (None, "no_cue")
            cand.cue_is_according = cand.cue is not None and cand.cue.lower_ == "according"
            if cand.cue is not None and cand.rule == "leading_said" and names_something(cand.cue):
                cand.cue = outermost_cue(cand.cue)  # 'It is denouncing what it calls "..."': the outer report
        elif rules.on("governing_cue"):
            cand.cue, cand.rule = governing_cue(cand.content), "governing_cue"
        if cand.cue is None and is_title_of_work(cand.content):
            continue  # a show, a book, a bill no verb of saying governs: named, not quoted
        if cand.cue is None and cand.kind == "mixed":
            cand.cue = sentence_cue(cand.content)
            cand.cue_is_loose = cand.cue is not None
            cand.cue_is_according = cand.cue is not None and cand.cue.lower_ == "according"
            cand.rule = "according_to" if cand.cue_is_according else "sentence_cue"
            if not rules.on(cand.rule):
                cand.cue = None
        if cand.cue is None and cand.kind == "mixed":
            continue  # a scare quote or a title: '"Weak" safety measures', 'a so-called "reform"'
        if cand.kind == "mixed" and cand.cue is not None:
            cand.cue = outermost_cue(cand.cue)
            as_statement(cand, cand.cue)
            prev = out[-1].candidate if out else None
            if prev is not None and prev.kind == "mixed" and prev.cue == cand.cue and cand.start < prev.end:
                _join_fragments(prev, cand)  # 'called it "reckless" and "doomed"': one statement
                continue
        out.append(_with_speaker(cand))
    out = _join_split(out)
    taken += [(a.candidate.start, a.candidate.end) for a in out if a.candidate.kind == "mixed"]
    reported = [_with_speaker(cand) for cand in reported_candidates(doc, taken)]
    out = _continue_speakers(doc, out, reported) + reported
    out.sort(key=lambda a: a.candidate.start)
    return out


def _join_fragments(first: Candidate, second: Candidate) -> None:
    """Two quoted fragments of one statement: one mixed quote holding both."""
    doc = first.content.doc
    first.marks = first.marks + second.marks
    first.start, first.end = min(first.start, second.start), max(first.end, second.end)
    start = min(first.content.start, second.content.start)
    first.content = doc[start : max(first.content.end, second.content.end)]


def _main_clause_subject(cue: Token) -> Token | None:
    """The subject of the sentence's main verb, for a participle with no subject of its own that the
    parse hung elsewhere: '..., Lopez said, adding that ...', 'Bemoaning the "phony system", Trump said'."""
    if not cue.lower_.endswith("ing") or any(schemes.is_subject(c) for c in cue.children):
        return None
    root = sentence_of(cue).root
    if root == cue:
        return None
    subjects = [c for c in root.children if schemes.is_subject(c) and not in_quoted_content(c) and not is_time_word(c)]
    return subjects[0] if subjects else None


def _with_speaker(cand: Candidate) -> Attributed:
    if cand.cue is None:
        return Attributed(cand, None)
    # a speaker inside the content is a word of what was said, unless the attribution itself stands inside
    # it ('The union, Lopez said, will appeal', 'X, according to Y, will Z': one stretch of text holds both)
    inside = cand.content if cand.cue not in cand.content else cand.content[:0]
    found = speaker_token(cand.cue)
    if found is None or found[0] in inside or found[0].is_space or found[0].is_punct:
        head = _main_clause_subject(cand.cue)
        found = (head, "main_clause_subject") if head is not None and rules.on("main_clause_subject") else None
    if found is None or found[0] in inside or found[0].is_space or found[0].is_punct:
        return Attributed(cand, None)
    head, rule = found
    # quoted words only: a nested report with no marks is its own attribution ('X said she would ...')
    antecedent = _clause_subject(head) if cand.marks and rules.on("clause_subject") else None
    if antecedent is not None and antecedent not in cand.content:
        head, rule = antecedent, "clause_subject"
    return Attributed(cand, mention_span(head), rule)


# what a pronoun speaker says of the subject it stands for
PERSONAL_SUBJECTS = {"he", "she"}
COLLECTIVE_SUBJECTS = {"it", "they"}


def _clause_subject(pronoun: Token) -> Token | None:
    """The subject, earlier in the sentence, of a clause above a pronoun speaker, when it agrees with the
    pronoun: 'Ban condemned what he called a "breach"', 'Lynch said she recalled thinking, "..."',
    'the campaign contrasts its plan with what they call "..."'. The writer names the speaker once and the
    pronoun refers back to them; the name is the mention (PolNeAR's convention: the outer source)."""
    word = pronoun.lower_
    if word not in PERSONAL_SUBJECTS | COLLECTIVE_SUBJECTS or not schemes.is_subject(pronoun):
        return None
    node = pronoun.head
    for _ in range(MAX_CLAUSE_CLIMB):
        if node.head == node or schemes.is_conjunct(node) or schemes.is_adverbial_clause(node):
            return None  # 'Lopez met him, and he called it ...', '... before he called it': someone else
        node = node.head
        subjects = [c for c in node.children if schemes.is_subject(c) and c.i < pronoun.i]
        if not subjects:
            continue
        subject = subjects[0]
        if subject.lower_ in lexicon("pronouns") or in_quoted_content(subject) or is_time_word(subject):
            return None  # the nearest clause above has a subject of its own: it decides, and it is no name
        return subject if _agrees(word, subject) else None
    return None


MAX_CLAUSE_CLIMB = 4


def _agrees(pronoun: str, subject: Token) -> bool:
    """'he'/'she' and a person's name; 'it' and a singular organisation or noun; 'they' and a plural or a
    group."""
    kind = schemes.entity_kind(subject.ent_type_) if subject.ent_type_ else None
    plural = schemes.is_plural_noun(subject)
    if pronoun in PERSONAL_SUBJECTS:
        named = subject.pos_ == "PROPN" or any(c.pos_ == "PROPN" and c.i < subject.i for c in subject.children)
        return not plural and (kind == "person" or (kind is None and named))
    if pronoun == "it":
        return not plural and kind != "person" and subject.pos_ in {"NOUN", "PROPN"}
    # "they" also stands for a body named in the singular: 'the campaign contrasts X with what they call ...'
    collective = subject.pos_ == "NOUN" and subject.lemma_.lower() in lexicon("groups")
    return kind == "organisation" or collective or (plural and subject.pos_ in {"NOUN", "PROPN"})


def _continue_speakers(doc: Doc, attributed: list[Attributed], reported: list[Attributed]) -> list[Attributed]:
    """A quote with no cue that stands alone right after an attributed quote takes that speaker, and so does
    one right after a sentence of reported speech in its paragraph ('Lopez said the vote was close. "We
    will appeal."')."""
    out: list[Attributed] = []
    last: Attributed | None = None
    said = [r for r in reported if r.speaker is not None]
    k = 0
    for item in attributed:
        cand = item.candidate
        if cand.cue is None and item.speaker is None:
            while k < len(said) and said[k].candidate.end <= cand.start:
                k += 1
            before = last
            if k and _reports_just_before(doc, said[k - 1].candidate, cand):
                if before is None or said[k - 1].candidate.start > before.candidate.end:
                    before = said[k - 1]
            stands_alone = _is_whole_sentence(doc, cand)
            if (
                rules.on("continuation")
                and before is not None
                and before.speaker is not None
                and stands_alone
                and not _names_someone_new(doc, _after_attribution(doc, before), cand.start, before.speaker)
            ):
                cand.rule = "continuation"
                item = Attributed(cand, before.speaker, "continuation")
            elif len([t for t in cand.content if t.is_alpha]) < MIN_FLOATING_WORDS or not rules.on("no_cue"):
                continue  # a short quoted heading with no cue and nobody before it
        out.append(item)
        if item.speaker is not None or cand.cue is not None:
            last = item
    return out


def _reports_just_before(doc: Doc, said: Candidate, quote: Candidate) -> bool:
    """Reported speech in the sentence right before the quote, in the same paragraph."""
    if "\n" in text_of(doc)[said.end : quote.marks[0].open_char]:
        return False
    return sentence_of(said.content[-1]).end >= sentence_of(quote.content[0]).start - 1


def _after_attribution(doc: Doc, item: Attributed) -> int:
    """Where to look for someone new after ``item``: past the sentence of its cue when the cue follows the
    quote ('"...," Lopez said at the gala, where the mayor also spoke. "..."': the mayor is not a new speaker)."""
    cand = item.candidate
    if cand.cue is not None and cand.cue.idx >= cand.end:
        return max(cand.end, sentence_of(cand.cue).end_char)
    return cand.end
