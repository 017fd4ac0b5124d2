"""The message thread of a case: the office writes to the applicant, the applicant replies.

Each message is one unit of work with its timeline event: a staff message (or a
request for clarification, LAW.md §4.7) queues a short e-mail to the applicant; an
applicant reply may carry files (checked by ``attachments.check_uploads`` before) and,
under the ``restart_on_reply`` policy, restarts the answer clock
(``app.services.clarification``). What the applicant sees of the thread
(``applicant_json``) names no staff member and no internal data.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models.attachment import Attachment
from app.models.case import Case
from app.models.message import Message, Sender
from app.models.user import Role
from app.services import clarification, notifications
from app.services.assignment import visible_kinds
from app.services.attachments import AttachmentError, attachment_row, stored_files
from app.services.calendar import utc_now, working_calendar
from app.services.cases import PayloadInvalid, unit_of_work
from app.services.intake import text_problem
from app.services.timeline import record_event

SUPERVISING = (Role.ADMIN, Role.SUPERVISOR)


@dataclass(frozen=True)
class Page:
    """One page of a thread, newest message first; ``pages`` is at least 1."""

    items: list[Message]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def write_problem(case: Case, user) -> str | None:
    """Why ``user`` may not write to the applicant of ``case`` (None: they may).

    The assigned officer writes; a supervisor or an administrator may too (HTTP 403 otherwise).
    """
    if user is not None and (user.has_role(*SUPERVISING) or (case.assignee_id and case.assignee_id == user.id)):
        return None
    return "only the officer assigned to this case (or a supervisor) can write to the applicant"


def _checked_body(body) -> str:
    limit = current_app.config["MESSAGE_MAX_CHARS"]
    if isinstance(body, str) and not body.strip():
        raise PayloadInvalid({"body": "this field is required"})
    problem = text_problem(body, limit) if body is not None else "this field is required"
    if problem:
        raise PayloadInvalid({"body": problem})
    return body.strip()


def post_staff_message(case: Case, body, *, actor, clarification_request: bool = False,
                       now: datetime | None = None) -> Message:
    """The office writes to the applicant; commit, then e-mail them that a message awaits.

    Args:
        case: the case, in the current session.
        body: the message (at most ``MESSAGE_MAX_CHARS`` characters).
        actor: the staff member writing (see ``write_problem``).
        clarification_request: True for a request for clarification (LAW.md §4.7): only
            while the body must still answer a request, one awaiting reply at a time.
        now: the instant, naive UTC (tests freeze it).

    Raises:
        PermissionError: the actor may not write (nothing saved).
        PayloadInvalid: ``{"body": …}`` (nothing saved).
        TransitionRefused: a clarification the case does not allow now (nothing saved).
        Conflict: a request for clarification raced with a transition (nothing saved).
    """
    denied = write_problem(case, actor)
    if denied:
        raise PermissionError(denied)
    text, now = _checked_body(body), now or utc_now()
    if clarification_request:
        clarification.check_may_ask(case)
    with unit_of_work(case):
        message = Message(case_id=case.id, sender=Sender.STAFF.value, author=actor, body=text,
                          clarification=bool(clarification_request), created_at=now, read_at=now)
        db.session.add(message)
        db.session.flush()
        kind = "clarification" if clarification_request else "message"
        record_event(case, kind, actor, at=now, data={"message_id": message.id, "sender": Sender.STAFF.value},
                     code="clarification_sent" if clarification_request else "message_sent")
        if clarification_request:
            clarification.touch(case)   # serialised with the transitions (optimistic version check)
        notifications.queue_message_email(case, message)
    notifications.deliver_pending()
    return message


def post_applicant_reply(case: Case, body, uploads=(), now: datetime | None = None) -> Message:
    """The applicant writes from the status page or the API, with files already checked; commit.

    A reply to a pending request for clarification is recorded as its answer and, under
    the ``restart_on_reply`` policy, restarts the answer clock from the reply's local date.

    Raises:
        PayloadInvalid: ``{"body": …}`` (nothing saved).
        AttachmentError: the case would hold more than ``CASE_MAX_ATTACHMENTS`` files.
        Conflict: a transition changed the case at the same moment (nothing saved).
    """
    text, now = _checked_body(body), now or utc_now()
    _check_room(case, len(uploads))
    asked = clarification.pending_request(case)
    message = Message(case_id=case.id, sender=Sender.APPLICANT.value, body=text, created_at=now)
    try:
        # The files are written first; if the unit of work fails they are removed again.
        with stored_files(case, uploads, _row_of(message)), unit_of_work(case):
            db.session.add(message)
            db.session.flush()
            record_event(case, "message", None, at=now, code="by_applicant",
                         data={"message_id": message.id, "sender": Sender.APPLICANT.value,
                               "answers": asked.id if asked else None, "attachments": len(uploads)})
            if asked is not None:
                clarification.apply_reply(case, asked, now, working_calendar())
    except BaseException:
        db.session.rollback()
        raise
    return message


def _row_of(message: Message):
    def add_row(case, upload, stored_name):
        attachment_row(case, upload, stored_name, message=message)
    return add_row


def _check_room(case: Case, adding: int) -> None:
    limit = current_app.config["CASE_MAX_ATTACHMENTS"]
    held = db.session.execute(db.select(func.count(Attachment.id)).where(Attachment.case_id == case.id)).scalar()
    if adding and held + adding > limit:
        raise AttachmentError("This file has reached its limit of attached documents (%(count)d).", count=limit)


def thread(case: Case, page: int = 1, per_page: int | None = None) -> Page:
    """One page of ``case``'s messages, newest first, with authors and attachments loaded."""
    per_page = per_page or current_app.config["MESSAGES_PER_PAGE"]
    total = db.session.execute(db.select(func.count(Message.id)).where(Message.case_id == case.id)).scalar()
    items = db.session.execute(
        db.select(Message).where(Message.case_id == case.id).order_by(Message.id.desc())
        .options(selectinload(Message.attachments), selectinload(Message.author))
        .limit(per_page).offset((max(page, 1) - 1) * per_page)).scalars().all()
    return Page(list(items), total, max(page, 1), per_page)


