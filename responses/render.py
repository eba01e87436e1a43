"""Turn a `Finding` into a `Message`: short Dutch text plus Block Kit, for every intent.

The renderer never decides what is true; it says what the catalogue found. Essentials come
first (what fits, why, what the employer gets), details sit behind a button. Every answer that
names facts says where they come from and when they were checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from catalogue.models import Change, Instrument, Source, Term
from catalogue.query import Finding, Intent, Option, Query
from catalogue.store import Catalogue
from catalogue.today import today
from responses import ids, state
from responses.format import amount_nl, date_nl, escape_mrkdwn, strip_marks
from responses.limits import clip, fit
from responses.message import Block, Message

SHOWN_IN_ADVICE = 5
DETAIL_BUTTONS = 3
AMOUNTS_SHOWN = 2
COMPARE_POINTS = 6
MAX_SOURCES = 3

EXAMPLES = (
    "wajong werknemer, welke regeling?",
    "verschil loondispensatie en loonkostensubsidie",
    "wat heeft Den Haag extra?",
    "factsheet no-riskpolis",
    "wat is er veranderd aan de LKV?",
)


class Doc:
    """Paragraphs written once in our own mrkdwn, rendered to plain text and to blocks."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, str, str | None]] = []

    def add(self, text: str, accessory_for: str | None = None) -> None:
        if text.strip():
            self.parts.append(("section", text.strip(), accessory_for))

    def context(self, text: str) -> None:
        if text.strip():
            self.parts.append(("context", text.strip(), None))

    def plain(self) -> str:
        return "\n\n".join(strip_marks(text) for _, text, _ in self.parts)

    def blocks(self, query: Query) -> list[Block]:
        blocks: list[Block] = []
        for kind, text, accessory_for in self.parts:
            mrkdwn = {"type": "mrkdwn", "text": escape_mrkdwn(text)}
            if kind == "context":
                blocks.append({"type": "context", "elements": [mrkdwn]})
                continue
            block: Block = {"type": "section", "text": mrkdwn}
            if accessory_for:
                block["accessory"] = _button(
                    "Details",
                    ids.with_suffix(ids.DETAILS, accessory_for),
                    state.encode([accessory_for], query.municipality, query.on),
                )
            blocks.append(block)
        return blocks


