"""Benchmark data in bulk SQL: a million cases in minutes, not Python row by row.

Every row is made by ``INSERT … SELECT`` over a number series (PostgreSQL
``generate_series``, SQLite a recursive CTE); only the staff and a 14-row table of
correct answer deadlines are written from Python. Case ``i`` is:

- ``1 … open``: open — three in four an assigned information request whose answer
  clock (day 0 in the last 14 days, its due date counted on the real calendar) covers
  ``change_day``; one in four a complaint on its 60 calendar days. Nothing is due;
- the next ``due`` cases: the "due" set — 40 % requests past their answer deadline
  (deemed refusals), 35 % requests and 15 % complaints within the reminder window,
  10 % overdue complaints. Their clocks are stored with status ``bench`` (invisible
  to the sweep) until ``activate_due`` makes them ``running``; ``reset_due`` undoes
  what a sweep did to them;
- the rest: closed cases with stopped clocks in the past.

Each case has its party, one or two clocks, three timeline events and its stored
acknowledgment (a 200-byte stand-in PDF). All access codes are ``BENCH_CODE``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import text

BENCH_CODE = "BENCHCODE2"
SPAN_DAYS = 14


@dataclass
class Layout:
    """Where each kind of case lives in the id range, and the dates the figures use."""

    n: int
    open: int
    due: int
    today: date
    horizon: date
    change_day: date

    @property
    def due_ids(self) -> tuple[int, int]:
        return self.open + 1, self.open + self.due

    def request_reference(self, i: int) -> str:
        """The reference of case ``i`` when it is an information request."""
        return f"DAI-{self.today.year}-{i:06d}"


def layout(n: int, due: int, today: date, calendar, lead: int = 3) -> Layout:
    """The id ranges for ``n`` cases (``min(100,000, n/2)`` open) and the day a holiday change hits."""
    horizon = calendar.add_working_days(today, lead + 1) - timedelta(days=1)
    change = today + timedelta(days=7)
    while not calendar.is_working_day(change):
        change += timedelta(days=1)
    return Layout(n, min(100_000, n // 2), due, today, horizon, change)


class Dialect:
    """The few SQL pieces that differ between SQLite and PostgreSQL."""

    def __init__(self, name: str):
        self.pg = name == "postgresql"

    def insert(self, table: str, columns: str, select: str, lo: int, hi: int) -> str:
        """``INSERT INTO table (columns) SELECT … FROM seq`` over i = lo … hi."""
        if self.pg:
            return f"INSERT INTO {table} ({columns}) SELECT {select} FROM generate_series({lo}, {hi}) AS seq(i)"
        return (f"WITH RECURSIVE seq(i) AS (SELECT {lo} UNION ALL SELECT i + 1 FROM seq WHERE i < {hi}) "
                f"INSERT INTO {table} ({columns}) SELECT {select} FROM seq")

    def day(self, offset: str) -> str:
        """The date ``offset`` (an SQL integer expression) days after :today."""
        return f"(CAST(:today AS date) + ({offset}))" if self.pg else f"date(:today, ({offset}) || ' days')"

    def moment(self, offset: str) -> str:
        """9:00 on the day ``offset`` days after :today, as a timestamp."""
        if self.pg:
            return f"(CAST(:today AS timestamp) + ({offset}) * interval '1 day' + interval '9 hours')"
        return f"datetime(:today, ({offset}) || ' days', '+9 hours')"

    def padded(self, expr: str) -> str:
        return f"lpad(CAST({expr} AS text), 6, '0')" if self.pg else f"printf('%06d', {expr})"

    def blob(self) -> str:
        return "decode(repeat('25', 200), 'hex')" if self.pg else "zeroblob(200)"

    def json(self, literal: str) -> str:
        return f"CAST('{literal}' AS json)" if self.pg else f"'{literal}'"

    def boolean(self, value: bool) -> str:
        return ("true" if value else "false") if self.pg else ("1" if value else "0")


def generate(conn, lay: Layout, calendar, code_hash: str, officers: dict[str, list[int]]) -> float:
    """Fill the (empty, migrated) schema on ``conn``; returns the seconds spent."""
    started = time.perf_counter()
    d = Dialect(conn.dialect.name)
    _spans(conn, lay, calendar)
    params = {"today": lay.today.isoformat(), "hash": code_hash}
    for statement in _statements(d, lay, officers):
        conn.execute(text(statement), params)
    # New registrations continue the generated numbering (case i is <PREFIX>-<year>-i).
    # (A year holds 999,999 numbers: case 1,000,000 is numbered in the year before.)
    conn.execute(text("INSERT INTO reference_counters (prefix, year, last_value) VALUES "
                      "('DAI', :year, :n), ('REC', :year, :n)"), {"year": lay.today.year, "n": min(lay.n, 999_999)})
    conn.commit()
    if d.pg:
        for table in ("parties", "cases", "clocks", "case_events", "letters"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                              f"(SELECT max(id) FROM {table}))"))
        conn.commit()
    return time.perf_counter() - started


def _spans(conn, lay: Layout, calendar) -> None:
    """The correct answer deadline of each day 0 in the last ``SPAN_DAYS`` days (20 working days)."""
    conn.execute(text("DROP TABLE IF EXISTS bench_spans"))
    conn.execute(text("CREATE TABLE bench_spans (k INTEGER PRIMARY KEY, started_on DATE, due_on DATE)"))
    rows = []
    for k in range(SPAN_DAYS):
        start = lay.today - timedelta(days=k)
        rows.append({"k": k, "s": start, "d": calendar.add_working_days(start, 20)})
    conn.execute(text("INSERT INTO bench_spans VALUES (:k, :s, :d)"), rows)


def _kind(d: Dialect, lay: Layout) -> str:
    """An SQL CASE naming the profile of case ``i``."""
    lo, hi = lay.due_ids
    cut = [lo + int(lay.due * f) for f in (0.40, 0.75, 0.90)]
    return (f"CASE WHEN i <= {lay.open} THEN (CASE WHEN i % 4 = 0 THEN 'c_open' ELSE 'ir_open' END) "
            f"WHEN i < {cut[0]} THEN 'deemed' WHEN i < {cut[1]} THEN 'ir_reminder' "
            f"WHEN i < {cut[2]} THEN 'c_reminder' WHEN i <= {hi} THEN 'c_overdue' "
            f"WHEN i % 4 = 0 THEN 'c_closed' ELSE 'ir_closed' END")


def _statements(d: Dialect, lay: Layout, officers: dict[str, list[int]]) -> list[str]:
    n, kind = lay.n, _kind(d, lay)
    info, comp = officers["information"], officers["complaints"]
    is_request = f"({kind}) IN ('ir_open', 'deemed', 'ir_reminder', 'ir_closed')"
    received = _received(lay, "i")
    officer = (f"CASE WHEN {is_request} THEN {_pick(info)} ELSE {_pick(comp)} END")
    closed = f"({kind}) IN ('ir_closed', 'c_closed')"
    return [
        d.insert("parties", "id, first_name, last_name, id_number, address, email, phone",
                 "i, 'Prénom' || i, 'Nom' || i, 'SH' || " + d.padded("i % 1000000") +
                 ", i || ' avenue de la Mecque, Laâyoune', CASE WHEN i % 3 = 0 THEN NULL "
                 "ELSE 'applicant' || i || '@example.org' END, '+212661000000'", 1, n),
        d.insert("cases", "id, reference, kind, state, channel, language, received_at, registered_at, "
                          "received_on, access_code_hash, party_id, assignee_id, unit, urgent, extended, "
                          "grounds, reopen_count, version, priority, information_requested, complaint_kind, category, "
                          "subject, description, closed_at",
                 f"i, CASE WHEN {is_request} THEN 'DAI' ELSE 'REC' END || '-' || "
                 f"({lay.today.year} - i / 1000000) || '-' || {d.padded('i % 1000000')}, "
                 f"CASE WHEN {is_request} THEN 'information_request' ELSE 'complaint' END, "
                 f"CASE WHEN {closed} THEN 'closed' ELSE 'assigned' END, 'portal', "
                 f"CASE WHEN i % 2 = 0 THEN 'fr' ELSE 'ar' END, {d.moment(received)}, {d.moment(received)}, "
                 f"{d.day(received)}, :hash, i, {officer}, "
                 f"CASE WHEN {is_request} THEN 'information' ELSE 'complaints' END, "
                 f"{d.boolean(False)}, {d.boolean(False)}, {d.json('[]')}, 0, 1, 2, "
                 f"CASE WHEN {is_request} THEN 'Procès-verbal de la session d''octobre' END, "
                 f"CASE WHEN {is_request} THEN NULL ELSE 'complaint' END, "
                 f"CASE WHEN {is_request} THEN NULL ELSE 'roads' END, "
                 f"CASE WHEN {is_request} THEN NULL ELSE 'Route dégradée' END, "
                 f"CASE WHEN {is_request} THEN NULL ELSE 'Nids-de-poule au PK 37' END, "
                 f"CASE WHEN {closed} THEN {d.moment('-30')} END", 1, n),
        *_clocks(d, lay, kind),
        # What app.models.case_index derives on each flush: an open case's body deadline.
        "UPDATE cases SET priority = 1, body_deadline = (SELECT last_day FROM clocks WHERE clocks.id = cases.id) "
        "WHERE state <> 'closed'",
        d.insert("case_events", "id, case_id, at, actor_label, kind, trigger, to_state, reason, data",
                 f"i, (i + 2) / 3, {d.moment(_received(lay, '((i + 2) / 3)'))}, 'system', "
                 "CASE i % 3 WHEN 1 THEN 'transition' WHEN 2 THEN 'clock' ELSE 'letter' END, "
                 "CASE i % 3 WHEN 1 THEN 'receive' END, CASE i % 3 WHEN 1 THEN 'received' END, "
                 "CASE i % 3 WHEN 1 THEN 'received via portal' WHEN 2 THEN 'answer started' "
                 f"ELSE 'letter issued: acknowledgment' END, {d.json('{}')}", 1, 3 * n),
        d.insert("letters", "id, case_id, kind, language, issued_at, sha256, pdf",
                 f"i, i, 'acknowledgment', CASE WHEN i % 2 = 0 THEN 'fr' ELSE 'ar' END, {d.moment(received)}, "
                 f"'{'0' * 64}', {d.blob()}", 1, n),
    ]


def _received(lay: Layout, case_id: str) -> str:
    """Days from today to the receipt of case ``case_id`` (an SQL expression): an open case's day 0."""
    return (f"(CASE WHEN {case_id} <= {lay.open} THEN -({case_id} % {SPAN_DAYS}) "
            f"WHEN {case_id} <= {lay.due_ids[1]} THEN -25 ELSE -(400 + {case_id} % 900) END)")


