"""The figures of §1 for a period and filters: one value per indicator of ``indicators.py``.

A value is a whole number, a number of days or a mean (float, None when there is
nothing to average), or a breakdown ``{key: count}`` listing every key of its
family (zeros included, so that a breakdown adds up to its parent).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.extensions import db
from app.models.case import Case
from app.models.user import User
from app.services import complaint_categories
from app.services.calendar import utc_now, working_calendar
from app.services.statistics import queries
from app.services.statistics.period import Filters, Period
from workflows.calendar import WorkingCalendar, local_date
from workflows.kinds import CaseKind, spec
from workflows.statute import ANSWER_OUTCOMES, GROUNDS, Channel, ComplaintKind, HeadDecision, Outcome

IR, COMPLAINT = CaseKind.INFORMATION_REQUEST.value, CaseKind.COMPLAINT.value
# The keys of each family, in the order they are shown; a breakdown lists them all.
STATUS_KEYS = {IR: ("answered", "deemed_refusal", "withdrawn", "in_progress"),
               COMPLAINT: ("answered", "redirected", "withdrawn", "in_progress")}
# A ruling of the CDAI (art. 20) or the court (art. 21), as issue 8's workflow records it.
RULINGS = ("for_applicant", "for_body")
UNKNOWN = "unknown"


@dataclass
class Figures:
    """The values of the indicators for ``period`` and ``filters``, computed at ``computed_at`` (UTC)."""

    period: Period
    filters: Filters
    computed_at: datetime
    values: dict = field(default_factory=dict)
    # username → {"ar": name in Arabic script, "fr": in Latin script} (workload keys)
    officers: dict[str, dict[str, str]] = field(default_factory=dict)

    def __getitem__(self, indicator_id: str):
        return self.values[indicator_id]


def compute(period: Period, filters: Filters | None = None, now: datetime | None = None) -> Figures:
    """Every indicator for the cases received in ``period`` that pass ``filters``.

    Args:
        period: receipt dates (Casablanca), both ends included.
        filters: kind, channel, unit, officer (default: all cases).
        now: the instant of computation, naive UTC; its Casablanca date decides what is overdue.
    """
    filters, now = filters or Filters(), now or utc_now()
    figures = Figures(period, filters, now)
    today = local_date(now)
    for kind, section in ((IR, _requests), (COMPLAINT, _complaints)):
        where = queries.cohort(kind, period, filters)
        figures.values.update(section(period, where, today) if filters.covers(kind) else _empty(kind, period))
    received = {IR: figures["requests.received"], COMPLAINT: figures["complaints.received"]}
    figures.values["cases.received"] = sum(received.values())
    figures.values["cases.by_kind"] = received
    _workload(figures)
    return figures


def breakdown(keys, counts: dict) -> dict:
    """``{key: count}`` for every key in order, then any other key found (None → ``unknown``)."""
    out = {str(k): 0 for k in keys}
    for key, n in counts.items():
        key = UNKNOWN if key is None else str(key)
        out[key] = out.get(key, 0) + n
    return out


def _requests(period: Period, where: list, today: date) -> dict:
    rows = queries.cube(IR, where, today)
    count, answered = _counter(rows), (lambda d: d["timeliness"] is not None)
    days = day_counts(queries.answer_day_pairs(where), working_calendar())
    median, mean = median_mean(days)
    received, urgent = sum(n for _, n in rows), _yes(count("urgent"))
    out = {
        "requests.received": received,
        "requests.by_channel": breakdown((c.value for c in Channel), count("channel")),
        "requests.by_month": breakdown(period.months(), queries.months(rows)),
        "requests.by_type": {"ordinary": received - urgent, "urgent": urgent},
        "requests.by_state": breakdown((s.value for s in spec(IR).workflow.State), count("state")),
        "requests.by_status": breakdown(STATUS_KEYS[IR], count("status")),
        "requests.by_outcome": breakdown((o.value for o in Outcome if o in ANSWER_OUTCOMES),
                                         count("outcome", answered)),
        "requests.timeliness": breakdown(("on_time", "late"), count("timeliness", answered)),
        "requests.extended": _yes(count("extended")),
        "requests.grounds": breakdown(GROUNDS, queries.grounds(where)),
        "requests.answer_days_median": median, "requests.answer_days_mean": mean,
    }
    out.update(_remedies(queries.remedies(where)))
    return out


def _counter(rows):
    def count(dimension, where=None):
        return queries.tally(rows, dimension, where)
    return count


def _yes(counts) -> int:
    """Cases whose yes/no dimension is yes (True or 1 as the engine returns it)."""
    return sum(n for value, n in counts.items() if value)


def _remedies(found: dict) -> dict:
    def cases(trigger, decision=None):
        return sum(n for (t, d), n in found.items() if t == trigger and (decision is None or d == decision))
    return {
        "requests.deemed_refusals": cases("deem_refusal"),
        "requests.head_complaints": cases("complain_to_head"),
        "requests.head_decisions": {d.value: cases("decide", d.value) for d in HeadDecision},
        "requests.head_silences": cases("deem_head_silence"),
        "requests.cdai_complaints": cases("complain_to_cdai"),
        "requests.cdai_decisions": {r: cases("record_cdai_decision", r) for r in RULINGS},
        "requests.cdai_silences": cases("deem_cdai_silence"),
        "requests.court_cases": cases("record_court_case"),
        "requests.court_judgments": {r: cases("record_judgment", r) for r in RULINGS},
    }


def _complaints(period: Period, where: list, today: date) -> dict:
    rows = queries.cube(COMPLAINT, where, today)
    count, answered = _counter(rows), (lambda d: d["timeliness"] is not None)
    days = Counter()
    for received, answered_on, n in queries.answer_day_pairs(where):
        days[(answered_on - received).days] += n
    median, mean = median_mean(days)
    ratings = {k: n for k, n in count("rating").items() if k is not None}
    rated = sum(ratings.values())
    timeliness = count("timeliness", answered)
    return {
        "complaints.received": sum(n for _, n in rows),
        "complaints.by_channel": breakdown((c.value for c in Channel), count("channel")),
        "complaints.by_month": breakdown(period.months(), queries.months(rows)),
        "complaints.by_kind": breakdown((k.value for k in ComplaintKind), count("complaint_kind")),
        "complaints.by_category": breakdown(_category_keys(), count("category")),
        "complaints.by_state": breakdown((s.value for s in spec(COMPLAINT).workflow.State), count("state")),
        "complaints.by_status": breakdown(STATUS_KEYS[COMPLAINT], count("status")),
        "complaints.timeliness": {"within": timeliness["on_time"], "beyond": timeliness["late"]},
        "complaints.overdue": _yes(count("overdue")),
        "complaints.answer_days_median": median, "complaints.answer_days_mean": mean,
        "complaints.rated": rated,
        "complaints.ratings": breakdown(range(1, 6), ratings),
        "complaints.rating_mean": round(sum(k * n for k, n in ratings.items()) / rated, 2) if rated else None,
        "complaints.reopened": _yes(count("reopened")),
    }


def _empty(kind: str, period: Period) -> dict:
    """The section of a kind the filters exclude: zeros, empty means."""
    source = _requests if kind == IR else _complaints
    return source(period, [Case.id.is_(None)], period.end)


def _category_keys() -> list[str]:
    """Active categories in order, then inactive ones (shown only where they have cases)."""
    return [c.code for c in complaint_categories.active_categories()]


def _workload(figures: Figures) -> None:
    per_officer, unassigned = queries.workload(figures.filters)
    users = {u.id: u for u in db.session.execute(db.select(User).where(User.id.in_(per_officer))).scalars()}
    ordered = sorted(per_officer.items(), key=lambda item: (-item[1], users[item[0]].username))
    figures.values["workload.open_by_officer"] = {users[i].username: n for i, n in ordered}
    figures.values["workload.unassigned"] = unassigned
    figures.officers = {u.username: {lang: u.name_in(lang) for lang in ("ar", "fr")} for u in users.values()}


def day_counts(pairs, calendar: WorkingCalendar) -> Counter:
    """``{working days from receipt (day 0) to answer: cases}`` from (received, answered, n) pairs.

    Working days in (received, answered] as ``WorkingCalendar.working_days_between``
    counts them (LAW.md §4.2), from one cumulative index over the span instead of a
    loop per pair.
    """
    if not pairs:
        return Counter()
    first = min(p[0] for p in pairs)
    last = max(max(p[0], p[1]) for p in pairs)
    index, count, day = {}, 0, first
    while day <= last:
        index[day] = count
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    out: Counter = Counter()
    for received, answered, n in pairs:
        out[index[answered] - index[received] if answered >= received else 0] += n
    return out


def median_mean(histogram: Counter) -> tuple[float | None, float | None]:
    """Median and mean (one decimal) of values given as ``{value: count}``; (None, None) when empty."""
    total = sum(histogram.values())
    if not total:
        return None, None
    ordered = sorted(histogram.items())

    def nth(rank):   # the rank-th value (0-based) in sorted order
        seen = 0
        for value, n in ordered:
            seen += n
            if rank < seen:
                return value
    middle = (nth((total - 1) // 2) + nth(total // 2)) / 2
    mean = sum(v * n for v, n in ordered) / total
    return round(middle, 1), round(mean, 1)

