"""The e-mail outbox: messages queued with the case change, delivered after commit.

Queuing (``queue_letter_email``, ``deadline_notice``) only adds a
``Notification`` row to the current unit of work: it commits or rolls back with
the change that caused it. ``deliver_pending`` runs after the commit and sends
what is pending. Each row is claimed atomically before it is sent (an UPDATE from
``pending`` to ``sending`` that only one process can win, over rows first locked
with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL), so two processes never send the
same e-mail. A failed delivery leaves the row ``pending`` (retried on the next
pass) until ``MAX_ATTEMPTS``, then ``failed``; it never breaks the caller.
"""
from __future__ import annotations

import logging
import smtplib
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from flask import current_app, g
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models.case import Case
from app.models.letter import Letter
from app.models.notification import Notification
from app.services import letters, mailer
from app.services.calendar import utc_now
from app.services.letter_text import long_date
from app.services.timeline import record_event
from workflows.information_request import ANSWER_CLOCKS
from workflows.statute import DEEMED_REFUSAL_ARTICLE, period

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A row left in 'sending' this long (the sender died mid-send) is claimed again.
STALE_CLAIM = timedelta(minutes=15)
# Rows claimed and committed together: a sender that dies mid-batch leaves at most
# this many claimed rows, sent again once their claim is stale.
BATCH = 20
DEADLINE_NOTICES = ("reminder", "overdue")


def queue_letter_email(case: Case, letter: Letter) -> Notification | None:
    """Queue the e-mail that carries ``letter`` to the applicant, if they gave an address.

    Subject and body are in the case's language (``templates/emails/letter.<ar|fr>.txt``);
    the letter's PDF is attached when the message is sent. Inside the caller's unit
    of work: flushes (for the letter's id), never commits. Only to a confirmed address
    (``app.services.email_confirmation``): the letter quotes the applicant's text.
    """
    recipient = case.party.confirmed_email
    if not recipient:
        return None
    db.session.flush()
    subject, body = render_email("letter", case.language, case=case, letter=letter,
                                 status_url=letters.status_url(case.reference))
    notification = Notification(case_id=case.id, dedup_key=f"letter:{letter.id}", recipient=recipient,
                                subject=subject, body=body, letter_id=letter.id)
    db.session.add(notification)
    return notification


def queue_deemed_refusal_email(case: Case) -> Notification | None:
    """Tell the applicant that silence now counts as refusal, and until when to complain (art. 19).

    Called in the deem_refusal transition's unit of work, after its clocks moved
    (the expired answer clock, the running complaint-to-head window); never commits.
    Only for an applicant who gave an e-mail address; dedup key ``deemed_refusal:<case id>:<expiry>``.
    """
    recipient = case.party.confirmed_email   # the greeting names the applicant
    window = case.clock("complaint_to_head_window")
    expired = next((c for c in reversed(case.clocks) if c.status == "expired"), None)
    if not recipient or window is None or expired is None:
        return None
    db.session.flush()
    subject, body = render_email("deemed_refusal", case.language, case=case, article=DEEMED_REFUSAL_ARTICLE,
                                 expired_on=long_date(expired.due_on, case.language),
                                 window_last_day=long_date(window.last_day, case.language),
                                 status_url=letters.status_url(case.reference))
    notification = Notification(case_id=case.id, dedup_key=f"deemed_refusal:{case.id}:{expired.due_on.isoformat()}",
                                recipient=recipient, subject=subject, body=body)
    return notification if add_once(notification) else None


def queue_message_email(case: Case, message) -> Notification | None:
    """Tell the applicant that a message from the office awaits them on the status page.

    Short on purpose: the subject says whether it is a request for clarification, the
    body gives the status page's link, never the message, the applicant's own text,
    name or access code. Only when the applicant gave an e-mail address; dedup key
    ``message:<id>``. Inside the caller's unit of work: flushes, never commits.
    """
    recipient = (case.party.email or "").strip()
    if not recipient:
        return None
    db.session.flush()
    subject, body = render_email("message", case.language, case=case, clarification=bool(message.clarification),
                                 status_url=letters.status_url(case.reference))
    notification = Notification(case_id=case.id, dedup_key=f"message:{message.id}", recipient=recipient,
                                subject=subject, body=body)
    db.session.add(notification)
    return notification


