"""Block Kit for coordinators: the proposal form, the approval request, the announcement.

Builders only: what is allowed and what changed is decided in `catalogue.changes`. Every text
a coordinator typed is escaped, so an announcement can never ping `<!channel>` or anyone.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from catalogue.changes import (
    ANNOUNCEMENT,
    EDITABLE_FIELDS,
    EFFECTIVE_FROM,
    MAX_ANNOUNCEMENT,
    MAX_INPUT,
    MAX_REASON,
    REASON,
    Announcement,
    FieldChange,
    FieldErrors,
    Proposal,
    Refusal,
    Status,
    form_values,
)
from catalogue.models import Amount, Instrument
from responses.format import amount_nl, date_nl, escape_mrkdwn
from responses.guard import enforce_view_limits
from responses.ids import (
    APPROVE,
    PROPOSAL_VIEW,
    PROPOSE_OPEN,
    READ,
    READERS,
    REJECT,
    REJECT_VIEW,
    with_suffix,
)
from responses.limits import MAX_FIELD, MAX_HEADER, MAX_SECTION, clip
from responses.message import Block, Message

VALUE = "value"
"""The action_id of every input in the coordinators' modals."""
BLOCK_PREFIX = "proposal_"
REJECT_REASON = "reject_reason"
DATE_INPUTS = frozenset({"valid_until", EFFECTIVE_FROM})
SHORT_INPUTS = frozenset({"contact", "deadline"})
HINTS = {
    "amounts": "Eén bedrag per '- label: …', zoals in de databestanden. Leeg: geen bedragen.",
    "valid_until": "De eerste dag dat het instrument niet meer bestaat. Leeg: geen einde.",
    EFFECTIVE_FROM: "Vandaag of eerder: direct na goedkeuring. Later: op die dag.",
    ANNOUNCEMENT: "Optioneel. Komt bij de automatische samenvatting in het updates-kanaal.",
}

REFUSALS = {
    Refusal.NOT_COORDINATOR: "Alleen coördinatoren van de Toolbox kunnen dit doen.",
    Refusal.NOT_YOUR_INSTRUMENT: (
        "Dit instrument valt niet onder jouw regio of gemeente. "
        "Vraag een coördinator die erover gaat om de wijziging voor te stellen."
    ),
    Refusal.OWN_PROPOSAL: (
        "Je kunt je eigen voorstel niet goedkeuren of afwijzen. Een andere coördinator doet dat."
    ),
    Refusal.NOT_YOUR_APPROVAL: (
        "Dit voorstel moet worden beoordeeld door een coördinator van de andere regio, "
        "of bij een lokaal instrument door een coördinator van die gemeente of regio."
    ),
    Refusal.ALREADY_DECIDED: "Over dit voorstel is al besloten.",
    Refusal.UNKNOWN_PROPOSAL: "Dit voorstel ken ik niet.",
    Refusal.UNKNOWN_INSTRUMENT: "Dit instrument staat niet in de catalogus.",
    Refusal.CHANGED_MEANWHILE: (
        "Het instrument is intussen gewijzigd, dus dit voorstel past niet meer. "
        "De indiener kan het opnieuw voorstellen."
    ),
}


def block_id(name: str) -> str:
    """The input block of a form field (also the key of its error)."""
    return f"{BLOCK_PREFIX}{name}"


# -- the proposal form ------------------------------------------------------------------------


def proposal_modal(instrument: Instrument, base_version: int, today: dt.date) -> dict[str, Any]:
    """The form with the instrument's current values, an effective date, reason, announcement."""
    values = form_values(instrument)
    blocks: list[Block] = [
        _context(
            f"Je stelt een wijziging voor aan *{escape_mrkdwn(instrument.name)}* "
            f"(versie {base_version}). Een tweede coördinator keurt hem goed."
        )
    ]
    for name, label in EDITABLE_FIELDS.items():
        if name in DATE_INPUTS:
            element = _datepicker(values[name] or None)
        else:
            element = _text_input(values[name], MAX_INPUT, multiline=name not in SHORT_INPUTS)
        optional = name in ("amounts", "deadline", "valid_until")
        blocks.append(_input(name, label, element, optional))
    blocks += [
        _input(EFFECTIVE_FROM, "Gaat in op", _datepicker(today.isoformat())),
        _input(REASON, "Reden", _text_input("", MAX_REASON, multiline=False)),
        _input(ANNOUNCEMENT, "Tekst bij de aankondiging", _text_input("", MAX_ANNOUNCEMENT), True),
    ]
    return enforce_view_limits(
        {
            "type": "modal",
            "callback_id": PROPOSAL_VIEW,
            "private_metadata": json.dumps({"i": instrument.id, "v": base_version}),
            "title": _plain("Wijziging voorstellen"),
            "submit": _plain("Voorstellen"),
            "close": _plain("Annuleren"),
            "blocks": blocks,
        }
    )


