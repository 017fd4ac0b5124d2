"""Who looked: every staff view or download of a case's personal data, for the administrator.

A view records one row per case shown with ONE insert statement and no query of
its own (the case ids are those the view already loaded). Call it once the page
or file is ready, after the role and unit checks: a refused request records nothing.

``what`` says what was seen: ``case`` (the case page, or the API's case), ``list``
(a list naming applicants, e.g. the dashboard), ``letter`` and ``attachment``
(a download; ``item_id`` names it), ``export_json`` / ``export_pdf`` (everything
held about an applicant), ``rectification`` (the correction form).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select

from app.extensions import db
from app.models.access_log import AccessLogEntry
from app.models.case import Case
from app.models.columns import utcnow
from app.models.user import User

WHAT = ("case", "list", "letter", "attachment", "export_json", "export_pdf", "rectification")
PER_PAGE = 50


def record(user, case_id: int, what: str, item_id: int | None = None, channel: str = "web",
           at: datetime | None = None) -> None:
    """Log that ``user`` saw ``what`` of case ``case_id``: one INSERT, committed."""
    record_many(user, [case_id], what, item_id=item_id, channel=channel, at=at)


def record_many(user, case_ids, what: str, item_id: int | None = None, channel: str = "web",
                at: datetime | None = None) -> None:
    """Log one row per case of ``case_ids`` (a list page) in a single INSERT statement, committed.

    Raises ValueError for an unknown ``what``.
    """
    if what not in WHAT:
        raise ValueError(f"unknown access kind {what!r}")
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        return
    at = at or utcnow()
    rows = [{"at": at, "user_id": user.id, "case_id": case_id, "what": what, "item_id": item_id,
             "channel": channel} for case_id in ids]
    db.session.execute(insert(AccessLogEntry).values(rows))
    db.session.commit()


@dataclass(frozen=True)
class LogPage:
    """A page of the access log, newest first; ``rows`` are (entry, user, reference) — the user's name is
    shown in the page's script (``labels.staff_name``)."""

    rows: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def entries(page: int = 1, reference: str | None = None, username: str | None = None,
            per_page: int = PER_PAGE) -> LogPage:
    """One page of the log, optionally for one case or one staff member (two queries in all)."""
    query = (select(AccessLogEntry, User, Case.reference)
             .join(User, User.id == AccessLogEntry.user_id).join(Case, Case.id == AccessLogEntry.case_id))
    count = (select(func.count(AccessLogEntry.id)).join(User, User.id == AccessLogEntry.user_id)
             .join(Case, Case.id == AccessLogEntry.case_id))
    if reference:
        query, count = query.where(Case.reference == reference), count.where(Case.reference == reference)
    if username:
        query, count = query.where(User.username == username), count.where(User.username == username)
    total = db.session.execute(count).scalar_one()
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = db.session.execute(query.order_by(AccessLogEntry.id.desc()).limit(per_page)
                              .offset((page - 1) * per_page)).all()
    return LogPage([tuple(r) for r in rows], total, page, per_page)