def reader_of(case: Case, user) -> bool:
    """True when ``user`` is the one whose opening the thread marks replies read.

    The assigned officer; while nobody holds the case, a supervisor or an administrator.
    """
    if case.assignee_id:
        return user.id == case.assignee_id
    return user.has_role(*SUPERVISING)


def unread_ids(case: Case) -> set[int]:
    """Ids of the applicant's messages of ``case`` that the office has not read yet."""
    return set(db.session.execute(db.select(Message.id).where(
        Message.case_id == case.id, Message.read_at.is_(None))).scalars())


def mark_read(case: Case, user, now: datetime | None = None) -> int:
    """Mark the applicant's unread messages of ``case`` read, if ``user`` is their reader.

    Returns how many were marked (committed when any). The case row is not touched
    (no version bump), so reading never conflicts with an action on the case.
    """
    if not reader_of(case, user):
        return 0
    done = db.session.execute(
        update(Message).where(Message.case_id == case.id, Message.read_at.is_(None))
        .values(read_at=now or utc_now()).execution_options(synchronize_session=False)).rowcount
    if done:
        db.session.commit()
    return done


@dataclass(frozen=True)
class UnreadRow:
    """A case with replies its reader has not opened yet."""

    case: Case
    unread: int
    latest: datetime


def unread_replies(user, limit: int = 50) -> list[UnreadRow]:
    """Cases with unread applicant messages that ``user`` reads (see ``reader_of``), latest first.

    Officers: their assigned cases. Supervisors and administrators: unassigned cases of
    the kinds they see. Other roles: none.
    """
    unread = (db.select(Message.case_id, func.count(Message.id).label("n"),
                        func.max(Message.created_at).label("latest"))
              .where(Message.read_at.is_(None)).group_by(Message.case_id).subquery())
    stmt = db.select(Case, unread.c.n, unread.c.latest).join(unread, unread.c.case_id == Case.id)
    if user.has_role(*SUPERVISING):
        stmt = stmt.where(Case.assignee_id.is_(None), Case.kind.in_(visible_kinds(user)))
    elif user.has_role(Role.INFORMATION_OFFICER, Role.COMPLAINTS_OFFICER):
        stmt = stmt.where(Case.assignee_id == user.id)
    else:
        return []
    rows = db.session.execute(stmt.order_by(unread.c.latest.desc()).limit(limit)).unique().all()
    return [UnreadRow(case, int(n), latest) for case, n, latest in rows]


def applicant_json(message: Message) -> dict:
    """A message as the applicant sees it: no staff name, no internal field."""
    return {"id": message.id, "sender": message.sender, "body": message.body,
            "clarification": bool(message.clarification), "sent_at": message.created_at.isoformat() + "Z",
            "attachments": [{"name": a.original_name, "content_type": a.content_type, "size": a.size}
                            for a in message.attachments]}