def read_proposal_form(values: Mapping[str, Any]) -> dict[str, str | None]:
    """Field name -> submitted text (dates as JJJJ-MM-DD), from `view.state.values`."""
    form: dict[str, str | None] = {}
    for name in (*EDITABLE_FIELDS, EFFECTIVE_FROM, REASON, ANNOUNCEMENT):
        block = values.get(block_id(name))
        element = block.get(VALUE) if isinstance(block, Mapping) else None
        key = "selected_date" if name in DATE_INPUTS else VALUE
        value = element.get(key) if isinstance(element, Mapping) else None
        # Anything but text is read as empty, so it gets a field error instead of a crash.
        form[name] = value if isinstance(value, str) else None
    return form


def read_metadata(view: Mapping[str, Any]) -> tuple[str, int] | None:
    """(instrument id, version the form started from) from the form's private_metadata."""
    try:
        data = json.loads(view.get("private_metadata") or "")
        return str(data["i"]), int(data["v"])
    except (ValueError, KeyError, TypeError):
        return None


def form_errors(errors: FieldErrors) -> dict[str, str]:
    """`response_action: errors` keyed by the form's input block_ids."""
    return {block_id(name): clip(text, 150) for name, text in errors.items()}


def reject_modal(proposal: Proposal) -> dict[str, Any]:
    return enforce_view_limits(
        {
            "type": "modal",
            "callback_id": REJECT_VIEW,
            "private_metadata": str(proposal.id),
            "title": _plain("Voorstel afwijzen"),
            "submit": _plain("Afwijzen"),
            "close": _plain("Annuleren"),
            "blocks": [
                _section(
                    f"Je wijst het voorstel voor *{escape_mrkdwn(proposal.instrument_name)}* "
                    f"van <@{proposal.proposed_by}> af. De indiener ziet je reden."
                ),
                {
                    "type": "input",
                    "block_id": REJECT_REASON,
                    "label": _plain("Reden"),
                    "element": _text_input("", MAX_REASON, multiline=True),
                },
            ],
        }
    )


def notice_view(title: str, message: Message) -> dict[str, Any]:
    """A modal that only says something (replaces a form that cannot be handled)."""
    return enforce_view_limits(
        {
            "type": "modal",
            "title": _plain(title),
            "close": _plain("Sluiten"),
            "blocks": message.blocks,
        }
    )


def read_reject_reason(values: Mapping[str, Any]) -> str:
    return str(((values.get(REJECT_REASON) or {}).get(VALUE) or {}).get(VALUE) or "").strip()


# -- approval ---------------------------------------------------------------------------------


def approval_request(proposal: Proposal, waited_days: int = 0) -> Message:
    """Old and new side by side, with Approve and Reject; a reminder when it waited."""
    name = escape_mrkdwn(proposal.instrument_name)
    intro = (
        f"<@{proposal.proposed_by}> stelt een wijziging voor aan *{name}*, "
        f"per *{date_nl(proposal.effective_from)}*. Jij kunt hem goedkeuren of afwijzen."
    )
    if waited_days:
        intro = f"*Herinnering:* dit voorstel wacht al {waited_days} dagen.\n" + intro
    blocks = [*_proposal_blocks(proposal, intro)]
    blocks.append(
        {
            "type": "actions",
            "block_id": f"proposal_actions_{proposal.id}",
            "elements": [
                _button("Goedkeuren", APPROVE, str(proposal.id), "primary"),
                _button("Afwijzen", REJECT, str(proposal.id), "danger"),
            ],
        }
    )
    text = f"Wijzigingsvoorstel voor {proposal.instrument_name}: graag goedkeuren of afwijzen."
    if waited_days:
        text = f"Herinnering: {text}"
    return Message(text, blocks)


def decided_request(proposal: Proposal) -> Message:
    """The approval request once decided: the same facts, the outcome, no buttons."""
    outcome = _outcome(proposal)
    return Message(
        f"Wijzigingsvoorstel voor {proposal.instrument_name}: {outcome}",
        [*_proposal_blocks(proposal, outcome)],
    )


