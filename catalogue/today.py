""" "Today" for every answer is the date in Europe/Amsterdam, whatever the server's clock zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> dt.date:
    return dt.datetime.now(AMSTERDAM).date()
