"""Every action_id, block_id prefix and callback_id the app answers.

Builders in `responses/` and listeners in `bot/` both import these, so an id is written once.
Buttons that can repeat in one message carry a suffix (`details:loondispensatie`); listeners
match them by prefix.
"""

from __future__ import annotations

import re

COMMAND = "/toolbox"

# Buttons under an answer (value: a compact JSON state, see responses.state).
DETAILS = "toolbox_details"
FACTSHEET = "toolbox_factsheet"
FACTSHEET_PDF = "toolbox_factsheet_pdf"
COMPARE = "toolbox_compare"
SHARE = "toolbox_share"
CLARIFY = "toolbox_clarify"
FEEDBACK_UP = "toolbox_feedback_up"
FEEDBACK_DOWN = "toolbox_feedback_down"
SITUATION_OPEN = "toolbox_situation_open"

# Coordinators.
PROPOSE_OPEN = "toolbox_propose_open"
APPROVE = "toolbox_approve"
REJECT = "toolbox_reject"
READ = "toolbox_read"

# Views and shortcuts.
SITUATION_VIEW = "toolbox_situation_view"
PROPOSAL_VIEW = "toolbox_proposal_view"
REJECT_VIEW = "toolbox_reject_view"
ASK_SHORTCUT = "toolbox_ask_shortcut"


def with_suffix(action_id: str, suffix: str) -> str:
    """A unique action_id for one of several buttons of the same kind (max 255 characters)."""
    return f"{action_id}:{suffix}"[:255]


def prefix_pattern(action_id: str) -> re.Pattern[str]:
    """Matches the bare id and every suffixed variant of it."""
    return re.compile(rf"^{re.escape(action_id)}(:.*)?$")


# Added for the Slack app (bot/): the result of a situation check replaces its form.
SITUATION_RESULT_VIEW = "toolbox_situation_result"

# Added for coordinators (issue 5): who read an announcement (coordinators only).
READERS = "toolbox_readers"
