"""The employer factsheet, as a message and as a PDF: employer text only, for every instrument."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from bot import inbound
from bot.standin import guest
from catalogue.models import Instrument
from catalogue.store import Catalogue
from responses.factsheet import Factsheet, factsheet_message, factsheet_pdf
from responses.format import date_nl
from responses.ids import FACTSHEET_PDF
from responses.state import encode
from tests.access.conftest import GUEST, Toolbox, internal_texts, leaked, shown
from tests.bot.conftest import assert_valid_message, buttons_of

ON = dt.date(2026, 12, 4)
ALL = Catalogue.from_data().ids()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("instrument_id", ALL)
def test_the_pdf_opens_in_dutch_with_the_employer_text_only(
    catalogue: Catalogue, instrument_id: str
) -> None:
    sheet = Factsheet.of(catalogue, instrument_id, ON)
    assert sheet is not None
    instrument = catalogue.instrument(instrument_id, ON)
    assert instrument is not None

    text = _pdf_text(factsheet_pdf(sheet))

    assert _flat(instrument.factsheet) in text
    assert "Factsheet voor werkgevers" in text
    assert f"Gecontroleerd op {date_nl(sheet.checked)}" in text
    assert "Werkgeversservicepunt" in text
    assert [t for t in internal_texts(instrument) if _flat(t) in text] == []
    assert [n for n in instrument.internal_notes if _flat(n)[:40] in text] == []


@pytest.mark.parametrize("instrument_id", ALL)
def test_the_message_has_the_employer_text_only(catalogue: Catalogue, instrument_id: str) -> None:
    sheet = Factsheet.of(catalogue, instrument_id, ON)
    assert sheet is not None
    instrument = catalogue.instrument(instrument_id, ON)
    assert instrument is not None

    message = factsheet_message(sheet)

    everything = _flat(message.text + " " + str(message.blocks))
    assert _flat(instrument.factsheet) in _flat(message.text)
    assert [t for t in internal_texts(instrument) if _flat(t) in everything] == []
    assert_valid_message({"text": message.text, "blocks": message.blocks})
    assert FACTSHEET_PDF in buttons_of({"blocks": message.blocks})


class _Stub:
    """A catalogue with one instrument whose every adviser field says SECRET."""

    def __init__(self, real: Catalogue, instrument: Instrument) -> None:
        self.instrument_ = instrument
        self.providers: dict[str, Any] = {}
        self.regions = real.regions
        self.municipalities = real.municipalities
        self.real = real

    def history(self, instrument_id: str) -> list[Any]:
        return [type("Version", (), {"instrument": self.instrument_})()]

    def instrument(self, instrument_id: str, on: dt.date | None = None) -> Instrument:
        return self.instrument_


@pytest.mark.parametrize(
    "changes",
    [
        {"internal_notes": ["GEHEIM notitie"], "conditions": [], "contact": ""},
        {"internal_notes": ["GEHEIM notitie"], "compare_points": {"GEHEIM": "GEHEIM punt"}},
        {"not_for": {"wajong": "GEHEIM reden"}, "summary": "GEHEIM samenvatting voor adviseurs"},
        {"internal_notes": [], "conditions": ["GEHEIM voorwaarde"], "provider_note": "GEHEIM"},
    ],
)
@pytest.mark.parametrize("instrument_id", ["den-haag-werkgeverscheque", "no-riskpolis"])
def test_empty_fields_an_unknown_provider_or_a_local_instrument_leak_nothing(
    catalogue: Catalogue, instrument_id: str, changes: dict[str, Any]
) -> None:
    real = catalogue.instrument(instrument_id, ON)
    assert real is not None
    stub = _Stub(catalogue, real.model_copy(update={**changes, "provider": "onbekend"}))

    sheet = Factsheet.of(stub, instrument_id, ON)  # type: ignore[arg-type]

    assert sheet is not None
    message = factsheet_message(sheet)
    assert "GEHEIM" not in message.text + str(message.blocks)
    assert "GEHEIM" not in _pdf_text(factsheet_pdf(sheet))
    assert "Werkgeversservicepunt" in sheet.contact


def test_a_local_instrument_names_its_own_region(catalogue: Catalogue) -> None:
    sheet = Factsheet.of(catalogue, "zoetermeer-leerwerkcheque", ON)

    assert sheet is not None and sheet.region == "Werkgeversservicepunt Zuid-Holland Centraal"


def test_an_ended_instrument_says_so_and_names_its_successor(catalogue: Catalogue) -> None:
    sheet = Factsheet.of(catalogue, "mobiliteitsbonus", ON)

    assert sheet is not None and sheet.status is not None
    assert "bestaat niet meer" in sheet.status and "LKV" in sheet.status
    assert "bestaat niet meer" in _pdf_text(factsheet_pdf(sheet))


def test_the_pdf_keeps_the_euro_sign_and_accents(catalogue: Catalogue) -> None:
    real = catalogue.instrument("no-riskpolis", ON)
    assert real is not None
    text = "Een bijdrage van € 4.500 voor één café, ‘zo’ – en → verder…"
    stub = _Stub(catalogue, real.model_copy(update={"factsheet": text}))
    sheet = Factsheet.of(stub, "no-riskpolis", ON)  # type: ignore[arg-type]
    assert sheet is not None

    extracted = _pdf_text(factsheet_pdf(sheet))

    assert "€ 4.500 voor één café, ‘zo’ – en -> verder…" in extracted


def test_an_unknown_instrument_has_no_factsheet(catalogue: Catalogue) -> None:
    assert Factsheet.of(catalogue, "bestaat-niet", ON) is None


# -- in Slack ------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", [inbound.ASKER, GUEST])
def test_the_pdf_is_uploaded_to_the_conversation(toolbox: Toolbox, user: str) -> None:
    toolbox.standin.users[GUEST] = guest(GUEST)
    instrument = toolbox.app.services.catalogue.history("loondispensatie")[-1].instrument
    toolbox.app.sender.command("factsheet loondispensatie", toolbox.app.webhook(), user_id=user)
    button = buttons_of(toolbox.app.replies(1)[0].body)[FACTSHEET_PDF]

    payload = inbound.block_actions_payload(button, toolbox.app.webhook("pdf"), user)
    toolbox.app.sender.interaction(payload)

    done = toolbox.standin.wait_for("files.completeUploadExternal")[0].body
    (kept,) = toolbox.standin.files.values()
    assert done["channel_id"] == inbound.CHANNEL
    assert kept["filename"] == "factsheet-loondispensatie.pdf"
    assert kept["length"] == len(kept["data"])
    text = _pdf_text(kept["data"])
    assert _flat(instrument.factsheet) in text
    assert leaked(internal_texts(instrument), toolbox.standin.calls()) == []
    assert [t for t in internal_texts(instrument) if _flat(t) in text] == []


def test_a_member_gets_the_factsheet_button_with_a_pdf_button(toolbox: Toolbox) -> None:
    button = {"action_id": "toolbox_factsheet", "value": encode(["no-riskpolis"])}

    toolbox.app.sender.interaction(inbound.block_actions_payload(button, toolbox.app.webhook()))

    reply = toolbox.app.replies(1)[0].body
    assert FACTSHEET_PDF in buttons_of(reply)
    assert "No-riskpolis" in shown(toolbox.app.replies(1))
