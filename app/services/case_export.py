"""Export of a filtered case list: CSV (UTF-8 with BOM) and XLSX, the same columns in both.

Rows are read in the list's order in keyset batches of plain columns (no ORM
objects kept) and written to a temporary file (spilled to disk past 8 MB), so an
export of 100,000 cases runs in bounded memory; at most ``MAX_ROWS`` rows are
written. Every text cell that a spreadsheet would take for a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
leading apostrophe, in both formats (OWASP "CSV injection"). Instants are shown in
Africa/Casablanca local time; dates are local dates.
"""
from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone

from openpyxl import Workbook
from sqlalchemy import func, select

from app.extensions import db
from app.models.case import Case
from app.models.party import Party
from app.models.tag import Tag, case_tags
from app.models.user import User
from app.services.case_search import CaseFilter, after, conditions, order_by, sort_key
from workflows.calendar import MOROCCO
from workflows.deadlines import is_overdue

MAX_ROWS = 100_000
BATCH = 1000
SUBJECT_CHARS = 300
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Column keys, in order; the caller gives each its header in the reader's language.
COLUMNS = ("reference", "kind", "state", "outcome", "channel", "urgency", "received", "assignee", "due",
           "overdue", "applicant", "subject", "tags")


@dataclass(frozen=True)
class Labels:
    """How the caller names things: ``header(column)``, ``value(table, code)``, ``yes``, ``no``,
    ``urgent`` and ``ruled_out`` (the urgency column's two words)."""

    header: Callable[[str], str]
    value: Callable[[str, str], str]
    yes: str
    no: str
    urgent: str
    ruled_out: str
    lang: str = "ar"   # the reader's language: staff names in its script


def neutralise(value):
    """``value`` made inert for a spreadsheet: text that starts like a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_rows(user, wanted: CaseFilter, today: date, labels: Labels) -> Iterator[list]:
    """The header, then one row per matching case (at most ``MAX_ROWS``), cells already neutralised.

    Cells are ``str``, a ``datetime`` (local Casablanca time, naive) or a ``date``.
    """
    yield [labels.header(c) for c in COLUMNS]
    for row in _records(user, wanted, today):
        yield [neutralise(v) for v in _cells(row, today, labels)]


def write_csv(rows: Iterator[list]):
    """The rows as CSV, UTF-8 with a byte-order mark (so that Excel reads Arabic).

    Returns a binary file object positioned at its start (a temporary file, spilled to
    disk past 8 MB, removed when closed).
    """
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat(sep=" ") if isinstance(v, datetime) else
                         v.isoformat() if isinstance(v, date) else v for v in row])
    text.flush()
    text.detach()
    out.seek(0)
    return out


def write_xlsx(rows: Iterator[list], title: str, right_to_left: bool):
    """The rows as an XLSX workbook (openpyxl, write-only: rows go to disk as they come).

    Returns a file object positioned at its start (a temporary file, removed when closed).
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.sheet_view.rightToLeft = right_to_left
    for row in rows:
        sheet.append(row)
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    book.save(out)
    out.seek(0)
    return out


def _records(user, wanted: CaseFilter, today: date) -> Iterator:
    """Plain rows in the list's order, ``BATCH`` at a time by keyset (no identity map growth)."""
    where, done, last = conditions(user, wanted, today), 0, None
    columns = (Case.id, Case.reference, Case.kind, Case.state, Case.outcome, Case.channel, Case.urgent,
               Case.urgency_ruled_out_at, Case.received_at, Case.body_deadline, Case.priority,
               Case.subject, func.substr(Case.information_requested, 1, SUBJECT_CHARS).label("request"),
               Party.first_name, Party.last_name, User.full_name.label("assignee_name"),
               User.full_name_ar.label("assignee_name_ar"),
               User.username.label("assignee_username"))
    while done < MAX_ROWS:
        stmt = (select(*columns).join(Party, Party.id == Case.party_id)
                .join(User, User.id == Case.assignee_id, isouter=True).where(*where))
        if last is not None:
            stmt = stmt.where(after(wanted.sort, sort_key(wanted.sort, last)))
        size = min(BATCH, MAX_ROWS - done)
        batch = db.session.execute(stmt.order_by(*order_by(wanted.sort)).limit(size)).all()
        tags = _tags([r.id for r in batch])
        for row in batch:
            yield row, tags.get(row.id, [])
        done += len(batch)
        if len(batch) < size:
            return
        last = batch[-1]


def _tags(case_ids: list[int]) -> dict[int, list[str]]:
    if not case_ids:
        return {}
    stmt = (select(case_tags.c.case_id, Tag.name).join(Tag, Tag.id == case_tags.c.tag_id)
            .where(case_tags.c.case_id.in_(case_ids)).order_by(Tag.name))
    out: dict[int, list[str]] = {}
    for case_id, name in db.session.execute(stmt):
        out.setdefault(case_id, []).append(name)
    return out


def _cells(record, today: date, labels: Labels) -> list:
    row, tags = record
    urgency = (labels.ruled_out if row.urgency_ruled_out_at else labels.urgent) if row.urgent else ""
    overdue = bool(row.body_deadline) and is_overdue(row.body_deadline, today)
    subject = row.subject or (row.request or "")
    return [row.reference, labels.value("kind", row.kind), labels.value("state", row.state),
            labels.value("outcome", row.outcome) if row.outcome else "", labels.value("channel", row.channel),
            urgency, _local(row.received_at), _assignee(row, labels.lang),
            row.body_deadline, labels.yes if overdue else labels.no,
            f"{row.first_name} {row.last_name}", subject[:SUBJECT_CHARS], ", ".join(tags)]


def _assignee(row, lang: str) -> str:
    """The assignee's name in the reader's script (as ``User.name_in``), else the other script, else the username."""
    names = (row.assignee_name_ar, row.assignee_name)
    first, second = names if lang == "ar" else names[::-1]
    return first or second or row.assignee_username or ""


def _local(moment: datetime) -> datetime:
    """A stored naive-UTC instant as naive Casablanca local time (to the minute)."""
    return moment.replace(tzinfo=timezone.utc).astimezone(MOROCCO).replace(tzinfo=None, second=0, microsecond=0)
