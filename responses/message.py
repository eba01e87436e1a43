"""The rendered answer: a plain Dutch text and Block Kit blocks, ready for any surface."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Block = dict[str, Any]


@dataclass
class Message:
    """What a surface shows. `text` is the full plain answer and the notification fallback."""

    text: str
    blocks: list[Block] = field(default_factory=list)
