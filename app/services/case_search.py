"""Finding cases for staff lists, queues, exports and the API: free text, filters, order, pages.

Free text is folded (``app.text_folding.fold``) and looked up in the engine's own
full-text index over the folded case documents (``app.models.search``: FTS5 on
SQLite, ``pg_trgm`` on PostgreSQL): every term of 3 characters or more must occur
in the reference, applicant name, CNIE number, subject or text.

Orders are read in index order, so a page costs the same at 20 or 100,000 cases:

* ``priority`` (the default, "most urgent first"): urgent requests with a deadline
  (art. 17), then the others with a deadline, soonest last day first, then the cases
  without a running body deadline; ties by id (``ix_cases_priority``, and
  ``ix_cases_kind_priority`` for one kind of case: an officer's unit);
* ``newest`` / ``oldest``: by the moment of receipt (``ix_cases_received``, ``ix_cases_kind_received``).

Pages are offset pages (``page``, at most ``MAX_OFFSET`` rows deep) or keyset pages
(``cursor``, the opaque ``next_cursor`` of the previous page, any depth). Totals are
bounded: counted up to ``COUNT_LIMIT``, never over the whole table.
A case's deadline is the last day of its running clock the body must meet (answer,
extension, head's decision, complaint answer); dates are Africa/Casablanca local
dates and "days left" are working days (LAW.md §4).
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import and_, func, literal_column, select, table, text, tuple_
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models.case import Case
from app.models.case_index import NO_DEADLINE
from app.models.search import FTS_TABLE, CaseSearchDocument
from app.models.tag import case_tags
from app.services.assignment import DONE_STATES, QueueRow, visible_kinds
from app.services.case_stages import stage_conditions
from app.text_folding import fold
from workflows.calendar import MOROCCO, WorkingCalendar
from workflows.deadlines import days_left, is_overdue, working_days_left
from workflows.kinds import KINDS, body_counting

UNASSIGNED = object()   # ``assignee_id`` filter value: cases nobody holds
MAX_PER_PAGE = 100
MAX_OFFSET = 10_000     # deeper than this, page with ``cursor``
COUNT_LIMIT = 1000      # totals above this are shown as "more than 1,000"
MIN_TERM, MAX_TERMS = 3, 8
SORTS = ("priority", "newest", "oldest")


class SearchInvalid(ValueError):
    """A query the search cannot run: ``errors`` maps parameters to messages (HTTP 422)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class CaseFilter:
    """What to look for; ``None`` means "any".

    Args:
        q: free text (reference, applicant name, CNIE number, subject, text).
        state, kind, outcome, channel: stored values (``assigned``, ``complaint`` …).
        urgent: True for requests handled as urgent (asked for, not ruled not urgent, art. 17).
        assignee_id: a user id, or ``UNASSIGNED``.
        overdue: True for cases past their body deadline (from the day after the last
            day, LAW.md §4.3), False for the others.
        received_from, received_to: local Casablanca dates of receipt, both included.
        tag_id: cases carrying this tag.
        open: True for cases not done (closed or redirected), False for done ones.
        due_to: body deadline on or before this local date.
        stage: where the request stands in the chain of remedies (``case_stages.STAGES``).
        sort: one of ``SORTS``.
    """

    q: str | None = None
    state: str | None = None
    kind: str | None = None
    outcome: str | None = None
    channel: str | None = None
    urgent: bool | None = None
    assignee_id: object = None
    overdue: bool | None = None
    received_from: date | None = None
    received_to: date | None = None
    tag_id: int | None = None
    open: bool | None = None
    due_to: date | None = None
    stage: str | None = None
    sort: str = "priority"


@dataclass(frozen=True)
class CasePage:
    """One page: ``rows`` in the filter's order; ``total`` counted up to ``COUNT_LIMIT``.

    ``total_exact`` is False when there are more than ``COUNT_LIMIT`` cases (``total``
    is then ``COUNT_LIMIT``); ``next_cursor`` continues after the last row (None on the last page).
    """

    rows: list[QueueRow]
    total: int
    total_exact: bool
    page: int
    per_page: int
    next_cursor: str | None


def search_terms(q: str | None) -> list[str]:
    """The folded terms of ``q`` the index can look up (3 characters or more, at most 8).

    Raises:
        SearchInvalid: ``q`` has text but no term of 3 characters or more.
    """
    terms = [t for t in fold(q).split() if len(t) >= MIN_TERM][:MAX_TERMS]
    if fold(q) and not terms:
        raise SearchInvalid({"q": "type at least 3 letters or digits of a word"})
    return terms


