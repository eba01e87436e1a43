"""Follow-up questions: "en hoelang?", "maak er een factsheet van", "en als hij in Delft woont?".

A follow-up has no subject of its own; it borrows what the previous answer in the same
conversation was about. Only the parsed fields travel (intent, instruments, group, place),
never the text of the earlier question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from catalogue.query import Intent, Query
from intents.normalize import content_tokens, normalize

FOLLOW_UP_START = re.compile(
    r"^(?:en|of|maar|ok|oke|dus|ook|dan|en als|en wat|en hoe|en voor|en bij|als)\b"
)
SHORT_QUESTION_WORDS = 6
"""A question this short without a subject of its own is read as a follow-up."""
FACTSHEET_WORDS = re.compile(
    r"\b(?:factsheet|pdf|folder|flyer|werkgeversinfo|werkgeverstekst|voor de werkgever)\b"
)
FOLLOW_UP_WORDS = frozenset(
    [
        "hoelang",
        "lang",
        "hoeveel",
        "krijgt",
        "krijg",
        "krijgen",
        "werkgever",
        "werknemer",
        "kandidaat",
        "aanvragen",
        "aanvraag",
        "voorwaarden",
        "bedrag",
        "bedragen",
        "geld",
        "maand",
        "jaar",
        "uur",
        "duur",
        "duurt",
        "factsheet",
        "pdf",
        "folder",
        "flyer",
        "maak",
        "geef",
        "stuur",
        "mail",
        "tekst",
        "info",
        "informatie",
        "meer",
        "details",
        "detail",
        "uitleg",
        "betaalt",
        "betalen",
        "regelt",
        "wanneer",
        "termijn",
        "loopt",
        "gaat",
        "kan",
        "kun",
        "mag",
        "moet",
        "doe",
        "doen",
        "werkt",
        "zit",
        "verder",
        "precies",
        "eigenlijk",
        "dat",
        "zo",
        "ok",
        "oke",
        "oké",
        "top",
        "waar",
        "wie",
        "welke",
        "vraag",
        "vragen",
        "regel",
        "regelen",
        "aanmelden",
        "kost",
        "kosten",
        "loopt",
        "stopt",
        "begint",
        "start",
        "ingaan",
        "gaat",
    ]
)
"""Words a follow-up is made of; a question with other words has a subject of its own."""
DETAIL_WORDS = re.compile(r"\b(?:meer|details?|voorwaarden|aanvragen|hoe|waar|wie)\b")
OPEN_INTENTS = (Intent.UNKNOWN, Intent.CLARIFY, Intent.HELP)
ASPECTS = (
    (
        "conditions",
        re.compile(r"\b(?:hoeveel uur|uur per week|uren per week|minimaal \d+|contract van)\b"),
    ),
    ("duration", re.compile(r"\b(?:hoe ?lang|duur\w*|termijn|tot wanneer|loopt)\b")),
    ("amounts", re.compile(r"\b(?:hoeveel|bedrag\w*|hoe hoog|geld|per maand|per uur)\b")),
    (
        "apply",
        re.compile(r"\b(?:aanvra\w*|hoe vraag|waar (?:kan|moet|vraag|meld)|bij wie|wie regelt)\b"),
    ),
    (
        "conditions",
        re.compile(r"\b(?:voorwaarden?|eisen|mag dat|wanneer kan|mag (?:de |een )?werkgever)\b"),
    ),
)
"""A short follow-up about one part of an instrument gets just that part."""


def aspect_of(flat: str) -> str | None:
    """Which part of an instrument a (normalised) question asks about, if one."""
    return next((name for name, cue in ASPECTS if cue.search(flat)), None)


@dataclass(frozen=True)
class Previous:
    """What the last answer in a conversation was about."""

    intent: Intent
    instruments: tuple[str, ...]
    target_group: str | None
    municipality: str | None
    topics: tuple[str, ...]


def remember(query: Query, instrument_ids: list[str]) -> Previous:
    return Previous(
        intent=query.intent,
        instruments=tuple(instrument_ids),
        target_group=query.target_group,
        municipality=query.municipality,
        topics=query.topics,
    )


def follow_up(query: Query, previous: Previous | None) -> Query:
    """The query, completed with the previous answer's subject when it is a follow-up."""
    if previous is None or (not previous.instruments and not previous.target_group):
        return query
    flat = normalize(query.text)
    short = len(flat.split()) <= SHORT_QUESTION_WORDS
    if not (FOLLOW_UP_START.search(flat) or short):
        return query
    own_subject = bool(query.instruments or query.topics or query.terms)
    if own_subject:
        return query

    if query.intent in OPEN_INTENTS or query.intent is Intent.FACTSHEET:
        words = set(content_tokens(flat.split()))
        if not previous.instruments or not words <= FOLLOW_UP_WORDS:
            return query
        first = previous.instruments[:1]
        if FACTSHEET_WORDS.search(flat):
            return replace(query, intent=Intent.FACTSHEET, instruments=first, options=())
        details = bool(DETAIL_WORDS.search(flat))
        aspect = aspect_of(flat)
        return replace(
            query,
            intent=Intent.EXPLAIN,
            instruments=first,
            details=details,
            aspect=aspect,
            aspect_only=aspect is not None,
            options=(),
            target_group=query.target_group or previous.target_group,
            municipality=query.municipality or previous.municipality,
        )

    new_place = query.municipality and query.municipality != previous.municipality
    new_group = query.target_group and query.target_group != previous.target_group
    if query.intent in (Intent.LOCAL, Intent.ADVISE) and (new_place or new_group):
        if previous.intent is Intent.ADVISE:
            return replace(
                query,
                intent=Intent.ADVISE,
                target_group=query.target_group or previous.target_group,
                municipality=query.municipality or previous.municipality,
                topics=previous.topics,
            )
        if previous.intent in (Intent.EXPLAIN, Intent.COMPARE) and new_group:
            return replace(query, intent=Intent.ADVISE, topics=previous.instruments)
    return query
