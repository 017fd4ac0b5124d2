"""Numbers, dates and instants read from people and programs, parsed strictly and bounded.

Every query parameter and JSON field that carries a number or a date goes through
here (the case lists and their exports, search, statistics, disclosures, the status
and message pages, the API's bodies), so that a hostile or mistyped value is a 4xx
with a reason, never a 500:

- only ASCII digits count: ``str.isdigit()`` is true for ``'²'`` and ``int()``
  reads ``'٣'``, so a regular expression decides, not Python's Unicode rules
  (Arabic-Indic digits typed by people are folded to ASCII before, by the input
  normalisation; what is still not ASCII here is refused);
- numbers are bounded (``page=99999999999999999999`` would overflow the SQL offset);
- dates and instants are bounded to years the office can hold (an instant at the
  edge of ``datetime``'s range with an offset overflows when taken to UTC).

Each parser raises ``ValueInvalid(field, reason)``; ``collect`` turns one into an
entry of a ``{field: reason}`` dict, the shape every caller reports.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

DIGITS = re.compile(r"[0-9]{1,18}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# YYYY-MM-DDTHH:MM[:SS[.ffffff]] then Z or ±HH:MM (optional unless asked for).
ISO_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
                         r"(Z|[+-][0-9]{2}:[0-9]{2})?")
EARLIEST = date(1900, 1, 1)      # no case, period or deadline of the office lies outside these years
LATEST = date(2199, 12, 31)
MAX_NUMBER = 10**6               # a page number, a count or an id larger than this is a typo or an attack


class ValueInvalid(ValueError):
    """A value that is not what its field takes: ``field`` and a short English ``reason``."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def whole_number(value, field: str, minimum: int = 1, maximum: int = MAX_NUMBER) -> int:
    """An integer from ``minimum`` to ``maximum``: ASCII digits in a string, or a JSON integer.

    Raises:
        ValueInvalid: a sign, a superscript, other digits, a fraction, a boolean, or out of bounds.
    """
    reason = f"a whole number from {minimum} to {maximum}"
    if isinstance(value, bool):
        raise ValueInvalid(field, reason)
    if isinstance(value, str):
        if not DIGITS.fullmatch(value):
            raise ValueInvalid(field, reason)
        value = int(value)
    if not isinstance(value, int) or not minimum <= value <= maximum:
        raise ValueInvalid(field, reason)
    return value


def calendar_date(value, field: str, earliest: date = EARLIEST, latest: date = LATEST) -> date:
    """A ``YYYY-MM-DD`` date (ASCII digits, nothing else) from ``earliest`` to ``latest``.

    Raises:
        ValueInvalid: another shape, a day not on the calendar, or out of bounds.
    """
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueInvalid(field, "a date written YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueInvalid(field, "not a day of the calendar") from None
    if not earliest <= day <= latest:
        raise ValueInvalid(field, f"a date from {earliest.isoformat()} to {latest.isoformat()}")
    return day


def instant(value, field: str, require_offset: bool = False) -> datetime:
    """An ISO-8601 date and time as a naive UTC ``datetime``, in the years ``EARLIEST``–``LATEST``.

    ``Z`` or an offset (``+01:00``) says the zone; without one the time is taken as
    UTC, or refused when ``require_offset``.

    Raises:
        ValueInvalid: another shape, a time not on the clock, no zone when required, or out of bounds.
    """
    if not isinstance(value, str) or not ISO_INSTANT.fullmatch(value):
        raise ValueInvalid(field, "an ISO-8601 date and time, e.g. 2025-03-27T10:00:00Z")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueInvalid(field, "not a date and time of the calendar") from None
    if moment.tzinfo is None and require_offset:
        raise ValueInvalid(field, "give the time zone: Z (UTC) or an offset such as +01:00")
    if not EARLIEST <= moment.date() <= LATEST:
        raise ValueInvalid(field, f"a moment from {EARLIEST.year} to {LATEST.year}")
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def query_number(args, field: str, default: int = 1, maximum: int = MAX_NUMBER) -> int:
    """``args[field]`` (a query string) as a whole number from 1 to ``maximum``; ``default`` when absent or empty.

    Raises:
        ValueInvalid: anything else (HTTP 400 with the reason, on pages and in the API).
    """
    value = args.get(field)
    return default if value in (None, "") else whole_number(value, field, 1, maximum)


def collect(errors: dict, parser, value, field: str, **bounds):
    """``parser(value, field, **bounds)``, or None with ``errors[field]`` set to the reason."""
    try:
        return parser(value, field, **bounds)
    except ValueInvalid as exc:
        errors[exc.field] = exc.reason
        return None
