"""Dates and times in WhatsApp export headers.

WhatsApp writes dates in the phone's locale: "31/12/2020", "12/31/20", "31.12.20",
"2020-12-31"; times as "21:41", "21:41:05", "9:41 PM", "9:41 p.m.", with a plain or a
narrow no-break space (U+202F) before the AM/PM.
Whether "01/02/20" is 1 February or 2 January cannot be told from one line, so the
order is decided once for the whole file by ``decide_date_order``:

1. if any date's first number is above 12, dates are day-first;
2. else if any date's second number is above 12, dates are month-first;
3. else (every date ambiguous) month-first if times use AM/PM, as US exports do,
   and day-first otherwise, as most of the world writes dates.

Two-digit years are read as 20xx.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from enum import Enum

from heartline.errors import InputError

DATE = (
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}(?P<sep>[./-])\d{1,2}(?P=sep)(?:\d{4}|\d{2}))"
)
"""A header's date: year-first ISO, or two numbers and a year with the same separator."""

TIME = r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\s?(?P<ampm>[ap]\.?\s?m\.?))?"
"""A header's time; ``\\s`` also covers the narrow no-break space newer exports use."""

DATE_SEPARATORS = re.compile(r"[./-]")
ISO_YEAR_DIGITS = 4
CENTURY = 2000
MONTHS = 12


class DateOrder(Enum):
    """How to read a date whose year comes last; the value is shown in error messages."""

    DAY_FIRST = "day-first (31/12/2020)"
    MONTH_FIRST = "month-first (12/31/2020)"


def decide_date_order(headers: Sequence[re.Match[str]]) -> DateOrder:
    """One date order for the whole file, by the rules in the module docstring."""
    pairs = [_leading_pair(header["date"]) for header in headers]
    known = [pair for pair in pairs if pair is not None]
    if any(first > MONTHS for first, _ in known):
        return DateOrder.DAY_FIRST
    if any(second > MONTHS for _, second in known):
        return DateOrder.MONTH_FIRST
    if any(header["ampm"] for header in headers):
        return DateOrder.MONTH_FIRST
    return DateOrder.DAY_FIRST


def header_timestamp(
    header: re.Match[str], order: DateOrder, *, source: str, line: int
) -> datetime:
    """The date and time of a header line, or an ``InputError`` if they are impossible."""
    year, month, day = _calendar_date(header["date"], order)
    hour, minute, second = _clock(header["time"], header["ampm"])
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        stamp = f"{header['date']}, {header['time']}"
        raise InputError(
            f"'{stamp}' is not a real date and time (dates in this file read {order.value})",
            source=source,
            line=line,
        ) from None


def _leading_pair(date: str) -> tuple[int, int] | None:
    """The first two numbers of a year-last date; None for ISO dates, which are unambiguous."""
    first, second, _ = DATE_SEPARATORS.split(date)
    if len(first) == ISO_YEAR_DIGITS:
        return None
    return int(first), int(second)


def _calendar_date(date: str, order: DateOrder) -> tuple[int, int, int]:
    first, second, third = DATE_SEPARATORS.split(date)
    if len(first) == ISO_YEAR_DIGITS:
        return int(first), int(second), int(third)
    year = int(third) + (CENTURY if len(third) < ISO_YEAR_DIGITS else 0)
    if order is DateOrder.DAY_FIRST:
        return year, int(second), int(first)
    return year, int(first), int(second)


def _clock(time: str, ampm: str | None) -> tuple[int, int, int]:
    hour, minute, *seconds = (int(part) for part in time.split(":"))
    if ampm:
        hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
    return hour, minute, seconds[0] if seconds else 0
