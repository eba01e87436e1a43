"""What people read when something goes wrong, and what the log says for the admin.

User text is Dutch and never contains exception text. Log text is English, names the Slack
error, and for `missing_scope` names the scopes to add, because only an admin can fix that.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

log = logging.getLogger("bot.errors")

SOMETHING_WENT_WRONG = (
    "Er ging iets mis bij het beantwoorden. Er is niets verloren gegaan: "
    "stel je vraag gerust nog een keer."
)
INVITE_ME = (
    "Ik kan hier niet posten, want ik zit niet in dit kanaal. "
    "Nodig me uit met `/invite @Toolbox` en probeer het opnieuw."
)
TRY_AGAIN = "Dat duurde te lang, dus het venster kon niet meer open. Probeer het opnieuw."
NOT_SET_UP = (
    "Ik mis een toestemming in Slack om dit te doen. De beheerder is op de hoogte gebracht."
)
BUSY = "Slack is even druk. Probeer het over een minuut opnieuw."

_USER_TEXT = {
    "not_in_channel": INVITE_ME,
    "channel_not_found": INVITE_ME,
    "is_archived": "Dit kanaal is gearchiveerd, dus ik kan hier niets plaatsen.",
    "expired_trigger_id": TRY_AGAIN,
    "trigger_expired": TRY_AGAIN,
    "missing_scope": NOT_SET_UP,
    "not_allowed_token_type": NOT_SET_UP,
    "ratelimited": BUSY,
}


def slack_error_code(error: BaseException) -> str | None:
    """The `error` of a Web API failure (`not_in_channel`, …), or None for anything else."""
    if isinstance(error, SlackApiError):
        code = error.response.get("error") if error.response is not None else None
        return str(code) if code else None
    return None


def user_text_for(error: BaseException) -> str:
    """The Dutch sentence to show for this error."""
    return _USER_TEXT.get(slack_error_code(error) or "", SOMETHING_WENT_WRONG)


def log_failure(error: BaseException, surface: str) -> None:
    """One log line an admin can act on; the traceback only for unexpected errors."""
    code = slack_error_code(error)
    if code == "missing_scope":
        response = error.response  # type: ignore[attr-defined]
        log.error(
            "missing_scope on %s: add the scope(s) %s to manifest.yaml and reinstall the app "
            "(granted now: %s)",
            surface,
            response.get("needed"),
            response.get("provided"),
        )
    elif code == "invalid_blocks":
        response = error.response  # type: ignore[attr-defined]
        log.error("invalid_blocks on %s: %s", surface, response.get("errors"))
    elif code in _USER_TEXT:
        log.warning("slack error %s on %s", code, surface)
    else:
        log.error("unexpected error on %s", surface, exc_info=error)
