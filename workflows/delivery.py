"""How a granted answer delivers the information: the form of access asked for (art. 14) and its costs (art. 5).

The answer follows the form the applicant chose:

- ``electronic_copy``: the released files (documents attached to the answer);
- ``paper_copy``: a copy ready for collection — where, from which working day, at
  which hours — with the copying and sending costs, if any (access itself is free,
  art. 5);
- ``consultation``: on-site consultation — the working day, the time and the place.

``check_delivery`` validates an answer's delivery details per form and returns them
normalised (ISO dates, ``HH:MM`` times, amounts in dirhams with two decimals); the
letter prints exactly what it returns. Pure: dates are Africa/Casablanca local dates.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from workflows.calendar import WorkingCalendar
from workflows.information_request import DELIVERING_OUTCOMES
from workflows.statute import AccessForm

# Fields of ``delivery`` per form: name → required.
FIELDS: dict[str, dict[str, bool]] = {
    AccessForm.PAPER_COPY.value: {"place": True, "date": True, "hours": False, "copying_cost": False,
                                  "sending_cost": False},
    AccessForm.CONSULTATION.value: {"place": True, "date": True, "time": True},
    AccessForm.ELECTRONIC_COPY.value: {},
}
TEXT_LIMITS = {"place": 300, "hours": 120}
MAX_COST = Decimal("100000")      # dirhams: far above any copying fee, below absurd input
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def check_delivery(access_form: str | None, outcome: str | None, delivery, documents: int,
                   today: date, calendar: WorkingCalendar) -> tuple[dict, dict[str, str]]:
    """Validate and normalise the delivery details of an answer.

    Args:
        access_form: the form of access the applicant asked for (art. 14).
        outcome: the answer's outcome; only a grant (in full or in part) delivers.
        delivery: the payload's ``delivery`` object (or None).
        documents: how many released files the answer carries.
        today: the answer's Casablanca local date; a collection or consultation day
            is a working day from today on.
        calendar: the working calendar.

    Returns:
        ``(details, errors)``: the normalised details (``{}`` when nothing is
        delivered) and ``{field: message}`` errors, fields named ``delivery.<name>``.
    """
    delivery = {} if delivery is None else delivery
    if not isinstance(delivery, dict):
        return {}, {"delivery": "an object of delivery details"}
    if outcome not in DELIVERING_OUTCOMES:
        errors = {"delivery": "only a grant delivers information"} if _given(delivery) else {}
        if documents:
            errors["documents"] = "only a grant (in full or in part) releases documents"
        return {}, errors
    fields = FIELDS.get(access_form or "", {})
    errors = {f"delivery.{k}": "not a detail of this form of access" for k in delivery
              if k not in fields and _given({k: delivery[k]})}
    if documents and access_form != AccessForm.ELECTRONIC_COPY.value:
        errors["documents"] = "documents are released only for an electronic copy (art. 14)"
    details = {"form": access_form} if fields else {}
    for name, required in fields.items():
        value, problem = _field(name, delivery.get(name), required, today, calendar)
        if problem:
            errors[f"delivery.{name}"] = problem
        elif value is not None:
            details[name] = value
    return ({} if errors else details), errors


def total_cost(details: dict) -> Decimal:
    """What the applicant pays for a paper copy: copying plus sending, in dirhams (art. 5)."""
    return sum((Decimal(details.get(k) or "0") for k in ("copying_cost", "sending_cost")), Decimal("0"))


def _given(values: dict) -> bool:
    return any(v not in (None, "") for v in values.values())


def _field(name: str, value, required: bool, today: date, calendar: WorkingCalendar):
    """``(normalised value, None)`` or ``(None, problem)``; ``(None, None)`` for an empty optional field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return (None, "this field is required") if required else (None, None)
    if name == "date":
        return _day(value, today, calendar)
    if name == "time":
        text = str(value).strip()
        return (text, None) if TIME.match(text) else (None, "a time as HH:MM, e.g. 10:30")
    if name.endswith("_cost"):
        return _amount(value)
    if not isinstance(value, str):
        return None, "must be text"
    text = value.strip()
    return (text, None) if len(text) <= TEXT_LIMITS[name] else (None, f"at most {TEXT_LIMITS[name]} characters")


def _day(value, today: date, calendar: WorkingCalendar):
    try:
        day = date.fromisoformat(str(value).strip())
    except ValueError:
        return None, "a date as YYYY-MM-DD"
    if day < today:
        return None, "this date has passed"
    if not calendar.is_working_day(day):
        return None, "choose a working day"
    return day.isoformat(), None


def _amount(value):
    if isinstance(value, bool):
        return None, "an amount in dirhams, e.g. 25.50"
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None, "an amount in dirhams, e.g. 25.50"
    if not amount.is_finite() or amount < 0 or amount > MAX_COST or amount != amount.quantize(Decimal("0.01")):
        return None, "an amount in dirhams, e.g. 25.50"
    return f"{amount:.2f}", None
