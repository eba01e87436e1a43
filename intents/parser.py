"""Turn a Dutch question into a `Query`: the intent, what it is about, for whom, where, when.

The parser first finds what the question names (instruments, situations, target groups,
municipalities, providers, a date), then reads the cue words for what is asked. It never
guesses silently: a question it cannot place becomes `clarify` with options, or `unknown`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from catalogue.query import Intent, Option, Query
from catalogue.store import Catalogue
from intents.normalize import content_tokens, normalize
from intents.vocabulary import FUZZY_SURE, Kind, Match, Vocabulary

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
"""Longer text is cut before parsing: nobody asks a real question in more words than this."""


def _cue(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


HELP_CUES = _cue(
    r"^help",
    r"^hulp$",
    r"^hulp nodig$",
    r"^helpen$",
    r"^menu$",
    r"^commandos?$",
    r"wat kun (?:je|jij)",
    r"wat kan (?:je|jij|de bot|de assistent|deze bot)",
    r"hoe werkt (?:dit|deze bot|de bot|de assistent|de toolbox assistent)",
    r"waar kan ik je (?:mee|voor)",
    r"^voorbeelden$",
    r"^(?:hallo|hoi|hey|hee|goedemorgen|goedemiddag|dag)$",
)
COMPARE_CUES = _cue(
    r"verschil\w*",
    r"vergelijk\w*",
    r"vs",
    r"versus",
    r"tegenover",
    r"naast elkaar",
    r"wat is beter",
    r"of juist",
)
FACTSHEET_CUES = _cue(
    r"factsheets?",
    r"fact sheets?",
    r"folder",
    r"flyer",
    r"brochure",
    r"pdf",
    r"(?:informatie|info|tekst|uitleg) (?:voor|aan) (?:de |een )?werkgevers?",
    r"werkgeversinformatie",
    r"werkgeversversie",
    r"doorsturen",
    r"mee(?:geven|sturen)",
)
CHANGES_CUES = _cue(
    r"veranderd",
    r"verandert",
    r"verander\w*",
    r"gewijzigd",
    r"wijziging\w*",
    r"nieuws",
    r"updates?",
    r"recent\w*",
    r"wat is er nieuw",
    r"nieuwe regels",
    r"aangepast",
    r"aanpassingen",
    r"aankondiging\w*",
    r"wat is er anders",
)
LOCAL_CUES = _cue(
    r"lokaal",
    r"lokale",
    r"eigen",
    r"eigens",
    r"extra\w*",
    r"bijlage",
    r"specifiek voor",
    r"alleen in",
)
LIST_CUES = _cue(
    r"alle",
    r"allemaal",
    r"overzicht",
    r"op een rij",
    r"lijst\w*",
    r"opsomming",
    r"zijn er (?:voor|bij|via)",
    r"lopen via",
    r"welke (?:instrumenten|regelingen|subsidies|voorzieningen) (?:zijn er|heeft|biedt|lopen|van)",
)
EXPLAIN_CUES = _cue(
    r"wat is",
    r"wat zijn",
    r"wat houdt",
    r"wat betekent",
    r"wat doet",
    r"wat levert",
    r"uitleg",
    r"uitleggen",
    r"leg uit",
    r"hoe werkt",
    r"hoe ?lang",
    r"hoe kom",
    r"hoe vraag",
    r"hoe regel",
    r"aanvragen",
    r"aanvraag",
    r"voorwaarden?",
    r"hoeveel",
    r"hoe hoog",
    r"bedrag\w*",
    r"duur\w*",
    r"termijn",
    r"wie betaalt",
    r"wie vraagt",
    r"bestaat",
    r"bestaan",
    r"geldt",
    r"nog steeds",
    r"details?",
    r"meer over",
)
ADVISE_CUES = _cue(
    r"welke regelingen?",
    r"welke instrumenten?",
    r"welke subsidies?",
    r"welke mogelijkheden",
    r"wat kan (?:de |een )?werkgever",
    r"wat krijgt",
    r"wat kunnen",
    r"voordelen",
    r"mogelijkheden",
    r"mogelijk",
    r"aanraden",
    r"advies",
    r"in dienst",
    r"aannemen",
    r"aan de slag",
    r"aan het werk",
    r"past",
    r"nodig",
    r"kandidaat",
    r"werknemer",
    r"werkzoekende",
)
VAGUE_WORDS = frozenset(
    [
        "subsidie",
        "subsidies",
        "geld",
        "vergoeding",
        "vergoedingen",
        "regeling",
        "regelingen",
        "korting",
        "kortingen",
        "premie",
        "premies",
        "bijdrage",
        "tegemoetkoming",
        "kosten",
        "compensatie",
        "financiering",
        "financiele",
        "ondersteuning",
        "steun",
        "instrument",
        "instrumenten",
        "toolbox",
        "bonus",
    ]
)
EXPLAIN_OVER_GROUP = _cue(
    r"wat is",
    r"hoe kom",
    r"uitleg",
    r"hoe werkt",
    r"aanmelden",
    r"inschrijven",
    r"in het register",
    r"in het doelgroepregister",
    r"opgenomen",
)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_WORDS = re.compile(
    rf"\b(?:per|vanaf|op|na|sinds|tot|in)?\s*(\d{{1,2}}) ({_MONTH_NAMES})\b(?: (\d{{4}}))?"
)
DATE_NUMERIC = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b|\b(\d{1,2})-(\d{1,2})-(\d{4})\b")
DATE_YEAR = re.compile(r"\b(?:per|vanaf|in|na|op)\s+(20\d\d)\b")
AGE = re.compile(r"\b(\d{2})\s*(?:jaar|jr|jarige)\b")


@dataclass
class Reading:
    """What the question names, before the intent is chosen."""

    words: list[str]
    matches: list[Match]
    explicit: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    abbreviations: list[tuple[str, str]] = field(default_factory=list)
    uncertain: list[Match] = field(default_factory=list)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


class QuestionParser:
    """Parses questions against one catalogue's vocabulary; build once, parse many times."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.vocabulary = Vocabulary(catalogue)

    # -- reading what the question names -------------------------------------------------------

    def read(self, text: str, explain_cue: bool) -> Reading:
        words = content_tokens(normalize(text).split())
        reading = Reading(words=words, matches=self.vocabulary.match(words))
        for match in reading.matches:
            if not match.exact and match.score < FUZZY_SURE:
                reading.uncertain.append(match)
            kinds = {e.kind for e in match.entries}
            if Kind.GROUP in kinds and Kind.INSTRUMENT in kinds:
                # "doelgroepregister", "beschut werk": a group unless the question asks what it
                # is, or names nothing else.
                if explain_cue or len(match.phrase.split()) == len(words):
                    kinds.discard(Kind.GROUP)
                else:
                    kinds.discard(Kind.INSTRUMENT)
            if Kind.INSTRUMENT in kinds:
                reading.explicit.extend(match.refs(Kind.INSTRUMENT))
                self._note_abbreviation(reading, match)
            elif Kind.FAMILY in kinds:
                reading.families.extend(match.refs(Kind.FAMILY))
            elif Kind.TOPIC in kinds:
                reading.topics.extend(match.refs(Kind.TOPIC))
            if Kind.GROUP in kinds:
                reading.groups.extend(match.refs(Kind.GROUP))
            if Kind.MUNICIPALITY in kinds:
                reading.municipalities.extend(match.refs(Kind.MUNICIPALITY))
            if Kind.PROVIDER in kinds:
                reading.providers.extend(match.refs(Kind.PROVIDER))
            if Kind.TERM in kinds:
                reading.terms.extend(match.refs(Kind.TERM))
        reading.explicit = _unique(reading.explicit)
        reading.topics = _unique(t for t in reading.topics if t not in reading.explicit)
        reading.families = _unique(reading.families)
        reading.groups = _unique(reading.groups)
        reading.municipalities = _unique(reading.municipalities) or self.vocabulary.mentions(
            words, Kind.MUNICIPALITY
        )
        reading.providers = _unique(reading.providers)
        return reading

    def _note_abbreviation(self, reading: Reading, match: Match) -> None:
        surface = match.phrase
        if len(surface) <= 4 and " " not in surface:
            ref = match.refs(Kind.INSTRUMENT)[0]
            reading.abbreviations.append((surface.upper(), self.vocabulary.names[ref]))

    # -- choosing the intent -------------------------------------------------------------------

    def parse(self, text: str, on: dt.date, municipality: str | None = None) -> Query:
        text = (text or "")[:MAX_QUESTION_CHARS]
        flat = normalize(text)
        explain_cue = bool(EXPLAIN_CUES.search(flat) or EXPLAIN_OVER_GROUP.search(flat))
        reading = self.read(text, bool(EXPLAIN_OVER_GROUP.search(flat)))
        day = _date_in(flat, on)
        age = _age_in(flat)
        groups = reading.groups or _groups_for_age(age)
        place = reading.municipalities[0] if reading.municipalities else municipality
        base = {
            "text": text,
            "on": day,
            "target_group": groups[0] if groups else None,
            "municipality": place,
            "provider": reading.providers[0] if reading.providers else None,
            "age": age,
            "abbreviations": tuple(dict.fromkeys(reading.abbreviations)),
            "terms": tuple(_unique(reading.terms)),
        }
        intent, instruments, confidence, options = self._choose(flat, reading, explain_cue, base)
        log.debug(
            "parsed intent=%s instruments=%s group=%s municipality=%s confidence=%.2f",
            intent,
            instruments,
            base["target_group"],
            place,
            confidence,
        )
        return Query(
            intent=intent,
            instruments=tuple(instruments),
            topics=tuple(reading.topics + [f for f in reading.families if f not in instruments]),
            confidence=confidence,
            options=tuple(options),
            **base,  # type: ignore[arg-type]
        )

    def _choose(
        self, flat: str, reading: Reading, explain_cue: bool, base: dict[str, object]
    ) -> tuple[Intent, list[str], float, list[Option]]:
        named = reading.explicit
        families = reading.families
        has_subject = bool(named or families or reading.topics or base["target_group"])
        confidence = min((m.score for m in reading.matches), default=100.0) / 100

        if not flat.strip():
            return Intent.HELP, [], 1.0, []
        if HELP_CUES.search(flat) and not has_subject:
            return Intent.HELP, [], 1.0, []
        if reading.uncertain and not any(m.exact for m in reading.matches):
            return Intent.CLARIFY, [], confidence, self._did_you_mean(reading.uncertain)

        if COMPARE_CUES.search(flat):
            pair = _unique(named + families)
            if len(pair) >= 2:
                return Intent.COMPARE, pair[:3], confidence, []
            if len(pair) == 1 and reading.terms:
                return Intent.EXPLAIN, pair, confidence, []
            if len(pair) == 1:
                partner = self._usual_partner(pair[0])
                if partner:
                    return Intent.COMPARE, [pair[0], partner], confidence, []
            return Intent.CLARIFY, [], 0.5, self._compare_options()

        if FACTSHEET_CUES.search(flat) and (named or families):
            return Intent.FACTSHEET, self._narrow(named or families, base)[:1], confidence, []

        if CHANGES_CUES.search(flat):
            return Intent.CHANGES, named + families, confidence, []

        place = base["municipality"]
        if reading.municipalities and LOCAL_CUES.search(flat) and not named:
            return Intent.LOCAL, [], confidence, []

        if LIST_CUES.search(flat) and not named:
            return Intent.LIST, families, confidence, []

        if named:
            return Intent.EXPLAIN, self._narrow(named, base), confidence, []
        if reading.terms and not base["target_group"] and (explain_cue or len(reading.words) <= 3):
            return Intent.EXPLAIN, [], confidence, []
        if families and (explain_cue or not (base["target_group"] or reading.topics)):
            narrowed = self._narrow(families, base)
            if len(narrowed) == 1 or explain_cue:
                return Intent.EXPLAIN, narrowed, confidence, []
            return Intent.LIST, narrowed, confidence, []
        if base["target_group"] or reading.topics or families:
            return Intent.ADVISE, [], confidence, []
        if reading.municipalities and place:
            return Intent.LOCAL, [], confidence, []
        if reading.providers and (LIST_CUES.search(flat) or ADVISE_CUES.search(flat)):
            return Intent.LIST, [], confidence, []
        if set(reading.words) & VAGUE_WORDS or ADVISE_CUES.search(flat):
            return Intent.CLARIFY, [], 0.4, self._vague_options()
        return Intent.UNKNOWN, [], 0.0, []

    # -- helpers -------------------------------------------------------------------------------

    def _narrow(self, ids: list[str], base: dict[str, object]) -> list[str]:
        """Of several instruments named by one word, keep those that fit group and place."""
        if len(ids) < 2:
            return ids
        group = base["target_group"]
        place = base["municipality"]
        provider = base["provider"]
        kept = []
        for ref in ids:
            instrument = self.catalogue.instrument(ref)
            if instrument is None:
                continue
            if group and group in instrument.not_for:
                continue
            if instrument.is_local and place and instrument.municipality != place:
                continue
            if provider and not instrument.provider.startswith(str(provider)):
                continue
            kept.append(ref)
        return kept or ids

    def _usual_partner(self, instrument_id: str) -> str | None:
        partners = {
            "loondispensatie": "loonkostensubsidie",
            "loonkostensubsidie": "loondispensatie",
        }
        partners |= {"proefplaatsing-uwv": "proefplaats-gemeente"}
        partners |= {"proefplaats-gemeente": "proefplaatsing-uwv"}
        partners |= {"jobcoach-uwv": "jobcoach-gemeente", "jobcoach-gemeente": "jobcoach-uwv"}
        return partners.get(instrument_id)

    def _did_you_mean(self, uncertain: list[Match]) -> list[Option]:
        options = []
        for match in uncertain[:3]:
            for entry in match.entries[:1]:
                label = self.vocabulary.names.get(entry.ref, entry.surface)
                options.append(Option(label=label, question=f"wat is {label}"))
        return options

    @staticmethod
    def _compare_options() -> list[Option]:
        return [
            Option("Loondispensatie en loonkostensubsidie", "verschil loondispensatie en lks"),
            Option("Proefplaatsing en proefplaats", "verschil proefplaatsing uwv en proefplaats"),
            Option("Jobcoach UWV en gemeente", "verschil jobcoach uwv en jobcoach gemeente"),
        ]

    @staticmethod
    def _vague_options() -> list[Option]:
        return [
            Option("Loonkostensubsidie (gemeente)", "wat is loonkostensubsidie"),
            Option("Loondispensatie (Wajong, UWV)", "wat is loondispensatie"),
            Option("Loonkostenvoordelen (LKV)", "alle loonkostenvoordelen op een rij"),
        ]


def _date_in(flat: str, default: dt.date) -> dt.date:
    """The date a question asks about ("per 1 januari 2027", "in 2025"), else `default`."""
    found = DATE_WORDS.search(flat)
    try:
        if found:
            year = int(found.group(3)) if found.group(3) else default.year
            return dt.date(year, MONTHS[found.group(2)], int(found.group(1)))
        numeric = DATE_NUMERIC.search(flat)
        if numeric:
            if numeric.group(1):
                return dt.date(int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3)))
            return dt.date(int(numeric.group(6)), int(numeric.group(5)), int(numeric.group(4)))
    except ValueError:
        return default
    year_only = DATE_YEAR.search(flat)
    if year_only:
        year = int(year_only.group(1))
        return default if year == default.year else dt.date(year, 1, 1)
    return default


def _age_in(flat: str) -> int | None:
    found = AGE.search(flat)
    return int(found.group(1)) if found else None


def _groups_for_age(age: int | None) -> list[str]:
    if age is None:
        return []
    if age < 27:
        return ["jongeren"]
    if age >= 56:
        return ["ouderen"]
    return []