def search_cases(user, wanted: CaseFilter, today: date, calendar: WorkingCalendar,
                 page: int = 1, per_page: int = 20, cursor: str | None = None) -> CasePage:
    """The cases ``user`` may see that match ``wanted``: one page, with a bounded total.

    Officers see their unit's kind of case only (``assignment.visible_kinds``).
    ``today`` is the Casablanca local date; ``page`` counts from 1; ``per_page`` is
    capped at ``MAX_PER_PAGE``; ``cursor`` (a previous page's ``next_cursor``) wins over ``page``.

    Raises:
        SearchInvalid: a query too short, a page deeper than ``MAX_OFFSET``, or a bad cursor.
    """
    page, per_page = max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)
    if cursor is None and (page - 1) * per_page > MAX_OFFSET:
        raise SearchInvalid({"page": f"at most {MAX_OFFSET} rows deep: narrow the search or use the cursor"})
    where = conditions(user, wanted, today)
    total = count_cases(where)
    if total > COUNT_LIMIT and wanted.q:
        where = conditions(user, wanted, today, materialize=False)   # many matches: walk the list order
    # The page's ids first (an index walk, no join per skipped row), then those cases.
    stmt = select(Case.id).where(*where)
    if cursor is not None:
        stmt = stmt.where(after(wanted.sort, decode_cursor(cursor, wanted.sort)))
    else:
        stmt = stmt.offset((page - 1) * per_page)
    ids = list(db.session.scalars(stmt.order_by(*order_by(wanted.sort)).limit(per_page + 1)))
    more, ids = len(ids) > per_page, ids[:per_page]
    loaded = {c.id: c for c in db.session.scalars(
        select(Case).where(Case.id.in_(ids)).options(selectinload(Case.tags))).unique()} if ids else {}
    cases = [loaded[i] for i in ids]
    return CasePage([queue_row(c, today, calendar) for c in cases], min(total, COUNT_LIMIT),
                    total <= COUNT_LIMIT, page, per_page, encode_cursor(wanted.sort, cases[-1]) if more else None)


def list_rows(user, wanted: CaseFilter, today: date, calendar: WorkingCalendar,
              limit: int | None = None) -> list[QueueRow]:
    """The first ``limit`` matching rows (all when None) in one query, without a count."""
    stmt = select(Case).where(*conditions(user, wanted, today)).order_by(*order_by(wanted.sort))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [queue_row(c, today, calendar) for c in db.session.scalars(stmt).unique()]


def count_cases(where) -> int:
    """How many cases match ``where``, counted up to ``COUNT_LIMIT + 1`` (never the whole table)."""
    bounded = select(Case.id).where(*where).limit(COUNT_LIMIT + 1).subquery()
    return db.session.execute(select(func.count()).select_from(bounded)).scalar_one()


def queue_row(case: Case, today: date, calendar: WorkingCalendar) -> QueueRow:
    """``case`` as a list row, with working days left to its body deadline (LAW.md §4)."""
    last, counting = case.body_deadline, body_counting(case.kind)
    return QueueRow(case, last, working_days_left(today, last, calendar) if last else None,
                    bool(last) and is_overdue(last, today),
                    days_left(today, last, counting, calendar) if last else None, counting)


def conditions(user, wanted: CaseFilter, today: date, materialize: bool = True) -> list:
    """The WHERE clauses of ``wanted`` for ``user`` (kinds their role and unit cover).

    ``materialize``: on PostgreSQL, read the text matches from the trigram index first
    (best when they are few); False lets the planner walk the list order instead (best
    when they are many).
    """
    kinds = [k for k in visible_kinds(user) if wanted.kind in (None, k)]
    # No condition when every kind is wanted, so that the order's own index is read.
    out = [] if set(kinds) == set(KINDS) else [Case.kind == kinds[0]] if len(kinds) == 1 else [Case.kind.in_(kinds)]
    for column, value in ((Case.state, wanted.state), (Case.outcome, wanted.outcome),
                          (Case.channel, wanted.channel)):
        if value:
            out.append(column == value)
    if wanted.assignee_id is UNASSIGNED:
        out.append(Case.assignee_id.is_(None))
    elif wanted.assignee_id is not None:
        out.append(Case.assignee_id == wanted.assignee_id)
    out += _flag_conditions(wanted, today) + stage_conditions(wanted.stage)
    if wanted.received_from:
        out.append(Case.received_at >= _utc_midnight(wanted.received_from))
    if wanted.received_to:
        out.append(Case.received_at < _utc_midnight(wanted.received_to + timedelta(days=1)))
    if wanted.due_to:
        out.append(Case.body_deadline <= wanted.due_to)
    if wanted.tag_id is not None:
        out.append(Case.id.in_(select(case_tags.c.case_id).where(case_tags.c.tag_id == wanted.tag_id)))
    terms = search_terms(wanted.q)
    if terms:
        out.append(Case.id.in_(_matching_ids(terms, materialize)))
    return out