def deadline_key(kind: str, clock, user) -> str:
    """The dedup key of a deadline notice: one per clock, last day and recipient."""
    return f"{kind}:{clock.id}:{clock.last_day.isoformat()}:{user.id}"


def deadline_notice(kind: str, case: Case, clock, user, today: date, days_left: int) -> Notification:
    """A reminder or overdue notice about ``clock`` to the staff member ``user`` (not added).

    Args:
        kind: ``"reminder"`` (the last day is near) or ``"overdue"`` (it has passed).
        case, clock: the case and its running statutory clock.
        user: the staff member (``id``, ``email``, ``full_name``, ``username``) with an e-mail address.
        today: the Casablanca local date of the sweep.
        days_left: working days left after today up to the last day (negative when overdue).

    Written in the institution's default language (``BABEL_DEFAULT_LOCALE``); the
    dedup key is ``deadline_key(kind, clock, user)``. Raises ValueError for an unknown kind.
    """
    if kind not in DEADLINE_NOTICES:
        raise ValueError(f"unknown deadline notice {kind!r}")
    language = current_app.config.get("BABEL_DEFAULT_LOCALE", "ar")
    subject, body = render_email(kind, language, case=case, clock=clock, user=user, today=today,
                                 days_left=days_left, rule=period(clock.period),
                                 deemed_refusal=case.is_information_request and clock.period in ANSWER_CLOCKS,
                                 deemed_refusal_article=DEEMED_REFUSAL_ARTICLE)
    return Notification(case_id=case.id, dedup_key=deadline_key(kind, clock, user),
                        recipient=user.email, subject=subject, body=body)


def add_once(notification: Notification) -> bool:
    """Insert ``notification`` in a SAVEPOINT; False when its dedup key already exists.

    For inserts that may race with another process (two sweeps): the loser's
    unique-key violation rolls back to the savepoint only, not the transaction.
    """
    try:
        with db.session.begin_nested():
            db.session.add(notification)
    except IntegrityError:
        return False
    return True


def render_email(kind: str, language: str, **context) -> tuple[str, str]:
    """Subject (one line) and plain-text body of ``templates/emails/<kind>.<language>.txt``.

    The template defines a ``subject`` block and extends ``emails/_base.<language>.txt``.
    """
    language = language if language in ("ar", "fr") else "ar"
    context.setdefault("institution", current_app.config["INSTITUTION"])
    template = current_app.jinja_env.get_template(f"emails/{kind}.{language}.txt")
    subject = "".join(template.blocks["subject"](template.new_context(context)))
    return " ".join(subject.split()), template.render(context).strip() + "\n"


def deliver_pending(limit: int | None = 100, now: datetime | None = None) -> int:
    """Send pending e-mails, oldest first; return how many were sent.

    Args:
        limit: claim at most this many (None: every row pending during the pass).
        now: the current instant, naive UTC (default: the clock).

    Rows are claimed in batches of ``BATCH`` (``SELECT … FOR UPDATE SKIP LOCKED`` on
    PostgreSQL, then an UPDATE that re-checks the status), so concurrent senders
    split the work and never send the same row. Each sent e-mail is recorded on
    its case's timeline (kind ``email``). Never raises: a failure is logged and the
    row is retried on the next pass. A message the server does not accept counts
    an attempt (``failed`` after ``MAX_ATTEMPTS``, or at once on a permanent 5xx
    refusal); an unreachable server ends the pass and counts none.

    Call it after the commit of the change that queued the e-mails. Inside
    ``delivery_deferred()`` it sends nothing and returns 0.
    """
    if g.get("email_delivery_deferred"):
        return 0
    now, sent, cursor, budget = now or utc_now(), 0, 0, limit
    try:
        with mailer.Transport(current_app.config) as transport:
            while budget is None or budget > 0:
                claimed, cursor = _claim(cursor, BATCH if budget is None else min(BATCH, budget), now)
                if cursor is None:
                    break
                sent += _send(claimed, transport, now)
                budget = None if budget is None else budget - len(claimed)
    except mailer.TransportUnavailable as exc:
        log.warning("e-mail delivery stopped after %d message(s), the rest stay pending: %s", sent, exc)
    except Exception:
        db.session.rollback()
        log.exception("e-mail delivery stopped after %d message(s); the rest stay pending", sent)
    return sent