def _outcome(proposal: Proposal) -> str:
    by = f"<@{proposal.decided_by}>" if proposal.decided_by else "een coördinator"
    when = date_nl(proposal.effective_from)
    if proposal.status is Status.REJECTED:
        return f"Afgewezen door {by}. Reden: {escape_mrkdwn(proposal.reject_reason or '-')}"
    if proposal.status is Status.APPROVED:
        return f"Goedgekeurd door {by}. Gaat in op {when}."
    if proposal.status is Status.APPLIED:
        return f"Goedgekeurd door {by}. Geldt vanaf {when}."
    if proposal.status is Status.CONFLICT:
        return "Niet doorgevoerd: het instrument was intussen gewijzigd."
    return "Wacht op goedkeuring."


def _proposal_blocks(proposal: Proposal, intro: str) -> list[Block]:
    """`intro` is mrkdwn already (our own mentions, escaped user text)."""
    blocks: list[Block] = [
        _header(f"Voorstel: {proposal.instrument_name}"),
        _section(intro),
        _section(f"*Reden:* {escape_mrkdwn(proposal.reason)}"),
    ]
    for change in proposal.changes:
        blocks.append(_side_by_side(change, "Nu", "Voorstel"))
    if proposal.announcement:
        blocks.append(
            _context(f"Tekst bij de aankondiging: {escape_mrkdwn(proposal.announcement)}")
        )
    return blocks


def proposal_received(proposal: Proposal, approvers: Sequence[str]) -> Message:
    name = proposal.instrument_name
    if not approvers:
        return _plain_message(
            f"Je voorstel voor {escape_mrkdwn(name)} is opgeslagen, maar er is geen coördinator "
            "die het mag goedkeuren. Vraag de beheerder om TOOLBOX_COORDINATORS aan te vullen."
        )
    who = ", ".join(f"<@{user}>" for user in approvers)
    return _plain_message(
        f"Je voorstel voor *{escape_mrkdwn(name)}* staat klaar. {who} krijgt een verzoek om het "
        f"goed te keuren. Het gaat in op {date_nl(proposal.effective_from)}, na goedkeuring."
    )


def decision_for_proposer(proposal: Proposal) -> Message:
    name = escape_mrkdwn(proposal.instrument_name)
    by = f"<@{proposal.decided_by}>"
    if proposal.status is Status.REJECTED:
        reason = escape_mrkdwn(proposal.reject_reason or "-")
        return _plain_message(f"{by} wees je voorstel voor *{name}* af. Reden: {reason}")
    if proposal.status is Status.APPLIED:
        return _plain_message(
            f"{by} keurde je voorstel voor *{name}* goed. De nieuwe versie geldt vanaf "
            f"{date_nl(proposal.effective_from)}, en de aankondiging gaat naar het updates-kanaal."
        )
    if proposal.status is Status.CONFLICT:
        return _plain_message(
            f"{by} keurde je voorstel voor *{name}* goed, maar het instrument was intussen "
            "gewijzigd. Stel je wijziging opnieuw voor."
        )
    return _plain_message(
        f"{by} keurde je voorstel voor *{name}* goed. Het gaat in op "
        f"{date_nl(proposal.effective_from)}; dan volgt de aankondiging."
    )


def refusal(reason: Refusal) -> Message:
    return _plain_message(REFUSALS[reason])


def which_instrument(candidates: Sequence[tuple[str, str]] = ()) -> Message:
    """Asked back when `/toolbox wijzig` names no instrument or several: (id, name) options."""
    if not candidates:
        return _plain_message(
            "Welk instrument wil je wijzigen? Bijvoorbeeld: `/toolbox wijzig no-riskpolis`."
        )
    message = _plain_message("Welk instrument wil je wijzigen?")
    buttons = [
        _button(clip(name, 75), with_suffix(PROPOSE_OPEN, ref), ref) for ref, name in candidates
    ]
    message.blocks.append({"type": "actions", "block_id": "proposal_choice", "elements": buttons})
    return message


def form_expired() -> Message:
    return _plain_message(
        "Het venster kon niet meer open, dat duurde te lang. Probeer het opnieuw."
    )


def propose_button(instrument_id: str) -> dict[str, Any]:
    """A button for an instrument's details, shown to coordinators (the server checks again)."""
    return _button("Wijziging voorstellen", with_suffix(PROPOSE_OPEN, instrument_id), instrument_id)


# -- announcements ----------------------------------------------------------------------------