def _flag_conditions(wanted: CaseFilter, today: date) -> list:
    out = []
    urgent_now = and_(Case.urgent.is_(True), Case.urgency_ruled_out_at.is_(None))
    if wanted.urgent is not None:
        out.append(urgent_now if wanted.urgent else ~urgent_now)
    if wanted.overdue is True:
        out.append(Case.body_deadline < today)
    elif wanted.overdue is False:
        out.append(Case.body_deadline.is_(None) | (Case.body_deadline >= today))
    if wanted.open is not None:
        out.append(Case.state.not_in(DONE_STATES) if wanted.open else Case.state.in_(DONE_STATES))
    return out


def _matching_ids(terms: list[str], materialize: bool = True):
    """Ids of the cases whose folded document contains every term, from the engine's index."""
    if db.session.get_bind().dialect.name == "sqlite":
        query = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return (select(literal_column("rowid")).select_from(table(FTS_TABLE))
                .where(text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=query)))
    patterns = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
    matching = select(CaseSearchDocument.case_id).where(
        *[CaseSearchDocument.document.like(p, escape="\\") for p in patterns])
    if not materialize:
        return matching
    # MATERIALIZED: the matches come from the trigram index first, then are ordered. Otherwise
    # the planner may walk the whole list order probing each case (estimated selectivity of
    # LIKE), which is slow when few matches sit at the end (a name whose cases are all closed).
    matches = matching.cte("matches").prefix_with("MATERIALIZED", dialect="postgresql")
    return select(matches.c.case_id)


def _utc_midnight(day: date) -> datetime:
    """The naive-UTC instant at which the local Casablanca day ``day`` begins (UTC+1, UTC+0 in Ramadan)."""
    return datetime(day.year, day.month, day.day, tzinfo=MOROCCO).astimezone(timezone.utc).replace(tzinfo=None)


def order_by(sort: str) -> tuple:
    """The ORDER BY of ``sort``: index order, ties broken by id (stable)."""
    if sort == "newest":
        return Case.received_at.desc(), Case.id.desc()
    if sort == "oldest":
        return Case.received_at, Case.id
    return Case.priority, Case.body_deadline, Case.id


def sort_key(sort: str, case) -> tuple:
    """The values of ``case`` (a Case or a row with the same attributes) that ``sort`` orders by."""
    if sort in ("newest", "oldest"):
        return case.received_at, case.id
    return case.priority, case.body_deadline, case.id


def after(sort: str, key: tuple):
    """Rows strictly after ``key`` in ``sort``'s order (a keyset page)."""
    if sort == "newest":
        return tuple_(Case.received_at, Case.id) < tuple_(*key)
    if sort == "oldest":
        return tuple_(Case.received_at, Case.id) > tuple_(*key)
    priority, deadline, case_id = key
    if priority == NO_DEADLINE:    # no deadline to compare: the last group, by id
        return and_(Case.priority == NO_DEADLINE, Case.id > case_id)
    return tuple_(Case.priority, Case.body_deadline, Case.id) > tuple_(priority, deadline, case_id)


def encode_cursor(sort: str, case: Case) -> str:
    """An opaque token for the page after ``case`` in ``sort``'s order."""
    values = [v.isoformat() if isinstance(v, (date, datetime)) else v for v in sort_key(sort, case)]
    raw = json.dumps([sort, *values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, sort: str) -> tuple:
    """The key of ``encode_cursor``'s token. Raises SearchInvalid when it is not one for ``sort``."""
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        kind, *key = values
        if kind != sort:
            raise ValueError(kind)
        if sort in ("newest", "oldest"):
            return datetime.fromisoformat(key[0]), int(key[1])
        return int(key[0]), date.fromisoformat(key[1]) if key[1] else None, int(key[2])
    except (ValueError, TypeError, IndexError, binascii.Error, UnicodeDecodeError):
        raise SearchInvalid({"cursor": "not a cursor of this list: start again from the first page"}) from None