@contextmanager
def delivery_deferred():
    """Within this block (in this app context) ``deliver_pending`` sends nothing.

    The deadline sweep fires many transitions, each of which would deliver after
    its commit; it defers them and delivers once, in batches, at the end.
    """
    previous = g.get("email_delivery_deferred", False)
    g.email_delivery_deferred = True
    try:
        yield
    finally:
        g.email_delivery_deferred = previous


def _claimable(now: datetime):
    stale = and_(Notification.status == "sending", Notification.claimed_at < now - STALE_CLAIM)
    return or_(Notification.status == "pending", stale)


def _claim(after: int, size: int, now: datetime) -> tuple[list[int], int | None]:
    """Claim up to ``size`` claimable rows with an id above ``after``, and commit.

    Returns the ids this process now holds (status ``sending``) and the highest id
    looked at (None when nothing is left), so one pass never retries a row.
    """
    candidates = list(db.session.execute(
        select(Notification.id).where(Notification.id > after, _claimable(now))
        .order_by(Notification.id).limit(size).with_for_update(skip_locked=True)).scalars())
    if not candidates:
        db.session.commit()
        return [], None
    claimed = db.session.execute(
        update(Notification).where(Notification.id.in_(candidates), _claimable(now))
        .values(status="sending", claimed_at=now, attempts=Notification.attempts + 1)
        .returning(Notification.id).execution_options(synchronize_session=False)).scalars()
    claimed = sorted(claimed)
    db.session.commit()
    return claimed, candidates[-1]


def _send(claimed: list[int], transport: mailer.Transport, now: datetime) -> int:
    """Send the claimed rows and record each outcome; one commit for the batch."""
    sent = 0
    batch = db.session.execute(
        select(Notification).where(Notification.id.in_(claimed)).order_by(Notification.id)).scalars().all()
    # The batch's cases with their timelines, in two queries rather than two per e-mail.
    db.session.execute(select(Case).where(Case.id.in_({n.case_id for n in batch if n.case_id}))
                       .options(selectinload(Case.events))).unique().all()
    with db.session.no_autoflush:
        for index, notification in enumerate(batch):
            try:
                transport.send(_message(notification))
            except mailer.TransportUnavailable as exc:
                _release(batch[index:], exc)
                db.session.commit()
                raise
            except Exception as exc:  # SMTP, network or file errors: recorded, retried, never raised
                transport.close()
                _record_failure(notification, exc)
                continue
            _record_sent(notification, now)
            sent += 1
    db.session.commit()
    return sent


def _release(unsent: list[Notification], exc: Exception) -> None:
    """Give claimed rows back: the server was unreachable, so no attempt is counted."""
    for notification in unsent:
        notification.status, notification.claimed_at = "pending", None
        notification.attempts -= 1
        notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]


def _message(notification: Notification):
    attachments = ()
    if notification.letter_id:
        letter = db.session.get(Letter, notification.letter_id)
        attachments = (mailer.Attachment(letters.letter_filename(letter), letter.pdf),)
    return mailer.build_message(current_app.config["MAIL_SENDER"], notification.recipient,
                                notification.subject, notification.body, attachments)


def _record_sent(notification: Notification, now: datetime) -> None:
    notification.status, notification.sent_at, notification.last_error = "sent", now, None
    if notification.case_id:
        case = db.session.get(Case, notification.case_id)
        record_event(case, "email", None, at=now, reason=notification.subject,
                     data={"recipient": notification.recipient, "subject": notification.subject,
                           "notification_id": notification.id, "letter_id": notification.letter_id})


def _record_failure(notification: Notification, exc: Exception) -> None:
    permanent = isinstance(exc, smtplib.SMTPRecipientsRefused) or (
        isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500)
    notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    notification.status = "failed" if permanent or notification.attempts >= MAX_ATTEMPTS else "pending"
    log.warning("e-mail %s to %s not sent (%s, attempt %d): %s", notification.id, notification.recipient,
                notification.status, notification.attempts, notification.last_error)