def announcement(item: Announcement, entry_id: int, read_count: int) -> Message:
    """The post in the updates channel, generated from the change, with "Gelezen"."""
    name = escape_mrkdwn(item.instrument_name)
    if item.everywhere:
        reach = f"alle {len(item.municipalities)} gemeenten ({', '.join(item.municipalities)})"
    else:
        reach = ", ".join(item.municipalities)
    blocks: list[Block] = [
        _header(f"Gewijzigd: {item.instrument_name}"),
        _section(
            f"Vanaf *{date_nl(item.effective_from)}* geldt een nieuwe versie van *{name}*.\n"
            f"*Voor:* {escape_mrkdwn(reach)}"
        ),
    ]
    blocks += [_side_by_side(change, "Was", "Wordt") for change in item.changes]
    if item.note:
        blocks.append(_section(f"*Toelichting:* {escape_mrkdwn(item.note)}"))
    blocks += [
        _context(
            f"Reden: {escape_mrkdwn(item.reason)}. Voorgesteld door <@{item.proposed_by}>, "
            f"goedgekeurd door <@{item.approved_by}>."
        ),
        _context(read_count_text(read_count)),
        {
            "type": "actions",
            "block_id": f"announcement_actions_{entry_id}",
            "elements": [
                _button("Gelezen", READ, str(entry_id), "primary"),
                _button("Wie las het?", READERS, str(entry_id)),
            ],
        },
    ]
    changed = ", ".join(c.label.lower() for c in item.changes)
    text = (
        f"Wijziging in de Toolbox: {item.instrument_name}, vanaf "
        f"{date_nl(item.effective_from)} ({changed})."
    )
    return Message(text, blocks)


def read_count_text(count: int) -> str:
    if count == 0:
        return "Nog door niemand gelezen."
    if count == 1:
        return "Gelezen door 1 collega."
    return f"Gelezen door {count} collega's."


def read_confirmed(first_time: bool) -> Message:
    if first_time:
        return _plain_message("Genoteerd: je hebt deze wijziging gelezen.")
    return _plain_message("Je had deze wijziging al als gelezen gemarkeerd.")


def readers_list(readers: Sequence[str]) -> Message:
    if not readers:
        return _plain_message("Nog niemand heeft deze wijziging als gelezen gemarkeerd.")
    who = ", ".join(f"<@{user}>" for user in readers)
    return _plain_message(f"Gelezen door {len(readers)}: {who}")


def coordinator_home_blocks(
    waiting: Sequence[Proposal], recent: Sequence[tuple[Announcement, int]]
) -> list[Block]:
    """A section for a coordinator's App Home: proposals waiting for them, and read counts."""
    blocks: list[Block] = [_header("Voor coördinatoren")]
    if waiting:
        lines = [
            f"• *{escape_mrkdwn(p.instrument_name)}* van <@{p.proposed_by}>, "
            f"per {date_nl(p.effective_from)}"
            for p in waiting
        ]
        blocks.append(
            _section("*Wacht op jouw oordeel* (knoppen in je berichten):\n" + "\n".join(lines))
        )
    else:
        blocks.append(_section("Er wachten geen voorstellen op jou."))
    if recent:
        lines = [
            f"• *{escape_mrkdwn(a.instrument_name)}* ({date_nl(a.effective_from)}): "
            f"{read_count_text(count).lower().rstrip('.')}"
            for a, count in recent
        ]
        blocks.append(_section("*Aankondigingen*\n" + "\n".join(lines)))
    return blocks


# -- pieces -----------------------------------------------------------------------------------


def value_mrkdwn(change_field: str, value: Any) -> str:
    """A field value for people: amounts and dates in Dutch notation, escaped."""
    if value is None or value in ([], ""):
        return "_(leeg)_"
    if change_field == "amounts":
        return "\n".join(f"• {escape_mrkdwn(amount_nl(Amount.model_validate(a)))}" for a in value)
    if change_field == "valid_until":
        return date_nl(dt.date.fromisoformat(str(value)))
    return escape_mrkdwn(str(value))


def _side_by_side(change: FieldChange, left: str, right: str) -> Block:
    limit = MAX_FIELD - 20

    def column(title: str, value: Any) -> dict[str, str]:
        return {
            "type": "mrkdwn",
            "text": f"*{title}*\n{clip(value_mrkdwn(change.field, value), limit)}",
        }

    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": f"*{escape_mrkdwn(change.label)}*"},
        "fields": [column(left, change.old), column(right, change.new)],
    }


def _input(name: str, label: str, element: dict[str, Any], optional: bool = False) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id(name),
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }
    if name in HINTS:
        block["hint"] = _plain(HINTS[name])
    return block


def _text_input(initial: str, max_length: int, multiline: bool = True) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": VALUE,
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    return element


def _datepicker(initial: str | None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "datepicker", "action_id": VALUE}
    if initial:
        element["initial_date"] = initial
    return element


def _button(text: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": action_id,
        "text": _plain(text),
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def _plain_message(text: str) -> Message:
    return Message(text.replace("*", ""), [_section(text)])


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def _header(text: str) -> Block:
    return {"type": "header", "text": _plain(clip(text, MAX_HEADER))}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, MAX_SECTION)}]}
