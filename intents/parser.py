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
from intents.followup import aspect_of
from intents.normalize import content_tokens, normalize
from intents.vocabulary import FUZZY_SURE, Kind, Match, Vocabulary

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
MIN_AGE, MAX_AGE = 15, 70
PAST_GRACE = dt.timedelta(days=31)
"""A date without a year further back than this is read as next year's."""
"""Ages outside this range are not a candidate's age (a number of hours, a percentage)."""
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
    r"voorbeeld\w*",
    r"hoe gebruik",
    r"wat kan ik (?:je |jou |hier )?(?:allemaal )?vragen",
    r"wat kun je allemaal",
    r"wie ben je",
    r"hoe stel ik",
    r"handleiding",
    r"goede vraag",
    r"^wat doe je",
    r"^(?:hallo|hoi|hey|hee|goedemorgen|goedemiddag|dag)$",
)
COMPARE_CUES = _cue(
    r"verschil\w*",
    r"vergelijk\w*",
    r"vergeleken",
    r"anders dan",
    r"tov",
    r"t o v",
    r"ten opzichte van",
    r"vs",
    r"versus",
    r"tegenover",
    r"naast elkaar",
    r"wat is beter",
    r"of juist",
)
FACTSHEET_CUES = _cue(
    r"\w*factsheets?",
    r"op papier",
    r"mee te (?:geven|sturen)",
    r"fact sheets?",
    r"folder",
    r"flyer",
    r"brochure",
    r"pdf",
    r"(?:informatie|info|tekst|uitleg) (?:voor|aan) (?:de |een )?werkgevers?",
    r"werkgeversinformatie",
    r"werkgeversinfo",
    r"werkgeverstekst",
    r"werkgeversversie",
    r"doorsturen",
    r"(?:door)?mail\w*",
    r"naar (?:de |een )?werkgever",
    r"naar buiten",
    r"werkgever ?vriendelijk\w*",
    r"extern\w*",
    r"(?:tekst|info|informatie|uitleg) (?:voor|aan) (?:een |de )?ondernemer",
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
    r"aankondiging\w*",
    r"onlangs",
    r"(?:regelingen?|instrumenten?|bedragen?|regels) (?:zijn |is )?(?:onlangs |recent )?aangepast",
    r"wat is er anders",
)
LOCAL_CUES = _cue(
    r"lokaa?l\w*",
    r"aparte?",
    r"bovenop",
    r"boven op",
    r"meer dan de regio",
    r"eigen",
    r"eigens",
    r"extra\w*",
    r"bijlage",
    r"specifiek voor",
    r"zelf",
    r"alleen in",
)
LIST_CUES = _cue(
    r"alle",
    r"alles",
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
    r"hoe zit",
    r"ook voor",
    r"geldt (?:dat|het|die|deze)? ?ook",
)
ADVISE_CUES = _cue(
    r"welke regelingen?",
    r"welke instrumenten?",
    r"welke subsidies?",
    r"welke mogelijkheden",
    r"wat kan (?:de |een )?werkgever",
    r"wat krijgt",
    r"voordelen",
    r"mogelijkheden",
    r"wat is er mogelijk",
    r"aanraden",
    r"raad je aan",
    r"is er iets",
    r"er iets (?:is )?voor",
)
PROVIDER_OFFER = re.compile(r"\bwat (?:doet|biedt|heeft|regelt|betaalt)\b")
"""Asked of a provider ("wat doet de belastingdienst voor werkgevers"): a list of its offer."""
WHAT_IS = re.compile(r"^(?:wat|wie) (?:is|zijn|betekent|bedoel\w*) (?:een |de |het )?\w+\W*$")
""""wat is een nugger": a short question about a word for a group is a question of meaning."""
RULED_OUT_FACT = "niet:"
"""A fact naming an instrument the question rules out ("kon hem niet herplaatsen")."""
OUTSIDE_FACT = "buiten:"
"""A fact naming a place outside both regions ("buiten:leiden")."""
COMMAND_PREFIX = re.compile(r"^toolbox\s+")
""""/toolbox help" typed in the console or a DM means "help"."""
COMBINE_CUES = _cue(
    r"tegelijk\w*", r"combiner\w*", r"samen met", r"allebei", r"beide", r"naast elkaar"
)
OR_BETWEEN = re.compile(r"\w\s(?:of|en of|en/of)\s\w")
"""Two instruments with "of" between them ("lks of ld") ask which of the two."""
SCOPE_WORDS = {
    "landelijk": "landelijk",
    "landelijke": "landelijk",
    "nationaal": "landelijk",
    "nationale": "landelijk",
    "regionaal": "regionaal",
    "regionale": "regionaal",
}
NEGATION = re.compile(
    r"\b(?:geen|zonder|niet|nooit|afgewezen voor)\s+(?:een\s+|de\s+|het\s+)?(\w+(?:\s\w+)?)"
)
NO_BENEFIT = re.compile(r"\b(?:zonder|geen) (?:enige )?uitkering\b")
PAST_STATUS = re.compile(r"\b(?:vroeger|voorheen|eerder|ex|vorige|oud)\s+((?:\w+\s){0,3}\w+)")
"""What a candidate was: "vroeger sw-bedrijf", "ex-wajonger". Overruled by CURRENT_STATUS."""
CURRENT_STATUS = re.compile(
    r"\b(?:nu|inmiddels|tegenwoordig|daarna|sinds kort|intussen|momenteel)\s+"
    r"((?:\w+\s){0,3}\w+)"
)
"""What a candidate is now: "oud-wajonger, nu in de bijstand" is a Participatiewet case."""
REFUSED = re.compile(r"\b(\w+)(?:\s+\w+)?\s+(?:aangevraagd\s+)?(?:maar\s+)?afgewezen\b")
YOUNG_DISABLED_SINCE = re.compile(
    r"\bjong ?gehandicapt\w*\b.{0,40}?\b(?:sinds|na|vanaf|in|per)\s+(?:\d{1,2}\s\w+\s)?(\d{4})"
)
AT_THE_MUNICIPALITY = re.compile(
    r"\b(?:bij|via|onder|van) de gemeente\b(?!\s+(?:den haag|delft|zoetermeer))"
)
SEVERAL_CANDIDATES = re.compile(
    r"\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+|een paar|een aantal|meerdere|"
    r"meer|een groep|groep)\s+(?:kandidaten|werkzoekenden|mensen uit de bijstand)\b"
)
FACT_PATTERNS = {
    "dga": re.compile(
        r"\b(?:dga|wajong ?2015|duurzaam geen arbeidsvermogen|geen arbeidsvermogen|"
        r"zonder arbeidsvermogen)\b"
    ),
    "iva": re.compile(r"\b(?:iva|ivaer|iva er|iva uitkering|wia iva)\b"),
}
PLACE_NEEDS_PREPOSITION = re.compile(r"\b(?:in|uit|te|bij|woont|wonend|naar|rond) (?:de )?$")
COMMON_WORD_PLACES = frozenset({"monster"})
"""Place names that are also ordinary words: a place only after "in", "uit", "te" and the like."""
BENEFIT_GROUPS_FIRST = ("jongeren", "ouderen")
"""Life-stage groups yield to a benefit group when a question names both."""
OFF_TOPIC = frozenset(
    [
        "kerstborrel",
        "borrel",
        "lunch",
        "kantine",
        "parkeren",
        "parkeerplaats",
        "wifi",
        "printer",
        "koffie",
        "sollicitatiebrief",
        "voetbal",
        "hoofdstad",
        "bijstandsnorm",
        "normbedrag",
        "zorgtoeslag",
        "huurtoeslag",
        "kinderopvangtoeslag",
        "verlofdagen",
        "vakantiedagen",
        "transitievergoeding",
        "ontslagvergoeding",
        "ontslag",
    ]
)
"""Words that mark a question as not about employer instruments, whatever else it names."""
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
    r"in het doelgroepe?n?register",
    r"wie (?:staan|komen|vallen|zitten)",
    r"wat betekent",
    r"instroom\w*",
    r"instromen",
    r"nog nieuwe",
    r"opgenomen",
    r"wie (?:geeft|doet|beslist|regelt|vraagt|bepaalt)",
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
AGE = re.compile(
    r"\b(\d{2})\s*(?:jaar|jr|jarige)\b"
    r"|\b(?:van|is|leeftijd|age)\s+(\d{2})\b(?!\s*(?:uur|u\b|%|procent|euro|mensen|man\b|"
    r"werknemers|medewerkers|kandidaten|dagen|weken|maanden))"
)


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
    places: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    ruled_out: list[str] = field(default_factory=list)
    negated: set[str] = field(default_factory=set)
    abbreviations: list[tuple[str, str]] = field(default_factory=list)
    uncertain: list[Match] = field(default_factory=list)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass
