"""Remove what identifies a person from a question before anything is stored or logged.

Advisers type candidates' details. Citizen service numbers (with or without a valid eleven
test), e-mail addresses, phone numbers, IBANs, dates of birth, postcodes with a house number
and names after "meneer", "mevrouw", "dhr." or "mw." are replaced by a marker in brackets. The
parser still sees the original text; only what is kept is redacted.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_MONTHS = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|m(?:aa)?rt|apr(?:il)?|mei|jun[i]?|jul[i]?|aug(?:ustus)?|"
    r"sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_TITLE = r"(?:meneer|mevrouw|mevr\.?|mw\.?|mvr\.?|dhr\.?|de heer|mr\.?|mrs\.?|ms\.?)"
_PARTICLE = r"(?:van der|van den|van de|van 't|van|de|der|den|ter|ten|te|het|'t|la|le|el|al)"
_INITIALS = r"(?:[A-Za-z]\.\s?){1,4}"

PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE), "[e-mail]"),
    (
        re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d{4}){2}\s?\d{2}\b", re.IGNORECASE),
        "[iban]",
    ),
    (
        re.compile(r"(?<![\w+])(?:\+31|0031|0)[\s-]?(?:\(0\)[\s-]?)?[1-9](?:[\s-]?\d){8}(?!\d)"),
        "[telefoon]",
    ),
    (
        re.compile(
            r"\b(?:geb(?:oren|\.)?|geboortedatum|geb\.?datum|dob)\s*(?:op\s*)?:?\s*"
            rf"(?:\d{{1,2}}[-/. ]\d{{1,2}}[-/. ]\d{{2,4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{4}})",
            re.IGNORECASE,
        ),
        "[geboortedatum]",
    ),
    (
        re.compile(
            r"\b(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19\d\d|200\d|201[0-2])\b"
        ),
        "[geboortedatum]",
    ),
    (
        re.compile(
            rf"\b(?:0?[1-9]|[12]\d|3[01])\s+{_MONTHS}\s+(?:19\d\d|200\d|201[0-2])\b",
            re.IGNORECASE,
        ),
        "[geboortedatum]",
    ),
    (re.compile(r"\b\d{4}\s?[A-Za-z]{2}\s*,?\s*\d{1,5}\s?[A-Za-z]?\b"), "[postcode]"),
    (re.compile(r"(?<![\d.])\d{3}[ .-]?\d{2,3}[ .-]?\d{3}(?![\d.])"), "[bsn]"),
    (re.compile(r"(?<!\d)\d{8,9}(?!\d)"), "[bsn]"),
    (
        re.compile(
            rf"(?i:\b{_TITLE})\s+(?:{_INITIALS})?(?:(?i:{_PARTICLE})\s+)*"
            r"[A-Za-zÀ-ÿ][\w'’-]*(?:-[A-Za-zÀ-ÿ][\w'’-]*)?",
        ),
        "[naam]",
    ),
]


def redact(text: str) -> str:
    """The text with every personal detail replaced by a marker."""
    for pattern, marker in PATTERNS:
        replacement = _keep_title if marker == "[naam]" else marker
        text = pattern.sub(replacement, text)
    return text


def _keep_title(found: re.Match[str]) -> str:
    title = found.group(0).split()[0]
    return f"{title} [naam]"


def user_key(user_id: str, secret: str) -> str:
    """A stable pseudonym for a Slack user: same user, same key; nobody can reverse it."""
    digest = hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()
    return digest[:16]
