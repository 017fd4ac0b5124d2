"""When reminders and overdue notices go out: 09:00 Africa/Casablanca on working days (issue 8 §3).

The rule itself is pure (``workflows.deadlines.notices_may_go_out``); this module
applies it to the sweep's instant (naive UTC, as instants are stored). A sweep pass
outside the notice hour queues no reminder and no overdue notice: the next pass
inside it queues them from the dates (nothing lost, and the dedup keys keep one of
each). A deemed refusal still fires on time (art. 19); the overdue notices queued
with it are held in the outbox until the notice hour (``next_attempt_at``).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from workflows.calendar import MOROCCO, WorkingCalendar
from workflows.deadlines import NOTICE_WINDOW, next_notice_time, notices_may_go_out


def notice_window(now: datetime, calendar: WorkingCalendar, sweep_minutes: int = 15) -> tuple[bool, datetime]:
    """``(may notices go out at now, the first instant they may)``: ``now`` and the instant in naive UTC.

    Args:
        now: the sweep's instant, naive UTC.
        calendar: the working calendar in force (a holiday or closure has no notice hour).
        sweep_minutes: the sweep's interval: the notice window lasts an hour, or that
            interval when it is longer, so that a pass falls in it every working day.
    """
    window = max(NOTICE_WINDOW, timedelta(minutes=sweep_minutes))
    local = now.replace(tzinfo=timezone.utc).astimezone(MOROCCO)
    first = next_notice_time(local, calendar, window).astimezone(timezone.utc).replace(tzinfo=None)
    return notices_may_go_out(local, calendar, window), first


def hold_until(notifications: list, not_before: datetime | None) -> list:
    """Set the outbox rows ``notifications`` to be sent no earlier than ``not_before`` (naive UTC); returns them."""
    for notification in notifications:
        notification.next_attempt_at = not_before
    return notifications