class Context:
    """Who and where the question is about, read before the intent is chosen."""

    group: str | None
    place: str | None
    provider: str | None
    scope: str | None
    facts: tuple[str, ...]


class QuestionParser:
    """Parses questions against one catalogue's vocabulary; build once, parse many times."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.vocabulary = Vocabulary(catalogue)

    # -- reading what the question names -------------------------------------------------------

    def read(self, flat: str, explain_cue: bool) -> Reading:
        words = content_tokens(flat.split())
        reading = Reading(words=words, matches=self.vocabulary.match(words))
        for match in reading.matches:
            if not match.exact and match.score < FUZZY_SURE:
                reading.uncertain.append(match)
            kinds = {e.kind for e in match.entries}
            if kinds & {Kind.GROUP, Kind.PROVIDER}:
                kinds.discard(Kind.TOPIC)
            if Kind.GROUP in kinds and Kind.INSTRUMENT in kinds and self._negated(flat, match):
                continue
            if Kind.GROUP in kinds and Kind.INSTRUMENT in kinds:
                # "doelgroepregister", "beschut werk": a group unless the question asks what it
                # is, or names nothing else.
                if explain_cue or len(match.phrase.split()) == len(words):
                    kinds.discard(Kind.GROUP)
                else:
                    kinds.discard(Kind.INSTRUMENT)
            if Kind.MUNICIPALITY in kinds and match.phrase in COMMON_WORD_PLACES:
                before = flat[: flat.find(match.phrase)] if match.phrase in flat else ""
                if not PLACE_NEEDS_PREPOSITION.search(before):
                    kinds.discard(Kind.MUNICIPALITY)
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
            if Kind.OUTSIDE in kinds and match.exact:
                reading.outside.extend(e.surface for e in match.entries if e.kind is Kind.OUTSIDE)
        reading.explicit = _unique(reading.explicit)
        negated_named = [
            ref
            for match in reading.matches
            if self._negated(flat, match)
            for ref in match.refs(Kind.INSTRUMENT)
        ]
        if negated_named and (reading.groups or reading.topics):
            # "oude werkgever kon hem niet herplaatsen": named only to say it did not happen.
            reading.explicit = [r for r in reading.explicit if r not in negated_named]
            reading.ruled_out = negated_named
        reading.topics = _unique(t for t in reading.topics if t not in reading.explicit)
        reading.families = _unique(reading.families)
        # A group inside a situation phrase ("iva-uitkering" is a topic) still names the group.
        inside_topics = [
            word
            for match in reading.matches
            if {e.kind for e in match.entries} == {Kind.TOPIC}
            for word in words[match.start : match.end]
        ]
        named_groups = _unique(reading.groups) or self.vocabulary.mentions(
            inside_topics, Kind.GROUP
        )
        reading.groups = self._groups(flat, named_groups, reading.matches)
        reading.places = self.vocabulary.mentions(words, Kind.MUNICIPALITY, COMMON_WORD_PLACES)
        reading.municipalities = _unique(reading.municipalities) or reading.places
        reading.providers = _unique(reading.providers)
        return reading

    @staticmethod
    def _negated(flat: str, match: Match) -> bool:
        """ "geen indicatie banenafspraak": the phrase is named only to say it does not apply."""
        return any(found.group(1).startswith(match.phrase) for found in NEGATION.finditer(flat))

    def _groups(self, flat: str, groups: list[str], matches: list[Match]) -> list[str]:
        """Target groups named, without negated ones ("geen wajong"), benefit groups first."""
        negated = {
            entry.ref
            for found in (*NEGATION.finditer(flat), *REFUSED.finditer(flat))
            for phrase in (found.group(1), found.group(1).split()[0])
            for entry in self.vocabulary.lookup(phrase)
            if entry.kind is Kind.GROUP
        }
        negated -= self._named_plainly(flat, matches)
        negated |= self._groups_in(PAST_STATUS, flat)
        now = self._groups_in(CURRENT_STATUS, flat)
        kept = [g for g in groups if g not in negated or g in now]
        kept = [g for g in kept if g in now] + [g for g in kept if g not in now]
        young = YOUNG_DISABLED_SINCE.search(flat)
        if young and int(young.group(1)) >= 2015 and "participatiewet" not in kept:
            kept.insert(0, "participatiewet")
        if not kept and negated and AT_THE_MUNICIPALITY.search(flat):
            kept.append("participatiewet")
        if not kept and NO_BENEFIT.search(flat):
            kept.append("participatiewet")  # a "nugger": no benefit, so the municipality
        return sorted(kept, key=lambda g: g in BENEFIT_GROUPS_FIRST)

    @staticmethod
    def _named_plainly(flat: str, matches: list[Match]) -> set[str]:
        """Groups also named outside any negation ("afgewezen voor de WIA (35-min)")."""
        negated_text = " ".join(
            found.group(0) for found in (*NEGATION.finditer(flat), *REFUSED.finditer(flat))
        )
        return {
            ref
            for match in matches
            if match.phrase not in negated_text
            for ref in match.refs(Kind.GROUP)
        }

    def _groups_in(self, pattern: re.Pattern[str], flat: str) -> set[str]:
        """Groups named right after a status word ("vroeger sw", "nu in de bijstand")."""
        found: set[str] = set()
        for hit in pattern.finditer(flat):
            words = content_tokens(hit.group(1).split())
            for length in (2, 1):
                phrase = " ".join(words[:length])
                found |= {e.ref for e in self.vocabulary.lookup(phrase) if e.kind is Kind.GROUP}
            compound = self.vocabulary.compound_group(words[0]) if words else None
            if compound:
                found.add(compound)
        return found

    def _note_abbreviation(self, reading: Reading, match: Match) -> None:
        surface = match.phrase
        if len(surface) <= 4 and " " not in surface:
            ref = match.refs(Kind.INSTRUMENT)[0]
            reading.abbreviations.append((surface.upper(), self.vocabulary.names[ref]))

    def municipality_id(self, name: str) -> str | None:
        """The id of a municipality written any way advisers write it ("Den Haag", "dh")."""
        if name in self.catalogue.municipalities:
            return name
        words = content_tokens(normalize(name).split())
        found = self.vocabulary.mentions(words, Kind.MUNICIPALITY)
        return found[0] if len(found) == 1 else None

    # -- choosing the intent -------------------------------------------------------------------

    def parse(self, text: str, on: dt.date, municipality: str | None = None) -> Query:
        text = (text or "")[:MAX_QUESTION_CHARS]
        flat = COMMAND_PREFIX.sub("", normalize(text))
        flat = SEVERAL_CANDIDATES.sub("meerdere kandidaten", flat)
        explain_cue = bool(EXPLAIN_CUES.search(flat) or EXPLAIN_OVER_GROUP.search(flat))
        prefer_instrument = EXPLAIN_OVER_GROUP.search(flat) or COMPARE_CUES.search(flat)
        reading = self.read(flat, bool(prefer_instrument))
        age = _age_in(flat)
        groups = reading.groups or groups_for_age(age)
        context = Context(
            group=groups[0] if groups else None,
            place=reading.municipalities[0] if reading.municipalities else municipality,
            provider=reading.providers[0] if len(reading.providers) == 1 else None,
            scope=next((SCOPE_WORDS[w] for w in reading.words if w in SCOPE_WORDS), None),
            facts=tuple(fact for fact, pattern in FACT_PATTERNS.items() if pattern.search(flat))
            + (("combine",) if COMBINE_CUES.search(flat) else ())
            + tuple(f"{OUTSIDE_FACT}{place}" for place in reading.outside[:1])
            + tuple(f"{RULED_OUT_FACT}{ref}" for ref in reading.ruled_out),
        )
        intent, instruments, confidence, options = self._choose(
            flat, reading, explain_cue, context, municipality
        )
        log.debug(
            "parsed intent=%s instruments=%s group=%s municipality=%s confidence=%.2f",
            intent,
            instruments,
            context.group,
            context.place,
            confidence,
        )
        return Query(
            text=text,
            intent=intent,
            on=_date_in(flat, on),
            instruments=tuple(instruments),
            topics=tuple(
                reading.topics
                + [f for f in reading.families if f not in instruments]
                + (reading.explicit if intent is Intent.ADVISE else [])
            ),
            families=tuple(reading.families),
            target_group=context.group,
            groups=tuple(groups),
            municipality=context.place,
            provider=context.provider,
            scope=context.scope,
            confidence=confidence,
            options=tuple(options),
            age=age,
            abbreviations=tuple(dict.fromkeys(reading.abbreviations)),
            terms=tuple(_unique(reading.terms)),
            aspect=aspect_of(flat) if intent is Intent.EXPLAIN and len(instruments) == 1 else None,
            facts=context.facts,
        )

    def _choose(
        self,
        flat: str,
        reading: Reading,
        explain_cue: bool,
        context: Context,
        given_place: str | None,
    ) -> tuple[Intent, list[str], float, list[Option]]:
        named = reading.explicit
        families = reading.families
        has_subject = bool(named or families or reading.topics or context.group)
        confidence = min((m.score for m in reading.matches), default=100.0) / 100

        if not flat.strip():
            return Intent.HELP, [], 1.0, []
        if HELP_CUES.search(flat) and not has_subject:
            return Intent.HELP, [], 1.0, []
        off_topic = set(reading.words) & OFF_TOPIC
        group_from_off_topic = any(self.vocabulary.compound_group(w) for w in off_topic)
        if off_topic and not (named or families) and (not context.group or group_from_off_topic):
            return Intent.UNKNOWN, [], 0.0, []
        if reading.uncertain and not any(m.exact for m in reading.matches):
            return Intent.CLARIFY, [], confidence, self._did_you_mean(reading.uncertain)

        if len(named) >= 2 and COMBINE_CUES.search(flat):
            return Intent.COMPARE, named[:2], confidence, []
        if COMPARE_CUES.search(flat) or (len(named) >= 2 and OR_BETWEEN.search(flat)):
            pair = _unique(named + self._members_for_places(families, reading.places))
            pair = self._with_siblings(pair, reading.places)
            if len(pair) >= 2:
                return Intent.COMPARE, pair[:3], confidence, []
            if len(pair) == 1 and reading.terms:
                return Intent.EXPLAIN, pair, confidence, []
            if len(pair) == 1:
                partner = self._usual_partner(pair[0])
                if partner:
                    return Intent.COMPARE, [pair[0], partner], confidence, []
            return Intent.CLARIFY, [], 0.5, self._compare_options()

        if FACTSHEET_CUES.search(flat):
            if named or families:
                return (
                    Intent.FACTSHEET,
                    self._narrow(named or families, context)[:1],
                    confidence,
                    [],
                )
            if not has_subject:
                return Intent.CLARIFY, [], 0.5, self._factsheet_options()

        if CHANGES_CUES.search(flat):
            return Intent.CHANGES, named + families, confidence, []

        wants_local = bool(LOCAL_CUES.search(flat))
        if wants_local and context.place and not (named or reading.topics or context.group):
            return Intent.LOCAL, [], confidence, []

        if LIST_CUES.search(flat) and not named and self._listable(reading, context):
            return Intent.LIST, families, confidence, []

        if (
            context.group in self.catalogue.terms
            and not (named or reading.topics or families)
            and (EXPLAIN_OVER_GROUP.search(flat) or WHAT_IS.search(flat))
        ):
            return Intent.EXPLAIN, [], confidence, []
        group_is_instrument = bool(context.group and self.catalogue.instrument(context.group))
        if not named and group_is_instrument and EXPLAIN_OVER_GROUP.search(flat):
            return Intent.EXPLAIN, [str(context.group)], confidence, []
        if named and context.place and self._all_local_elsewhere(named, context.place):
            return Intent.ADVISE, [], confidence, []
        if named:
            if context.group and all(self._excludes(ref, context, current=True) for ref in named):
                return Intent.ADVISE, [], confidence, []
            return Intent.EXPLAIN, self._narrow(named, context), confidence, []
        if reading.terms and not context.group and (explain_cue or len(reading.words) <= 3):
            return Intent.EXPLAIN, [], confidence, []
        if context.group and WHAT_IS.search(flat) and not (reading.topics or families):
            return Intent.EXPLAIN, [], confidence, []
        if families:
            narrowed = self._narrow(families, context)
            local_elsewhere = self._all_local_elsewhere(narrowed, context.place)
            if local_elsewhere and (context.group or reading.topics or context.place):
                return Intent.ADVISE, [], confidence, []
            if local_elsewhere and len(narrowed) > 1:
                return Intent.CLARIFY, [], 0.5, self._member_options(narrowed)
            if explain_cue or not (context.group or reading.topics):
                if len(narrowed) == 1 or explain_cue:
                    return Intent.EXPLAIN, narrowed, confidence, []
                return Intent.LIST, narrowed, confidence, []
        gone = [t for t in reading.topics if self._ended(t)]
        if gone and len(gone) == len(reading.topics) and not context.group:
            return Intent.EXPLAIN, gone, confidence, []
        explains_a_need = explain_cue and not ADVISE_CUES.search(flat)
        if explains_a_need and reading.topics and not context.group:
            narrowed = self._narrow(reading.topics, context)
            if len(narrowed) <= 2:
                return Intent.EXPLAIN, narrowed, confidence, []
        if context.group or reading.topics or families:
            return Intent.ADVISE, [], confidence, []
        if reading.municipalities and self._only_place(reading):
            return Intent.LOCAL, [], confidence, []
        offers = PROVIDER_OFFER.search(flat) or set(reading.words) & VAGUE_WORDS
        if context.provider and (offers or ADVISE_CUES.search(flat)):
            return Intent.LIST, [], confidence, []
        if set(reading.words) & VAGUE_WORDS or ADVISE_CUES.search(flat):
            return Intent.CLARIFY, [], 0.4, self._vague_options()
        return Intent.UNKNOWN, [], 0.0, []

    # -- helpers -------------------------------------------------------------------------------

    def _ended(self, ref: str) -> bool:
        instrument = self.catalogue.instrument(ref)
        return bool(instrument and (instrument.never_in_force or instrument.valid_until))

    @staticmethod
    def _only_place(reading: Reading) -> bool:
        """The question is little more than a place name ("gemeente midden-delfland")."""
        covered = sum(
            m.end - m.start
            for m in reading.matches
            if {e.kind for e in m.entries} & {Kind.MUNICIPALITY, Kind.PROVIDER, Kind.REGION}
        )
        return len(reading.words) - covered <= 1

    def _excludes(self, ref: str, context: Context, current: bool = False) -> bool:
        """The group cannot get this instrument (and, with `current`, it still exists)."""
        instrument = self.catalogue.instrument(ref)
        if instrument is None or (current and instrument.valid_until is not None):
            return False
        return context.group in instrument.not_for

    def _listable(self, reading: Reading, context: Context) -> bool:
        """A list needs something to list by: a family, provider, scope, group or the word."""
        asked_for_kinds = set(reading.words) & {
            "instrumenten",
            "regelingen",
            "subsidies",
            "voorzieningen",
            "loonkostenvoordelen",
            "toolbox",
        }
        return bool(
            reading.families
            or context.provider
            or context.scope
            or context.group
            or asked_for_kinds
        )

    def _all_local_elsewhere(self, ids: list[str], place: str | None) -> bool:
        instruments = [self.catalogue.instrument(ref) for ref in ids]
        return bool(ids) and all(
            i is not None and i.is_local and i.municipality != place for i in instruments
        )

    def _with_siblings(self, ids: list[str], places: list[str]) -> list[str]:
        """One local instrument and other places named: add their versions of it."""
        if len(ids) != 1 or len(places) < 2:
            return ids
        instrument = self.catalogue.instrument(ids[0])
        if instrument is None or not instrument.municipality:
            return ids
        kind = ids[0].removeprefix(f"{instrument.municipality}-")
        siblings = [f"{place}-{kind}" for place in places if place != instrument.municipality]
        return ids + [s for s in siblings if self.catalogue.instrument(s)]

    def _members_for_places(self, ids: list[str], places: list[str]) -> list[str]:
        if len(places) < 2:
            return ids
        chosen = []
        for ref in ids:
            instrument = self.catalogue.instrument(ref)
            if instrument and instrument.municipality in places:
                chosen.append(ref)
        return chosen or ids

    def _narrow(self, ids: list[str], context: Context) -> list[str]:
        """Of several instruments named by one word, keep those that fit group and place."""
        if len(ids) < 2:
            return ids
        kept = []
        for ref in ids:
            instrument = self.catalogue.instrument(ref)
            if instrument is None:
                continue
            if context.group and context.group in instrument.not_for:
                continue
            if context.group and context.group not in instrument.target_groups:
                continue
            if instrument.is_local and context.place and instrument.municipality != context.place:
                continue
            if context.provider and not instrument.provider.startswith(context.provider):
                continue
            kept.append(ref)
        return kept or ids

    def _usual_partner(self, instrument_id: str) -> str | None:
        instrument = self.catalogue.instrument(instrument_id)
        return instrument.compare_with if instrument else None

    def _did_you_mean(self, uncertain: list[Match]) -> list[Option]:
        options = []
        for match in uncertain[:3]:
            for entry in match.entries[:1]:
                label = self.vocabulary.names.get(entry.ref, entry.surface)
                options.append(Option(label=label, question=f"wat is {label}"))
        return options

    def _member_options(self, ids: list[str]) -> list[Option]:
        options = []
        for ref in ids[:3]:
            instrument = self.catalogue.instrument(ref)
            if instrument:
                place = self.catalogue.municipalities.get(instrument.municipality or "")
                label = f"{instrument.name}" + (f" ({place.name})" if place else "")
                options.append(Option(label=label, question=f"wat is {instrument.id}"))
        return options

    @staticmethod
    def _factsheet_options() -> list[Option]:
        return [
            Option("Loonkostensubsidie", "factsheet loonkostensubsidie"),
            Option("Loondispensatie", "factsheet loondispensatie"),
            Option("No-riskpolis", "factsheet no-riskpolis"),
        ]

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
            if found.group(3):
                return dt.date(int(found.group(3)), MONTHS[found.group(2)], int(found.group(1)))
            day = dt.date(default.year, MONTHS[found.group(2)], int(found.group(1)))
            # "per 1 februari" asked in December means the coming February.
            return day.replace(year=day.year + 1) if day < default - PAST_GRACE else day
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
    """An age in the question ("58 jaar", "wajonger van 22"), when plausible for work."""
    found = AGE.search(flat)
    if not found:
        return None
    age = int(found.group(1) or found.group(2))
    return age if MIN_AGE <= age <= MAX_AGE else None


def groups_for_age(age: int | None) -> list[str]:
    """Life-stage target groups for an age: under 27 jongeren, 56 and over ouderen."""
    if age is None:
        return []
    if age < 27:
        return ["jongeren"]
    if age >= 56:
        return ["ouderen"]
    return []
