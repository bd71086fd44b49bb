"""How people are named: name particles and suffixes, pronouns and their features, honorifics' genders, and
which of several descriptions of a person is the most informative. One home for these words, used within an
article (``attribute.py``, ``speakers.py``, on tokens) and across articles (``canonical.py``, on strings).

No spaCy here: canonicalisation runs without a model. The word lists are data in ``resources/``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .lexicon import lexicon

# lower-case words inside names: "Ursula von der Leyen", "Mohammed bin Salman"
PARTICLES = lexicon("name_particles")
# generational suffixes: part of the name, but not the surname ("Martin Luther King Jr.")
SUFFIXES = lexicon("name_suffixes")
# personal pronouns that stand as a speaker and need an antecedent
SPEAKER_PRONOUNS = lexicon("pronouns")
# every pronoun a speaker string can be: such a speaker is left as written, never merged with anyone
ANY_PRONOUNS = lexicon("any_pronouns")
# what a speaker pronoun tells of its antecedent
PERSONAL = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}  # a person, and their gender
PLURAL = frozenset({"they", "them", "their", "we", "us"})  # a group or an organisation
ORGANISATIONAL = frozenset({"it", "its"})  # an organisation
# the gender an honorific shows ("Ms Benali" is a woman); the honorifics themselves: resources/honorifics_en.txt
HONORIFIC_GENDER = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "madam": "f",
    "dame": "f",
    "lady": "f",
}


# a party and state tag written after a legislator's name: "R-Utah", "D-N.Y.", "I-Vt."
PARTY_TAG = re.compile(r"[DRI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?")


def is_party_tag(text: str) -> bool:
    """A party and state tag ("R-Utah", "D-Mass."), which is no one's name."""
    return PARTY_TAG.fullmatch(text.strip("() ")) is not None


# words that count a group rather than name it: "more than a dozen rights groups", "dozens of activists"
QUANTITY_WORDS = frozenset(
    "more fewer less most some many several few numerous dozen dozens hundreds thousands millions scores number "
    "handful majority minority all half".split()
)
_QUANTITY = re.compile(
    r"(?:(?:more|fewer|less) than |at least |at most |nearly |almost |about |around |over |up to |some )?"
    r"(?:a |an )?(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|dozen|dozens|hundreds|thousands|millions|scores|several|many|numerous|some|most|all|"
    r"a number|a handful|a majority|a minority)(?: of(?: the| these| those)?)? ",
    re.IGNORECASE,
)
VAGUE = frozenset({"others", "people", "ones", "those", "them", "us"})
# plurals a group phrase may end with that do not end in "s"
PLURALS = frozenset({"people", "police", "men", "women", "children", "staff", "clergy", "personnel"})


def without_quantity(phrase: str) -> str:
    """A group phrase without the count before it: "more than a dozen rights groups" -> "rights groups",
    "dozens of activists" -> "activists". Only a plural common-noun rest loses it: "Five Star Movement",
    "63 percent", "eight of 10 voters", "all this" stay as written."""
    found = _QUANTITY.match(phrase)
    if found is None:
        return phrase
    rest = phrase[found.end() :]
    words = rest.split()
    last = words[-1] if words else ""
    plural = (last.endswith("s") and not last.endswith(("ss", "is", "us"))) or last in PLURALS
    counted = bool(words) and not words[0][:1].isdigit() and words[0] not in {"percent", "per", "of"}
    counted = counted and rest not in VAGUE  # "29 others", "dozens of people": the count is all they say
    return rest if rest.islower() and plural and counted else phrase


def informativeness(value: str, count: int) -> tuple[int, int, str]:
    """The order of ``most_informative`` as a sort key (smallest first): more often, then longer, then A-Z."""
    return -count, -len(value), value


def most_informative(values: Iterable[str]) -> str | None:
    """Of the descriptions given of one person (roles, organisations), the one said most often; ties go to the
    longer, then to the alphabetically first. None when there is none."""
    counts = Counter(values)
    return min(counts, key=lambda v: informativeness(v, counts[v]), default=None)