def _pick(ids: list[int]) -> str:
    return "CASE i % " + str(len(ids)) + "".join(f" WHEN {k} THEN {v}" for k, v in enumerate(ids)) + " END"


def _clocks(d: Dialect, lay: Layout, kind: str) -> list[str]:
    """Clock rows: id = i for the main clock, n + i for a complaint's met acknowledgment clock."""
    n, hi = lay.n, lay.due_ids[1]
    reminder_days = max((lay.horizon - lay.today).days, 0) + 1
    last = (f"CASE WHEN ({kind}) = 'deemed' THEN -(1 + i % 5) "
            f"WHEN ({kind}) IN ('ir_reminder', 'c_reminder') THEN i % {reminder_days} "
            f"WHEN ({kind}) = 'c_overdue' THEN -(1 + i % 20) ELSE -(30 + i % 400) END")
    def span(column):
        return f"(SELECT {column} FROM bench_spans WHERE k = i % {SPAN_DAYS})"

    open_request = f"i <= {lay.open} AND i % 4 <> 0"
    started = (f"CASE WHEN {open_request} THEN {span('started_on')} WHEN i <= {lay.open} "
               f"THEN {d.day(f'-(i % {SPAN_DAYS})')} ELSE {d.day(f'({last}) - 28')} END")
    due = (f"CASE WHEN {open_request} THEN {span('due_on')} WHEN i <= {lay.open} "
           f"THEN {d.day(f'60 - (i % {SPAN_DAYS})')} ELSE {d.day(last)} END")
    status = (f"CASE WHEN i <= {lay.open} THEN 'running' WHEN i <= {hi} THEN 'bench' ELSE 'met' END")
    period = (f"CASE WHEN ({kind}) IN ('ir_open', 'deemed', 'ir_reminder', 'ir_closed') THEN 'answer' "
              "ELSE 'complaint_answer' END")
    article = f"CASE WHEN ({period}) = 'answer' THEN '16' ELSE 'décret 2.17.265' END"
    main = d.insert("clocks", "id, case_id, period, article, started_on, due_on, last_day, status, created_at",
                    f"i, i, {period}, {article}, {started}, {due}, {due}, {status}, {d.moment('-1')}", 1, n)
    ack = d.insert("clocks", "id, case_id, period, article, started_on, due_on, last_day, status, created_at",
                   f"{n} + i, i, 'complaint_acknowledgment', 'décret 2.17.265', {d.day('-60')}, {d.day('-45')}, "
                   f"{d.day('-45')}, 'met', {d.moment('-60')}", 1, n)
    # Only complaints keep their acknowledgment clock.
    prune = (f"DELETE FROM clocks WHERE id > {n} AND case_id IN "
             f"(SELECT id FROM cases WHERE kind = 'information_request')")
    return [main, ack, prune]


