"""Dutch notation for amounts and dates, and the escaping of text for Slack's mrkdwn."""

from __future__ import annotations

import datetime as dt

from catalogue.models import Amount

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def date_nl(day: dt.date) -> str:
    """1 januari 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def number_nl(value: float) -> str:
    """2.000 and 3,05: a dot between thousands, a comma before cents, no needless ",00"."""
    whole = abs(value - round(value)) < 0.005
    text = f"{value:,.0f}" if whole else f"{value:,.2f}"
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    return sign + digits.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def money_or_number(value: float, unit: str | None) -> str:
    unit = unit or ""
    if unit.startswith("euro"):
        rest = unit.removeprefix("euro").strip()
        return f"€ {number_nl(value)}" + (f" {rest}" if rest else "")
    if unit.startswith("procent"):
        rest = unit.removeprefix("procent").strip()
        percent = number_nl(value)
        if "," in percent:
            percent = percent.rstrip("0").rstrip(",")  # 23,5%, not 23,50%
        return f"{percent}%" + (f" {rest}" if rest else "")
    return f"{number_nl(value)} {unit}".strip()


def amount_nl(amount: Amount) -> str:
    """One line for one figure, including when it is valid and what is unknown."""
    if amount.value is None:
        return f"{amount.label}: onbekend, {amount.ask}"
    line = f"{amount.label}: {money_or_number(amount.value, amount.unit)}"
    if amount.maximum is not None:
        line += f", maximaal {money_or_number(amount.maximum, amount.maximum_unit)}"
    if amount.valid_from:
        line += f" (geldt vanaf {date_nl(amount.valid_from)})"
    if amount.note:
        line += f". {amount.note}"
    return line


def escape_mrkdwn(text: str) -> str:
    """Make text harmless inside mrkdwn: `<!channel>`, links and mentions become literal text.

    Only &, < and > are escaped (what Slack asks for); anything else would show as entities.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def strip_marks(text: str) -> str:
    """Plain text from our own mrkdwn: the bold marks removed."""
    return text.replace("*", "")
