"""The words advisers use, drawn from the catalogue, and how a question is matched against them.

Every name, alias, topic, target group, municipality, place and provider becomes a phrase in
normalised form (function words removed, so "lkv voor de banenafspraak" and "lkv
banenafspraak" are one phrase). A question is matched greedily, longest phrase first: exact
matches first, then RapidFuzz for the words left over, with named cutoffs.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from catalogue.store import Catalogue
from intents.normalize import content_tokens, tokens

log = logging.getLogger(__name__)

MAX_PHRASE_WORDS = 4
FUZZY_MIN_LENGTH = 5
"""Words shorter than this are matched exactly only: "ww", "ld", "lv" have too many neighbours."""
FUZZY_LONG_WORD = 8
"""From this length on a word may carry two slips instead of one, and may be a compound."""
FUZZY_CUTOFF = 80.0
"""Lowest similarity (0-100, from the edit distance) at which a slip counts as the word."""
FUZZY_SURE = 85.0
"""From this similarity on a fuzzy match is trusted without asking back."""
JOIN_MIN_WORD = 2
GLUE_MIN_PART = 4
"""A phrase glued from parts this long is a Dutch compound a misspelling may aim at."""
"""Words of a span glued together for a fuzzy match must each be at least this long."""
COMPOUND_HEAD_MIN = 6
"""A target-group word this long can start a compound ("bijstand" in "bijstandsmoeder")."""


class Kind(StrEnum):
    INSTRUMENT = "instrument"
    TOPIC = "topic"
    FAMILY = "family"
    GROUP = "group"
    MUNICIPALITY = "municipality"
    PROVIDER = "provider"
    REGION = "region"
    TERM = "term"
    OUTSIDE = "outside"


@dataclass(frozen=True)
class Entry:
    kind: Kind
    ref: str
    surface: str


@dataclass(frozen=True)
class Match:
    """One phrase of the question that names something the catalogue knows."""

    entries: tuple[Entry, ...]
    phrase: str
    start: int
    end: int
    score: float

    def refs(self, kind: Kind) -> list[str]:
        return [e.ref for e in self.entries if e.kind is kind]

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


# Words for a whole family of instruments. Each maps to an id pattern, so a new instrument
# with a matching id joins its family without touching this table.
FAMILIES: dict[str, tuple[str, str]] = {
    "lkv": ("prefix", "lkv-"),
    "loonkostenvoordeel": ("prefix", "lkv-"),
    "loonkostenvoordelen": ("prefix", "lkv-"),
    "loonkosten voordeel": ("prefix", "lkv-"),
    "wtl": ("prefix", "lkv-"),
    "jobcoach": ("prefix", "jobcoach-"),
    "jobcoaches": ("prefix", "jobcoach-"),
    "jobcoaching": ("prefix", "jobcoach-"),
    "job coach": ("prefix", "jobcoach-"),
    "werkvoorziening": ("prefix", "werkvoorzieningen-"),
    "werkvoorzieningen": ("prefix", "werkvoorzieningen-"),
    "voorzieningen": ("prefix", "werkvoorzieningen-"),
    "leerwerkcheque": ("suffix", "-leerwerkcheque"),
    "leer werkcheque": ("suffix", "-leerwerkcheque"),
    "leerwerkcheques": ("suffix", "-leerwerkcheque"),
    "lwc": ("suffix", "-leerwerkcheque"),
    "wpa": ("prefix", "werkvoorzieningen-"),
    "werkplekaanpassing": ("prefix", "werkvoorzieningen-"),
}

PROVIDER_WORDS: dict[str, str] = {
    "uwv": "uwv",
    "gemeente": "gemeente",
    "gemeenten": "gemeente",
    "gemeentelijke": "gemeente",
    "belastingdienst": "belastingdienst",
    "fiscus": "belastingdienst",
    "loonaangifte": "belastingdienst",
    "rvo": "rvo",
}


def _person_forms(term: str) -> list[str]:
    """A group word and the words for its members: "ww" -> "ww'er", "wwers"; "56-plusser(s)"."""
    forms = [term]
    if " " in term.strip() or len(term) > 12:
        return forms
    if term.endswith("er"):
        forms.append(term + "s")
    elif term.isascii() and term.replace("-", "").isalnum():
        forms += [term + "er", term + "ers"]
    return forms


def phrase_of(text: str) -> str:
    """The matching key of a term: normalised content words, in order."""
    return " ".join(content_tokens(tokens(text)))


class Vocabulary:
    """All phrases the catalogue knows, indexed for exact and fuzzy lookup."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._entries: dict[str, list[Entry]] = defaultdict(list)
        self.names: dict[str, str] = {}
        self._joined: set[str] = set()
        self._build(catalogue)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for phrase in self._entries:
            if phrase not in self._joined:
                self._by_length[len(phrase.split())].append(phrase)
        self._choices: dict[tuple[int, str], list[str]] = {}
        heads = {
            phrase
            for phrase, entries in self._entries.items()
            if " " not in phrase
            and len(phrase) >= COMPOUND_HEAD_MIN
            and any(e.kind is Kind.GROUP for e in entries)
        }
        self._group_heads = sorted(heads, key=len, reverse=True)

    def _add(self, term: str, kind: Kind, ref: str) -> None:
        phrase = phrase_of(term)
        if not phrase:
            return
        variants = {phrase}
        if " " in phrase:
            joined = phrase.replace(" ", "")
            variants.add(joined)
            # "proef plaatsing" glued is a real word; "sw bedrijf" glued is not one to guess at.
            glued_from_short = min(len(part) for part in phrase.split()) < GLUE_MIN_PART
            if joined not in self._entries and glued_from_short:
                self._joined.add(joined)
        else:
            self._joined.discard(phrase)
        for variant in variants:
            entry = Entry(kind, ref, term)
            if entry not in self._entries[variant]:
                self._entries[variant].append(entry)

    def _build(self, catalogue: Catalogue) -> None:
        ids = catalogue.ids()
        for instrument in catalogue.instruments():
            self.names[instrument.id] = instrument.name
            for term in (instrument.id, instrument.name, *instrument.aliases):
                self._add(term, Kind.INSTRUMENT, instrument.id)
            for term in instrument.topics:
                self._add(term, Kind.TOPIC, instrument.id)
        for word, (how, pattern) in FAMILIES.items():
            for ref in ids:
                if (how == "prefix" and ref.startswith(pattern)) or (
                    how == "suffix" and ref.endswith(pattern)
                ):
                    self._add(word, Kind.FAMILY, ref)
        for group in catalogue.target_groups.values():
            for term in (group.id, group.name, *group.aliases):
                for form in _person_forms(term):
                    self._add(form, Kind.GROUP, group.id)
        for municipality in catalogue.municipalities.values():
            for term in (municipality.name, *municipality.aliases, *municipality.places):
                self._add(term, Kind.MUNICIPALITY, municipality.id)
        for region in catalogue.regions.values():
            for term in (region.name, *region.aliases):
                self._add(term, Kind.REGION, region.id)
            for place in region.neighbours_outside:
                self._add(place, Kind.OUTSIDE, place)
        for glossary_term in catalogue.terms.values():
            for word in (glossary_term.name, *glossary_term.aliases):
                self._add(word, Kind.TERM, glossary_term.id)
        for word, provider in PROVIDER_WORDS.items():
            self._add(word, Kind.PROVIDER, provider)

    def _fuzzy_choices(self, length: int, first: str) -> list[str]:
        """Candidates for a misspelling: same word count, same first letter (typos keep it)."""
        key = (length, first)
        if key not in self._choices:
            self._choices[key] = [p for p in self._by_length[length] if p[0] == first]
        return self._choices[key]

    def lookup(self, phrase: str) -> list[Entry]:
        return self._entries.get(phrase, [])

    def mentions(
        self, words: list[str], kind: Kind, skip: frozenset[str] = frozenset()
    ) -> list[str]:
        """Refs of `kind` named anywhere, also inside a longer phrase ("x zoetermeer")."""
        found: list[str] = []
        for length in range(min(MAX_PHRASE_WORDS, len(words)), 0, -1):
            for start in range(len(words) - length + 1):
                phrase = " ".join(words[start : start + length])
                if phrase in skip:
                    continue
                for entry in self.lookup(phrase):
                    if entry.kind is kind and entry.ref not in found:
                        found.append(entry.ref)
        return found

    def match(self, words: list[str]) -> list[Match]:
        """Match content words of a question, longest phrase first, exact before fuzzy."""
        matches: list[Match] = []
        used = [False] * len(words)

        def claim(entries: list[Entry], phrase: str, start: int, end: int, score: float) -> None:
            matches.append(Match(tuple(entries), phrase, start, end, score))
            used[start:end] = [True] * (end - start)

        for length in range(min(MAX_PHRASE_WORDS, len(words)), 0, -1):
            for start in range(len(words) - length + 1):
                if any(used[start : start + length]):
                    continue
                span = words[start : start + length]
                found = self.lookup(" ".join(span))
                if not found and length > 1:
                    found = self.lookup("".join(span))
                if found:
                    claim(found, " ".join(span), start, start + length, 100)
        for start, word in enumerate(words):
            if not used[start]:
                form = self._verb_form(word) or self._compound(word)
                if form:
                    claim(self._entries[form], form, start, start + 1, 100)
        for length in (3, 2, 1):
            for start in range(len(words) - length + 1):
                if any(used[start : start + length]):
                    continue
                span = words[start : start + length]
                best = self._closest(" ".join(span), length)
                if best is None and length > 1 and min(len(w) for w in span) >= JOIN_MIN_WORD:
                    # "no riks polis" -> "noriskpolis"; short words never glue ("nu per").
                    best = self._closest("".join(span), 1)
                if best is not None:
                    candidate, score = best
                    # The candidate only: the words typed may be a person's name.
                    log.debug("fuzzy match -> %r (%.0f)", candidate, score)
                    claim(self._entries[candidate], candidate, start, start + length, score)
        matches.sort(key=lambda m: m.start)
        return matches

    def _closest(self, phrase: str, words: int) -> tuple[str, float] | None:
        """The known phrase a misspelling stands for, with a 0-100 score, or None.

        Damerau-Levenshtein counts a swapped pair of letters as one slip, which is what
        thumbs on a phone produce ("wajnog"). Short words allow one slip, longer ones two.
        """
        if len(phrase) < FUZZY_MIN_LENGTH or phrase.replace(" ", "").isdigit():
            return None
        allowed = 1 if len(phrase) < FUZZY_LONG_WORD else 2
        best = process.extractOne(
            phrase,
            self._fuzzy_choices(words, phrase[0]),
            scorer=DamerauLevenshtein.distance,
            processor=None,
            score_cutoff=allowed,
        )
        if best is None:
            return None
        candidate, distance, _ = best
        score = 100.0 * (1 - distance / max(len(phrase), len(candidate)))
        return (candidate, score) if score >= FUZZY_CUTOFF else None

    def _verb_form(self, word: str) -> str | None:
        """A known phrase this word is a form of: "begeleidt" -> "begeleiden", "inwerkt"."""
        if len(word) < FUZZY_MIN_LENGTH:
            return None
        stems = [word[:-1], word[:-2]] if word.endswith(("t", "d", "en", "de", "te")) else []
        forms = [word + "en", *stems, *(stem + "en" for stem in stems)]
        return next((form for form in forms if self._entries.get(form)), None)

    def compound_group(self, word: str) -> str | None:
        """The target group a compound word starts with ("bijstandsmoeder"), if any."""
        head = self._compound(word)
        if head is None:
            return None
        return next((e.ref for e in self._entries[head] if e.kind is Kind.GROUP), None)

    def _compound(self, word: str) -> str | None:
        """A Dutch compound that starts with a target group ("bijstandsmoeder" -> bijstand)."""
        if len(word) < FUZZY_LONG_WORD:
            return None
        for head in self._group_heads:
            if word.startswith(head) and len(word) - len(head) >= 3:
                return head
        return None