def activate_due(conn, lay: Layout) -> None:
    """Make the due set's clocks running (the sweep then finds ``lay.due`` cases due)."""
    lo, hi = lay.due_ids
    conn.execute(text(f"UPDATE clocks SET status = 'running' WHERE case_id BETWEEN {lo} AND {hi} "
                      f"AND status = 'bench'"))
    conn.commit()


def marks(conn) -> dict[str, int]:
    """The highest ids of the tables a sweep appends to (to undo it)."""
    return {t: conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {t}")).scalar()
            for t in ("clocks", "case_events", "notifications")}


def reset_due(conn, lay: Layout, before: dict[str, int]) -> None:
    """Undo a sweep over the due set: rows it added, states and clocks it changed."""
    lo, hi = lay.due_ids
    for table in ("notifications", "case_events", "clocks"):
        conn.execute(text(f"DELETE FROM {table} WHERE id > {before[table]}"))
    conn.execute(text(f"UPDATE clocks SET status = 'bench', stopped_at = NULL WHERE case_id BETWEEN {lo} AND {hi} "
                      f"AND id <= {before['clocks']} AND period IN ('answer', 'complaint_answer')"))
    conn.execute(text(f"UPDATE cases SET state = 'assigned', version = 1 WHERE id BETWEEN {lo} AND {hi}"))
    conn.commit()