def _button(label: str, action_id: str, value: str, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(label, 75), "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def _provider(instrument: Instrument, catalogue: Catalogue) -> str:
    """The provider's short name: "Gemeente", not "Gemeente (woonplaats van de werknemer)"."""
    provider = catalogue.providers.get(instrument.provider)
    return provider.name.split(" (")[0] if provider else instrument.provider


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _scope_label(instrument: Instrument, catalogue: Catalogue) -> str:
    if instrument.is_local:
        place = catalogue.municipalities.get(instrument.municipality or "")
        return f"lokaal, alleen {place.name if place else instrument.municipality}"
    return instrument.scope.value


def _sources(instruments: Iterable[Instrument | Term | Change]) -> str:
    """The first (main) source of each thing the answer is about, and the oldest check date."""
    seen: dict[str, Source] = {}
    for instrument in instruments:
        if instrument.sources:
            seen.setdefault(instrument.sources[0].title, instrument.sources[0])
    if not seen:
        return ""
    listed = list(seen.values())[:MAX_SOURCES]
    checked = min(s.checked for s in listed)
    names = "; ".join(s.title for s in listed)
    return f"Bron: {names}. Gecontroleerd op {date_nl(checked)}."


def _abbreviations(query: Query) -> str:
    if not query.abbreviations:
        return ""
    return " ".join(f"{short} = {meaning}." for short, meaning in query.abbreviations)


def _date_note(query: Query) -> str:
    if query.on != today():
        return f"Dit antwoord geldt op {date_nl(query.on)}."
    return ""


def _ended_lines(finding: Finding) -> list[str]:
    lines = []
    for instrument in finding.ended:
        successors = finding.successors.get(instrument.id, [])
        if instrument.never_in_force:
            head = f"*{instrument.name}* is nooit ingevoerd en bestaat dus niet."
        elif instrument.valid_until and instrument.valid_until <= finding.query.on:
            head = (
                f"*{instrument.name}* bestaat niet meer: gestopt op "
                f"{date_nl(instrument.valid_until)}."
            )
        elif instrument.valid_from and instrument.valid_from > finding.query.on:
            head = f"*{instrument.name}* geldt pas vanaf {date_nl(instrument.valid_from)}."
        else:
            head = f"*{instrument.name}* geldt niet op {date_nl(finding.query.on)}."
        if instrument.end_note:
            head += f" {instrument.end_note}"
        if successors:
            head += " In de plaats kwam: " + ", ".join(s.name for s in successors) + "."
        lines.append(head)
    return lines


def _instrument_core(
    instrument: Instrument, catalogue: Catalogue, details: bool = False
) -> list[str]:
    """The essentials of one instrument, phone-sized; everything with `details`."""
    lines = [
        f"*{instrument.name}* ({_provider(instrument, catalogue)}, "
        f"{_scope_label(instrument, catalogue)})\n{instrument.summary}",
        f"*Wat krijgt de werkgever:* {instrument.employer_gets}",
    ]
    known = [a for a in instrument.amounts if a.value is not None]
    shown = instrument.amounts if details else known[:AMOUNTS_SHOWN]
    if shown:
        lines.append("*Bedragen:*\n" + "\n".join(f"• {amount_nl(a)}" for a in shown))
    lines.append(f"*Hoe lang:* {instrument.duration}")
    apply = instrument.how_to_apply if details else _first_sentence(instrument.how_to_apply)
    if details and instrument.deadline:
        apply += f" {instrument.deadline}"
    lines.append(f"*Aanvragen:* {apply}")
    return lines


def _aspect(instrument: Instrument, aspect: str, catalogue: Catalogue) -> list[str]:
    """One part of an instrument, for a follow-up such as "en hoelang?"."""
    head = f"*{instrument.name}* ({_provider(instrument, catalogue)})"
    if aspect == "duration":
        return [f"{head}\n*Hoe lang:* {instrument.duration}"]
    if aspect == "amounts":
        amounts = "\n".join(f"• {amount_nl(a)}" for a in instrument.amounts)
        return [f"{head}\n*Wat krijgt de werkgever:* {instrument.employer_gets}", amounts]
    if aspect == "apply":
        deadline = f" {instrument.deadline}" if instrument.deadline else ""
        return [
            f"{head}\n*Aanvragen:* {instrument.how_to_apply}{deadline}",
            f"*Contact:* {instrument.contact}",
        ]
    conditions = "\n".join(f"• {c}" for c in instrument.conditions) or instrument.summary
    return [f"{head}\n*Voorwaarden:*\n{conditions}"]


def _instrument_details(instrument: Instrument, catalogue: Catalogue) -> list[str]:
    lines = []
    if instrument.conditions:
        lines.append("*Voorwaarden:*\n" + "\n".join(f"• {c}" for c in instrument.conditions))
    if instrument.target_groups:
        names = [
            catalogue.target_groups[g].name if g in catalogue.target_groups else g
            for g in instrument.target_groups
        ]
        lines.append("*Voor wie:* " + ", ".join(names) + ".")
    lines.append(f"*Contact:* {instrument.contact}")
    if instrument.internal_notes:
        lines.append(
            "*Let op (intern):*\n" + "\n".join(f"• {n}" for n in instrument.internal_notes)
        )
    if instrument.related:
        related = [catalogue.instrument(r) for r in instrument.related]
        lines.append("*Zie ook:* " + ", ".join(r.name for r in related if r) + ".")
    return lines


# -- per intent ---------------------------------------------------------------------------------


def _advise(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    query = finding.query
    group = catalogue.target_groups.get(query.target_group or "")
    place = catalogue.municipalities.get(query.municipality or "")
    who = f"Bij {group.name}" if group else "Bij deze situatie"
    where = f" (woonplaats {place.name})" if place else ""
    if finding.items:
        doc.add(f"*{who}{where} past dit, belangrijkste eerst:*")
    for number, item in enumerate(finding.items[:SHOWN_IN_ADVICE], start=1):
        instrument = item.instrument
        label = "lokaal" if item.local else _provider(instrument, catalogue)
        doc.add(
            f"{number}. *{instrument.name}* ({label}): {_first_sentence(item.reason)}",
            accessory_for=instrument.id if number <= DETAIL_BUTTONS else None,
        )
    rest = finding.items[SHOWN_IN_ADVICE:]
    if rest:
        doc.add("Verder: " + ", ".join(i.instrument.name for i in rest) + ".")
    for excluded in finding.excluded:
        doc.add(f"*Waarom niet {excluded.instrument.name}?* {excluded.reason}")
    for line in _ended_lines(finding):
        doc.add(line)
    for note in finding.notes:
        doc.add(note)
    gemeente = any(i.instrument.provider == "gemeente" for i in finding.items)
    if finding.items and not place and gemeente:
        doc.add("Tip: noem de woonplaats van de kandidaat, dan zie ik ook de lokale extra's.")


def _explain(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    if finding.group:
        doc.add(f"*{finding.group.name}*: {finding.group.description}")
        fitting = ", ".join(i.name for i in finding.group_instruments)
        if fitting:
            doc.add(f"Voor deze groep passen vooral: {fitting}.")
    for term in finding.terms[:2]:
        doc.add(f"*{term.name}*: {term.explanation}")
        related = [catalogue.instrument(r, finding.query.on) for r in term.related]
        names = [r.name for r in related if r]
        if names:
            doc.add("Hoort bij: " + ", ".join(names) + ".")
    for line in _ended_lines(finding):
        doc.add(line)
    if finding.query.aspect and finding.items:
        instrument = finding.items[0].instrument
        if not finding.query.aspect_only:
            # A first question about one part: what it is in a line, then that part.
            doc.add(f"*{instrument.name}*: {instrument.summary}")
        for line in _aspect(instrument, finding.query.aspect, catalogue):
            doc.add(line)
        for excluded in finding.excluded:
            doc.add(f"*Let op:* {excluded.reason}")
        return
    for item in finding.items[:2]:
        for line in _instrument_core(item.instrument, catalogue, finding.query.details):
            doc.add(line)
        if finding.query.details:
            for line in _instrument_details(item.instrument, catalogue):
                doc.add(line)
    for excluded in finding.excluded:
        doc.add(f"*Let op:* {excluded.reason}")
    for note in finding.notes:
        doc.add(note)


def _compare(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    instruments = [item.instrument for item in finding.items]
    for line in _ended_lines(finding):
        doc.add(line)
    if len(instruments) < 2:
        doc.add("Voor een vergelijking heb ik twee instrumenten nodig die nu bestaan.")
        for instrument in instruments:
            for line in _instrument_core(instrument, catalogue):
                doc.add(line)
        return
    left, right = instruments[:2]
    doc.add(f"*{left.name}* tegenover *{right.name}*, punt voor punt:")
    rows = _compare_rows(left, right, catalogue)
    if "combine" in finding.query.facts:
        # "lks en ld tegelijk?": the answer to that goes first.
        rows.sort(key=lambda row: not row[0].lower().startswith("samen"))
    shown = rows if finding.query.details else rows[:COMPARE_POINTS]
    for label, a, b in shown:
        doc.add(f"*{label}*\n• {left.name}: {a}\n• {right.name}: {b}")
    if len(rows) > len(shown):
        rest = ", ".join(label.lower() for label, _, _ in rows[len(shown) :])
        doc.add(f"Meer punten onder Details: {rest}.")


def _compare_rows(
    left: Instrument, right: Instrument, catalogue: Catalogue
) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    labels = list(dict.fromkeys([*left.compare_points, *right.compare_points]))
    for label in labels:
        rows.append(
            (
                label,
                left.compare_points.get(label, "niet van toepassing"),
                right.compare_points.get(label, "niet van toepassing"),
            )
        )
    if rows:
        return rows

    def groups(instrument: Instrument) -> str:
        names = [
            catalogue.target_groups[g].name if g in catalogue.target_groups else g
            for g in instrument.target_groups
        ]
        return ", ".join(names) or "zie voorwaarden"

    return [
        ("Aanbieder", _provider(left, catalogue), _provider(right, catalogue)),
        ("Voor wie", groups(left), groups(right)),
        ("Wat krijgt de werkgever", left.employer_gets, right.employer_gets),
        ("Hoe lang", left.duration, right.duration),
        ("Aanvragen", left.how_to_apply, right.how_to_apply),
    ]


def _local(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    place = catalogue.municipalities.get(finding.query.municipality or "")
    if place is None:
        doc.add("Over welke gemeente gaat het? Noem bijvoorbeeld Den Haag, Delft of Zoetermeer.")
        return
    if finding.items:
        count = len(finding.items)
        noun = "eigen regeling" if count == 1 else "eigen regelingen"
        doc.add(f"*{place.name} heeft {count} {noun}* (lokale bijlage, alleen daar):")
        for item in finding.items:
            doc.add(
                f"• *{item.instrument.name}* (lokaal): {item.instrument.summary}",
                accessory_for=item.instrument.id,
            )
    else:
        doc.add(f"Voor {place.name} staan geen eigen (lokale) regelingen in de Toolbox.")
    for note in finding.notes:
        doc.add(note)


def _list(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    if not finding.items and not finding.ended:
        doc.add("Daar vond ik geen instrumenten bij. Vraag bijvoorbeeld: alle loonkostenvoordelen.")
        return
    by_provider: dict[str, list[Instrument]] = {}
    for item in finding.items:
        by_provider.setdefault(_provider(item.instrument, catalogue), []).append(item.instrument)
    doc.add(f"*{len(finding.items)} instrumenten*, per aanbieder:")
    for provider, instruments in by_provider.items():
        lines = [f"• *{i.name}*: {i.summary}" for i in instruments]
        doc.add(f"*{provider}*\n" + "\n".join(lines))
    for line in _ended_lines(finding):
        doc.add(line)


def _changes(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    if finding.changes:
        doc.add("*Wijzigingen in de Toolbox*, nieuwste eerst:")
        for note in finding.changes:
            when = date_nl(note.effective_from)
            when = f"Vanaf {when}" if note.effective_from > finding.query.on else when
            doc.add(f"• {when}, *{note.name}*: {note.summary}")
    else:
        doc.add("Ik vond geen recente wijzigingen.")
    for line in _ended_lines(finding):
        doc.add(line)
    if len(finding.items) == 1:
        item = finding.items[0]
        doc.add(f"*{item.instrument.name}* geldt nu: {item.instrument.summary}")


def _factsheet(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    for line in _ended_lines(finding):
        doc.add(line)
    if not finding.items:
        return
    instrument = finding.items[0].instrument
    provider = catalogue.providers.get(instrument.provider)
    checked = max(s.checked for s in instrument.sources)
    doc.add(f"*Factsheet voor de werkgever: {instrument.name}*")
    doc.add(instrument.factsheet)
    if provider:
        doc.add(f"*Contact:* {provider.contact}")
    doc.context(
        f"Deze tekst mag je doorsturen naar de werkgever. Gecontroleerd op {date_nl(checked)}."
    )


def _help(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    doc.add(
        "Ik ben de Toolbox-assistent. Ik zoek voor je uit welke regelingen passen bij een "
        "kandidaat, leg instrumenten uit, vergelijk ze en laat zien wat een gemeente extra heeft."
    )
    doc.add("*Vraag bijvoorbeeld:*\n" + "\n".join(f"• {e}" for e in EXAMPLES))
    doc.add(
        "*Commando's:* `/toolbox help`, `/toolbox vergelijk A B`, `/toolbox gemeente X`, "
        "`/toolbox factsheet X`, `/toolbox updates`, `/toolbox situatie`. "
        "Voor coördinatoren: `/toolbox wijzig X` en `/toolbox stats`."
    )
    doc.add('Vervolgvragen mogen: na een antwoord kun je vragen "en hoelang?".')


def _clarify(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    if finding.query.options:
        labels = [option.label for option in finding.query.options]
        listed = ", ".join(labels[:-1]) + f" of {labels[-1]}" if len(labels) > 1 else labels[0]
        doc.add(f"Ik weet niet zeker wat je bedoelt. Bedoel je {listed}?")
    else:
        doc.add("Kun je iets meer vertellen? Bijvoorbeeld de doelgroep of het instrument.")


THANKS = re.compile(r"^\W*(?:dank\w*|bedankt|thanks|thx|top|super|fijn|mooi|ok[eé]?)\b", re.I)


def _unknown(finding: Finding, catalogue: Catalogue, doc: Doc) -> None:
    if THANKS.search(finding.query.text):
        doc.add("Graag gedaan! Vraag gerust verder als je nog iets wilt weten.")
        return
    doc.add(
        "Daar kan ik je helaas niet mee helpen. Ik weet alleen iets van de instrumenten in de "
        "regionale Toolbox voor werkgevers."
    )
    doc.add("*Probeer bijvoorbeeld:*\n" + "\n".join(f"• {e}" for e in EXAMPLES[:3]))


_RENDERERS: dict[Intent, Callable[[Finding, Catalogue, Doc], None]] = {
    Intent.ADVISE: _advise,
    Intent.EXPLAIN: _explain,
    Intent.COMPARE: _compare,
    Intent.LOCAL: _local,
    Intent.LIST: _list,
    Intent.CHANGES: _changes,
    Intent.FACTSHEET: _factsheet,
    Intent.HELP: _help,
    Intent.CLARIFY: _clarify,
    Intent.UNKNOWN: _unknown,
}

FACTUAL = {Intent.ADVISE, Intent.EXPLAIN, Intent.COMPARE, Intent.LOCAL, Intent.LIST}


def _actions(finding: Finding) -> list[Block]:
    query = finding.query
    item_ids = finding.instrument_ids
    buttons: list[Block] = []
    if query.intent is Intent.CLARIFY:
        for number, option in enumerate(query.options[:5]):
            buttons.append(_clarify_button(option, number))
        return (
            [{"type": "actions", "block_id": "toolbox_clarify", "elements": buttons}]
            if buttons
            else []
        )
    if query.intent not in FACTUAL or not item_ids:
        return []
    first = item_ids[0]
    value = state.encode(item_ids, query.municipality, query.on, query.text)
    if query.intent is Intent.EXPLAIN and not query.details:
        buttons.append(
            _button(
                "Meer details", ids.DETAILS, state.encode([first], query.municipality, query.on)
            )
        )
    first_name = finding.items[0].instrument.name if finding.items else first
    factsheet = state.encode([first], query.municipality, query.on)
    buttons.append(_button(f"Factsheet {first_name}", ids.FACTSHEET, factsheet))
    partner = finding.items[0].instrument.compare_with if finding.items else None
    if partner and query.intent is not Intent.COMPARE:
        buttons.append(
            _button(
                "Vergelijk",
                ids.COMPARE,
                state.encode([first, partner], query.municipality, query.on),
            )
        )
    buttons.append(_button("Deel in kanaal", ids.SHARE, value))
    buttons.append(
        _button(
            "Behulpzaam", ids.FEEDBACK_UP, state.encode(item_ids[:3], intent=query.intent.value)
        )
    )
    buttons.append(
        _button(
            "Niet behulpzaam",
            ids.FEEDBACK_DOWN,
            state.encode(item_ids[:3], intent=query.intent.value),
        )
    )
    return [{"type": "actions", "block_id": "toolbox_answer_actions", "elements": buttons}]


def _clarify_button(option: Option, number: int) -> Block:
    return _button(
        option.label,
        ids.with_suffix(ids.CLARIFY, str(number)),
        state.encode(question=option.question),
    )


def render(finding: Finding, catalogue: Catalogue) -> Message:
    """The answer to one Finding, within Slack's limits."""
    doc = Doc()
    doc.context(_abbreviations(finding.query))
    _RENDERERS[finding.query.intent](finding, catalogue, doc)
    instruments = [item.instrument for item in finding.items[:2]] + finding.ended[:1]
    sourced: list[Instrument | Term | Change] = [
        *instruments,
        *finding.terms[:1],
        *finding.change_sources[:2],
    ]
    for unknown in dict.fromkeys(finding.unknowns[:2]):
        doc.add(f"*Onbekend:* {unknown}")
    for fact in finding.query.facts:
        if fact.startswith("buiten:"):
            place = fact.removeprefix("buiten:").title()
            doc.add(
                f"*Let op:* {place} hoort niet bij Haaglanden of Zuid-Holland Centraal. "
                "Landelijke regelingen gelden daar ook, de regionale afspraken en lokale extra's "
                "van deze Toolbox niet. Vraag het Werkgeversservicepunt van die regio."
            )
    doc.context(_date_note(finding.query))
    if finding.query.intent is not Intent.FACTSHEET:
        doc.context(_sources(sourced))
    blocks = doc.blocks(finding.query) + _actions(finding)
    return fit(Message(text=doc.plain(), blocks=blocks))
