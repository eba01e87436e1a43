"""The employer factsheet: employer-facing text only, as a Slack message and as a PDF.

An employer may read an instrument's name, its `factsheet` text, the provider's contact, the
region's Werkgeversservicepunt, the date the sources were checked and, for an instrument that
is not (or no longer) in force, that fact and what came in its place. `Factsheet.of` reads
nothing else: conditions, internal notes, target-group and `not_for` reasons, compare points,
amounts and summaries are for advisers, so an empty or missing field cannot pull them in.

The PDF uses fpdf2's built-in Helvetica with the Windows-1252 (WinAnsi) encoding. That covers
Dutch accents, € and typographic quotes and dashes without shipping a font file (the system's
DejaVu is not on every machine that builds or tests the app). A character outside it is
spelled out where that reads well (→ becomes "->") and becomes "?" otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from catalogue.models import Instrument
from catalogue.store import Catalogue
from responses import state
from responses.format import date_nl, escape_mrkdwn
from responses.ids import FACTSHEET_PDF
from responses.limits import MAX_HEADER, clip, fit
from responses.message import Block, Message

TOOLBOX = "Toolbox werkgeversinstrumenten Haaglanden en Zuid-Holland Centraal"
PDF_ENCODING = "windows-1252"
_SPELLED_OUT = {"→": "->", "←": "<-", "≤": "<=", "≥": ">=", "×": "x", "\u00a0": " "}


@dataclass(frozen=True)
class Factsheet:
    """Everything that goes to an employer about one instrument, and nothing more."""

    instrument_id: str
    name: str
    text: str
    contact: str
    region: str
    checked: dt.date
    status: str | None
    on: dt.date
    municipality: str | None = None

    @classmethod
    def of(
        cls,
        catalogue: Catalogue,
        instrument_id: str,
        on: dt.date,
        municipality: str | None = None,
    ) -> Factsheet | None:
        """The factsheet of an instrument as it reads on `on`; None for an unknown id."""
        history = catalogue.history(instrument_id)
        if not history:
            return None
        instrument = catalogue.instrument(instrument_id, on) or history[-1].instrument
        provider = catalogue.providers.get(instrument.provider)
        return cls(
            instrument_id=instrument.id,
            name=instrument.name,
            text=instrument.factsheet.strip(),
            contact=provider.contact if provider else "Het Werkgeversservicepunt van de regio.",
            region=_region(catalogue, instrument, municipality),
            checked=max(source.checked for source in instrument.sources),
            status=_status(catalogue, instrument, on),
            on=on,
            municipality=municipality,
        )

    @property
    def filename(self) -> str:
        return f"factsheet-{self.instrument_id}.pdf"

    @property
    def title(self) -> str:
        return f"Factsheet voor werkgevers: {self.name}"


def _region(catalogue: Catalogue, instrument: Instrument, municipality: str | None) -> str:
    """The Werkgeversservicepunt(en) to name: the instrument's or the asked place's region."""
    place = catalogue.municipalities.get(instrument.municipality or municipality or "")
    region = catalogue.regions.get(place.region) if place else None
    if region is not None:
        return f"Werkgeversservicepunt {region.name}"
    names = [r.name for r in catalogue.regions.values()]
    return "Werkgeversservicepunt " + " of ".join(names) if names else "Werkgeversservicepunt"


def _status(catalogue: Catalogue, instrument: Instrument, on: dt.date) -> str | None:
    """Whether the regeling is in force, in words an employer understands; None when it is."""
    if instrument.current_on(on):
        return None
    if instrument.never_in_force:
        status = "Let op: deze regeling is nooit ingevoerd."
    elif instrument.valid_from and on < instrument.valid_from:
        status = f"Let op: deze regeling geldt pas vanaf {date_nl(instrument.valid_from)}."
    elif instrument.valid_until:
        status = f"Let op: deze regeling bestaat niet meer sinds {date_nl(instrument.valid_until)}."
    else:
        status = "Let op: deze regeling geldt nu niet."
    successors = [catalogue.instrument(s, on) for s in instrument.successor]
    names = [s.name for s in successors if s is not None]
    if names:
        status += " In de plaats kwam: " + ", ".join(names) + "."
    return status


# -- the message ---------------------------------------------------------------------------------


def factsheet_message(sheet: Factsheet) -> Message:
    """A message the adviser can forward, with a button that makes the PDF."""
    paragraphs = [sheet.text]
    if sheet.status:
        paragraphs.append(sheet.status)
    paragraphs += [f"Contact: {sheet.contact}", f"{sheet.region}."]
    footer = (
        f"Deze tekst mag je doorsturen naar de werkgever. "
        f"Gecontroleerd op {date_nl(sheet.checked)}."
    )
    text = "\n\n".join([sheet.title, *paragraphs, footer])
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": clip(sheet.title, MAX_HEADER)}},
        *({"type": "section", "text": _mrkdwn(p)} for p in paragraphs),
        {"type": "context", "elements": [_mrkdwn(footer)]},
        pdf_actions(sheet),
    ]
    return fit(Message(text, blocks))


def with_pdf_button(message: Message, sheet: Factsheet) -> Message:
    """Another factsheet answer (the pipeline's, for advisers) with the PDF button under it."""
    return fit(Message(message.text, [*message.blocks, pdf_actions(sheet)]))


def pdf_actions(sheet: Factsheet) -> Block:
    button = {
        "type": "button",
        "text": {"type": "plain_text", "text": "Als pdf in dit gesprek"},
        "action_id": FACTSHEET_PDF,
        "value": state.encode([sheet.instrument_id], sheet.municipality, sheet.on),
    }
    return {"type": "actions", "block_id": "toolbox_factsheet_actions", "elements": [button]}


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": escape_mrkdwn(text)}


def pdf_shared(sheet: Factsheet) -> str:
    """The comment that goes with the uploaded PDF."""
    return f"De factsheet van {sheet.name} als pdf, om door te sturen naar de werkgever."


# -- the PDF -------------------------------------------------------------------------------------


def factsheet_pdf(sheet: Factsheet) -> bytes:
    """One A4 page (or more for a long text) in Dutch, with the contact and the checked date."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = PDF_ENCODING
    pdf.set_lang("nl")
    pdf.set_title(_pdf_text(sheet.title))
    pdf.set_author("Toolbox-assistent")
    pdf.set_subject(TOOLBOX)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    _paragraph(pdf, "Factsheet voor werkgevers", 10, colour=(90, 90, 90))
    _paragraph(pdf, sheet.name, 18, bold=True, after=4)
    _paragraph(pdf, sheet.text, 11, after=4)
    if sheet.status:
        _paragraph(pdf, sheet.status, 11, bold=True, after=4)
    _paragraph(pdf, "Meer weten of aanvragen?", 12, bold=True)
    _paragraph(pdf, sheet.contact, 11)
    _paragraph(pdf, f"{sheet.region}.", 11, after=8)
    _paragraph(
        pdf,
        f"{TOOLBOX}. Gecontroleerd op {date_nl(sheet.checked)}; "
        "aan deze informatie kunnen geen rechten worden ontleend.",
        9,
        colour=(90, 90, 90),
    )
    return bytes(pdf.output())


def _paragraph(
    pdf: FPDF,
    text: str,
    size: int,
    bold: bool = False,
    after: float = 2,
    colour: tuple[int, int, int] = (0, 0, 0),
) -> None:
    pdf.set_font("Helvetica", style="B" if bold else "", size=size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, _pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(after)


def _pdf_text(text: str) -> str:
    """Text the core font can show: Windows-1252, with a few characters spelled out."""
    for character, spelled in _SPELLED_OUT.items():
        text = text.replace(character, spelled)
    return text.encode(PDF_ENCODING, "replace").decode(PDF_ENCODING)
