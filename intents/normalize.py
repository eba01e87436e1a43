"""A Dutch normaliser: the one way question text and vocabulary are brought to the same form.

Lower case, accents folded ("één" -> "een"), the ligature "ĳ" spelled out, apostrophes and
hyphens inside words joined or split consistently, every other punctuation mark a space.
"56+" becomes "56plus" so that it survives the punctuation pass.
"""

from __future__ import annotations

import re
import unicodedata

_PLUS_AFTER_NUMBER = re.compile(r"(\d)\s*\+")
_APOSTROPHE_SUFFIX = re.compile(r"(\w)['’`´-](er|ers)\b|(\w)['’`´](en)\b")
_APOSTROPHE_PLURAL = re.compile(r"(\w)['’`´]s\b")
"""LKV's, WGA's: the plural of an abbreviation is the abbreviation."""
_NON_WORD = re.compile(r"[^a-z0-9%]+")
_PERCENT = re.compile(r"(\d)\s*%")

STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "voor",
        "met",
        "in",
        "op",
        "aan",
        "bij",
        "uit",
        "te",
        "tot",
        "om",
        "als",
        "dan",
        "die",
        "dat",
        "dit",
        "deze",
        "er",
        "is",
        "zijn",
        "was",
        "wordt",
        "worden",
        "heeft",
        "hebben",
        "kan",
        "kunnen",
        "moet",
        "mag",
        "ik",
        "je",
        "jij",
        "u",
        "we",
        "wij",
        "ze",
        "zij",
        "hij",
        "zijn",
        "haar",
        "mijn",
        "onze",
        "hun",
        "iemand",
        "iets",
        "wat",
        "welke",
        "welk",
        "hoe",
        "wie",
        "waar",
        "wanneer",
        "waarom",
        "naar",
        "over",
        "nog",
        "ook",
        "al",
        "wel",
        "niet",
        "geen",
        "maar",
        "zo",
        "nu",
        "per",
        "even",
        "eens",
        "graag",
        "ff",
        "effe",
        "dus",
        "toch",
        "hier",
        "daar",
    ]
)


EXPANSIONS = {"wg": "werkgever", "wgs": "werkgevers", "wn": "werknemer", "kand": "kandidaat"}
"""Chat shorthand written out, so cue words and phrases see the full word."""


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping only ASCII letters, digits and spaces."""
    text = text.replace("ĳ", "ij").replace("Ĳ", "ij")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def normalize(text: str) -> str:
    """The canonical form used for matching: folded, punctuation gone, spaces collapsed."""
    text = fold(text)
    text = _PLUS_AFTER_NUMBER.sub(r"\1plus", text)
    text = _APOSTROPHE_SUFFIX.sub(lambda m: (m[1] or m[3]) + (m[2] or m[4]), text)
    text = _APOSTROPHE_PLURAL.sub(r"\1", text)
    text = _PERCENT.sub(r"\1 %", text)
    text = text.replace("'s-", "s ").replace("'s ", "s ")
    return " ".join(EXPANSIONS.get(w, w) for w in _NON_WORD.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    """Normalised words of a text."""
    return normalize(text).split()


def content_tokens(words: list[str]) -> list[str]:
    """Words without Dutch function words; a phrase keeps its meaning without them."""
    return [w for w in words if w not in STOPWORDS]
