"""Publishing an answer on the disclosure log, withholding it, and the scheduler's pass (art. 10).

``publish`` makes the public copy of each file to publish — PDF and images truly
redacted and stripped of metadata (``app.services.redaction``), office and CSV files
as they are once an officer marked them so — then checks each copy's extractable text
for the applicant's identity (``app.services.applicant_traces``): a trace refuses the
publication, whoever asked. The slow work (redaction) runs before the unit of work;
the rows, the new files and the timeline event then commit together (the files are
removed again if the commit fails). ``withhold`` takes an entry off the log, or keeps it
off, with a reason. ``publish_due`` is the scheduler's job: idempotent, one unit of
work per entry, a refused entry held for an officer instead of retried every pass.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models.case import Case
from app.models.disclosure import Disclosure, DisclosureFile
from app.services import disclosure_log
from app.services.applicant_traces import file_text, traces
from app.services.attachments import Upload, attachments_dir, stored_files
from app.services.calendar import today_local, utc_now
from app.services.cases import Conflict, PayloadInvalid, unit_of_work
from app.services.disclosures import check_manager, eligible, ensure_entry, planned_due, record, sync_files
from app.services.file_types import extension
from app.services.redaction import REDACTABLE, RedactionError, redact
from app.services.redaction_boxes import boxes_of, source_bytes
from app.services.redaction_log import log_html, log_rows
from workflows import disclosure as rules
from workflows.calendar import local_date
from workflows.disclosure import PublicationState
from workflows.kinds import CaseKind


class PublicationRefused(ValueError):
    """Some file cannot be published as it stands.

    ``problems`` maps file positions to ``{"message": English sentence with %(…)s, "values": {…},
    "traces": [kinds of the applicant's identifiers found]}`` (the pages translate the message).
    """

    def __init__(self, problems: dict[int, dict]):
        super().__init__("; ".join(f"file {k}: {p['message'] % p['values']}" for k, p in problems.items()))
        self.problems = problems

    def as_json(self) -> str:
        """The problems as stored in ``Disclosure.hold_reason``."""
        return json.dumps({str(k): v for k, v in self.problems.items()}, ensure_ascii=False)


TRACES_FOUND = "the applicant's identity is still in the file (%(what)s)"


@dataclass
class PublicationPass:
    """What one scheduler pass did: references created, published, held."""

    created: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)


def public_copy(item: DisclosureFile, party) -> bytes:
    """The bytes the public will download for ``item``.

    Raises:
        PublicationRefused: the copy still holds the applicant's identity.
        RedactionError: the source cannot be read or redacted.
        FileNotFoundError: the source file is missing.
    """
    data = source_bytes(item)
    if item.content_type in REDACTABLE:
        boxes = boxes_of(item) if item.treatment == "redact" else []
        data = redact(data, item.content_type, boxes, log_html(item) if boxes else None)
    found = traces(file_text(data, item.content_type), party)
    if found:
        raise PublicationRefused({item.position: {"message": TRACES_FOUND, "values": {"what": ", ".join(found)},
                                                  "traces": found}})
    return data


def _copies(entry: Disclosure) -> list[tuple[DisclosureFile, bytes]]:
    """The public copy of each file to publish; PublicationRefused listing every file that cannot go."""
    party = entry.case.party if entry.case is not None else None
    copies, problems = [], {}
    for item in entry.files:
        if item.treatment not in ("redact", "as_is"):
            continue
        try:
            copies.append((item, public_copy(item, party)))
        except PublicationRefused as exc:
            problems.update(exc.problems)
        except RedactionError as exc:
            problems[item.position] = {"message": exc.message, "values": exc.values, "traces": []}
        except FileNotFoundError:
            problems[item.position] = {"message": "The stored file is missing.", "values": {}, "traces": []}
    if problems:
        raise PublicationRefused(problems)
    return copies


def _commit_published(entry: Disclosure, copies, actor, now: datetime, reason: str | None) -> None:
    """Write the copies and mark ``entry`` published, in one unit of work (files undone on failure)."""
    uploads = [Upload(f"{entry.reference}-{item.position}", item.content_type, extension(item.content_type),
                      data, hashlib.sha256(data).hexdigest()) for item, data in copies]
    items = iter([item for item, _ in copies])

    def add_row(_entry, upload, stored_name):   # called in the order of ``uploads``
        item = next(items)
        item.stored_name, item.size, item.sha256 = stored_name, upload.size, upload.sha256
        item.redaction_log, item.published_at = log_rows(item), now

    with stored_files(entry, uploads, add_row):
        entry.status = rules.move(entry.status, "publish").value
        entry.published_at, entry.published_by_id, entry.hold_reason = now, actor.id if actor else None, None
        entry.updated_at = now
        _snapshot(entry)
        record(entry, "published", actor, now, reason=reason, files=len(uploads))
        db.session.commit()


def _snapshot(entry: Disclosure) -> None:
    """Copy what the public sees of the answer: outcome, date, grounds of the withheld parts (art. 18)."""
    case = entry.case
    if case is not None:
        entry.outcome, entry.answered_on = case.outcome, local_date(case.answered_at)
        entry.grounds = list(dict.fromkeys(p.get("ground") for p in case.withheld or [] if isinstance(p, dict)))
    entry.document = disclosure_log.search_document(entry)


def publish(case, actor, now: datetime | None = None, title=None, summary=None) -> Disclosure:
    """Publish ``case``'s answer now (an officer's decision, before the delay or after a withholding).

    ``title`` / ``summary``, when given, are saved first (``disclosures.save_summary``).

    Raises:
        PermissionError: ``actor`` does not manage publications.
        PayloadInvalid: not a granted or partly granted answer; a bad title or summary.
        TransitionRefused: the entry is already published.
        PublicationRefused: a file cannot be published as it stands (nothing changed).
        Conflict: changed concurrently (nothing changed).
    """
    from app.services.disclosures import save_summary

    now = now or utc_now()
    check_manager(actor, case)
    if title is not None or summary is not None:
        save_summary(case, title, summary, actor, now)
    with unit_of_work(case):   # the entry exists and is committed before the slow work
        entry = ensure_entry(case, now)
    rules.move(entry.status, "publish")
    copies = _copies(entry)
    with unit_of_work(case):
        _commit_published(entry, copies, actor, now, None)
    return entry


def withhold(case, reason, actor, now: datetime | None = None) -> Disclosure:
    """Mark ``case``'s answer "not for publication" with ``reason`` (taking it off the log if published).

    Raises:
        PermissionError; PayloadInvalid (``reason``; not a published kind of answer);
        TransitionRefused (already withheld); Conflict.
    """
    now = now or utc_now()
    check_manager(actor, case)
    problem = rules.reason_problem(reason)
    if problem:
        raise PayloadInvalid({"reason": problem})
    stale = []
    with unit_of_work(case):
        entry = ensure_entry(case, now)
        was = entry.status
        entry.status = rules.move(was, "withhold").value
        entry.withheld_at, entry.withheld_by_id, entry.withheld_reason = now, actor.id, reason.strip()
        entry.updated_at = now
        for item in entry.files:
            if item.stored_name:
                stale.append(item.stored_name)
            item.stored_name = item.size = item.sha256 = item.published_at = item.redaction_log = None
        record(entry, "withheld", actor, now, reason=reason.strip(), was=was)
    for name in stale:   # the public copies go once the commit took them off the log
        (attachments_dir() / name).unlink(missing_ok=True)
    return entry


def publish_due(now: datetime | None = None) -> PublicationPass:
    """The scheduler's pass: make the entries of new eligible answers, publish those due today.

    Idempotent: a second pass the same day finds nothing to do. An entry that cannot be
    published (the applicant's identity in a file, an unreadable file) is held with the
    reason, for an officer; a concurrent change skips it until the next pass.
    """
    now = now or utc_now()
    done, today = PublicationPass(), today_local(now)
    for case in _cases_without_entry():
        with unit_of_work(case):
            done.created.append(ensure_entry(case, now).reference)
    due = db.session.scalars(select(Disclosure.id).where(
        Disclosure.status == PublicationState.SCHEDULED.value, Disclosure.due_on <= today)).all()
    for entry_id in due:
        _publish_one(db.session.get(Disclosure, entry_id), today, now, done)
    return done


def _cases_without_entry():
    since = current_app.config.get("DISCLOSURE_PUBLISH_SINCE") or ""
    stmt = (select(Case).outerjoin(Disclosure, Disclosure.case_id == Case.id)
            .where(Disclosure.id.is_(None), Case.kind == CaseKind.INFORMATION_REQUEST.value,
                   Case.outcome.in_(sorted(rules.PUBLISHED_OUTCOMES)), Case.answered_at.is_not(None)))
    if since:
        stmt = stmt.where(Case.answered_at >= datetime.combine(date.fromisoformat(since), datetime.min.time()))
    return db.session.scalars(stmt.order_by(Case.id)).all()


def _publish_one(entry: Disclosure, today: date, now: datetime, done: PublicationPass) -> None:
    case = entry.case
    try:
        if not eligible(case):
            return
        due = planned_due(case)    # a later answer (after the head overturned a refusal) moves it
        if due != entry.due_on:
            with unit_of_work(case):
                entry.due_on = due
            if not rules.is_due(due, today):
                return
        sync_files(entry, case)
        copies = _copies(entry)
        with unit_of_work(case):
            _commit_published(entry, copies, None, now, "scheduled publication")
        done.published.append(entry.reference)
    except PublicationRefused as exc:
        db.session.rollback()
        _hold(entry, exc, now)
        done.held.append(entry.reference)
    except (Conflict, PayloadInvalid):
        db.session.rollback()


def _hold(entry: Disclosure, exc: PublicationRefused, now: datetime) -> None:
    entry = db.session.get(Disclosure, entry.id)
    with unit_of_work(entry.case):
        entry.status = rules.move(entry.status, "hold").value
        entry.hold_reason, entry.updated_at = exc.as_json(), now
        record(entry, "held", None, now, reason=str(exc))
