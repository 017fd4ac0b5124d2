"""The rules applied, for the public page "Délais légaux" / "الآجال القانونية" (issue 8 §3).

Generated from ``workflows.statute.PERIODS`` and the working calendar in force: no
figure is written here, and nothing about any case or person.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.services.calendar import working_calendar
from workflows.calendar import NonWorkingDay
from workflows.statute import PERIODS, Period


@dataclass(frozen=True)
class Rules:
    """``periods``: every statutory period, in the statute's order; ``years``: ``(year, days)``
    for the current and the next year, each day a holiday or exceptional closure (weekends
    not listed) with its names and ``estimated``/``confirmed`` status."""

    periods: tuple[Period, ...]
    years: tuple[tuple[int, tuple[NonWorkingDay, ...]], ...]


def rules(today: date) -> Rules:
    """The periods of the law and the holiday table of ``today``'s year (Casablanca) and the next."""
    calendar = working_calendar()
    years = tuple((year, tuple(calendar.non_working_days(year))) for year in (today.year, today.year + 1))
    return Rules(tuple(PERIODS.values()), years)
