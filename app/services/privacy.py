"""Retention (Law 09-08, art. 3): personal data of cases closed long ago are anonymised.

A case closed more than ``PERSONAL_DATA_RETENTION_MONTHS`` months ago keeps what
the statistics and the record need — reference, kind, channel, language, dates,
state, clocks, outcome, grounds, the head's decision, rating, the category of a
complaint, and the body's own answer — and loses what identifies or was written by
the applicant:

- the party's name, CNIE number, address, e-mail and phone;
- the applicant's texts (the information requested, the urgency reason, a
  complaint's subject and description, the reasons given on the status page);
- the letters (they print name and address; the timeline keeps each one's kind,
  date and SHA-256), the attachments (files and rows) and the e-mails sent;
- the before/after values of corrections and the recipients of e-mails on the timeline.

``report`` is the dry run; ``anonymise_due`` does it, one case per transaction,
and is run by the scheduler (``app.scheduler``) and ``flask privacy anonymise``.
"""
from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from flask import current_app
from sqlalchemy import delete, func, select

from app.extensions import db
from app.models.attachment import Attachment
from app.models.case import Case
from app.models.letter import Letter
from app.models.notification import Notification
from app.models.party import Party
from app.services.attachments import attachment_path
from app.services.cases import Conflict, unit_of_work
from app.services.timeline import record_event
from workflows.calendar import MOROCCO, local_date

APPLICANT_PREFIX = "by the applicant"   # how cases.fire marks the applicant's own reasons
BATCH = 200


@dataclass
class RetentionReport:
    """What is (or was) anonymised: cases closed before ``cutoff`` (a Casablanca date)."""

    cutoff: date
    months: int
    references: list[str] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    letters: int = 0
    attachments: int = 0
    emails: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.references)


def cutoff(now: datetime, months: int) -> date:
    """The Casablanca date ``months`` calendar months before ``now``'s (day clamped to the month's end)."""
    today = local_date(now)
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last))


def report(now: datetime, months: int | None = None) -> RetentionReport:
    """The dry run: the cases ``anonymise_due`` would anonymise at ``now``, with what each holds."""
    months = _months(months)
    result = RetentionReport(cutoff(now, months), months)
    for batch in _due_batches(result.cutoff, after=0):
        _count(batch, result)
    return result


def anonymise_due(now: datetime, months: int | None = None) -> RetentionReport:
    """Anonymise every case closed before the cut-off; one commit per case; returns what was done.

    A case changed at the same moment by someone else is skipped (listed in
    ``skipped``) and taken up by the next run.
    """
    months = _months(months)
    result = RetentionReport(cutoff(now, months), months)
    for batch in _due_batches(result.cutoff, after=0):
        _count(batch, result)
        for case in batch:
            try:
                anonymise_case(case, now)
            except Conflict:
                result.skipped.append(case.reference)
    return result


def anonymise_case(case: Case, now: datetime) -> None:
    """Erase the personal data of one case (see the module's list) and commit, with a timeline event.

    Raises:
        app.services.cases.Conflict: the case changed at the same moment; nothing was erased.
    """
    files = [attachment_path(a) for a in case.attachments]
    letters = [{"kind": l.kind, "issued_at": l.issued_at.isoformat() + "Z", "sha256": l.sha256}
               for l in case.letters]
    with unit_of_work(case):
        emails = _erase_outbox(case)
        _erase_party(case.party, now)
        _erase_texts(case)
        _scrub_timeline(case)
        case.attachments.clear()
        case.letters.clear()
        record_event(case, "personal_data", None, at=now,
                     data={"action": "anonymised", "letters": letters, "attachments": len(files), "emails": emails})
    for path in files:
        path.unlink(missing_ok=True)


def _erase_outbox(case: Case) -> int:
    # Rows point at the letters by id without a relationship: delete them first.
    result = db.session.execute(delete(Notification).where(Notification.case_id == case.id))
    return result.rowcount or 0


def _erase_party(party: Party, now: datetime) -> None:
    party.first_name = party.last_name = party.id_number = party.address = ""
    party.email = party.phone = party.organisation_name = party.registration_number = None
    party.email_confirmed_at = party.email_confirmed_by = None
    party.anonymised_at = now


def _erase_texts(case: Case) -> None:
    if case.information_requested is not None:
        case.information_requested = ""
    if case.subject is not None:
        case.subject = ""
    if case.description is not None:
        case.description = ""
    case.urgency_reason = None


def _scrub_timeline(case: Case) -> None:
    for event in case.events:
        if event.reason and event.actor_id is None and event.reason.startswith(APPLICANT_PREFIX):
            event.reason = APPLICANT_PREFIX     # recorded before reason codes (app.event_labels.LEGACY)
        if event.reason and (event.data or {}).get("reason_code") == "by_applicant":
            event.reason = None                 # the applicant's words; the code says who acted
        data = dict(event.data or {})
        if "recipient" in data:
            data.pop("recipient")
        if "changes" in data:
            data["changes"] = {name: {} for name in data["changes"]}
        if data != (event.data or {}):
            event.data = data


def _due_batches(before: date, after: int):
    """Batches of due cases by id (closed before the local date ``before``, not yet anonymised)."""
    limit = datetime(before.year, before.month, before.day, tzinfo=MOROCCO).astimezone(timezone.utc)
    limit = limit.replace(tzinfo=None)   # stored instants are naive UTC
    while True:
        batch = db.session.execute(
            select(Case).join(Party, Party.id == Case.party_id)
            .where(Case.closed_at.is_not(None), Case.closed_at < limit, Party.anonymised_at.is_(None),
                   Case.id > after).order_by(Case.id).limit(BATCH)).scalars().all()
        if not batch:
            return
        yield batch
        after = batch[-1].id


def _count(batch: list[Case], result: RetentionReport) -> None:
    """Add ``batch`` to ``result``: references, kinds, and its letters, attachments and e-mails (3 queries)."""
    ids = [c.id for c in batch]
    for model, name in ((Letter, "letters"), (Attachment, "attachments"), (Notification, "emails")):
        number = db.session.execute(select(func.count()).select_from(model).where(model.case_id.in_(ids))).scalar()
        setattr(result, name, getattr(result, name) + (number or 0))
    for case in batch:
        result.references.append(case.reference)
        result.by_kind[case.kind] = result.by_kind.get(case.kind, 0) + 1


def _months(months: int | None) -> int:
    return current_app.config["PERSONAL_DATA_RETENTION_MONTHS"] if months is None else months
