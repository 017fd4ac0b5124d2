"""Delivering the outbox: the scheduler process sends what the units of work queued.

Never inside a web request (``deliver_pending`` refuses): registration, actions
and the sweep only queue ``Notification`` rows; the scheduler's delivery job (every
``MAIL_DELIVERY_SECONDS``) and ``flask deadlines sweep`` / ``flask outbox deliver``
send them.

Each row is claimed before it is sent (``pending`` → ``sending``, over rows first
locked with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL), so concurrent senders never
send the same row, and **marked sent in its own commit as soon as the server took
it**: a sender killed mid-batch leaves at most one message sent but not marked,
which is sent again once its claim is stale (``STALE_CLAIM``) — at most one
duplicate, recognisable by its stable ``Message-ID``. A message that fails is
retried with a growing delay (``MAIL_RETRY_SECONDS`` × 4ⁿ, capped at
``MAIL_RETRY_MAX_SECONDS``) up to ``MAIL_MAX_ATTEMPTS`` times, then ends ``failed``;
a permanent refusal (5xx, refused recipient, an address no message can carry)
fails at once. The reason is kept (``failure``, ``last_error``) for the case page.
"""
from __future__ import annotations

import hashlib
import logging
import smtplib
from datetime import datetime, timedelta

from flask import current_app, has_request_context
from sqlalchemy import and_, or_, select, update

from app.extensions import db
from app.models.case_event import CaseEvent
from app.models.letter import Letter
from app.models.notification import Notification
from app.services import letters, mailer
from app.services.answer_delivery import record_sent_email
from app.services.calendar import utc_now

log = logging.getLogger(__name__)

# A row left in 'sending' this long (its sender died mid-send) is claimed again.
STALE_CLAIM = timedelta(minutes=15)
# Rows claimed together; each is still marked sent in its own commit.
BATCH = 10
# Why an attempt failed (``Notification.failure``); the case page translates them.
FAILURES = ("refused", "invalid", "deferred", "unreachable", "error")


class _Unreachable(Exception):
    """The server cannot be reached: the pass ends, the rest waits for the next one."""


def deliver_pending(limit: int | None = None, now: datetime | None = None) -> int:
    """Send the outbox's due messages, oldest first; return how many were sent.

    Args:
        limit: try at most this many messages (None: every message due now).
        now: the current instant, naive UTC (default: the clock).

    Never raises and never runs inside a web request (it logs and returns 0 there).
    An unreachable server ends the pass: the message tried counts an attempt, the
    other claimed ones are given back untouched.
    """
    if has_request_context():
        log.error("e-mail is delivered by the scheduler process, never inside a web request")
        return 0
    now, sent, tried = now or utc_now(), 0, 0
    try:
        with mailer.Transport(current_app.config) as transport:
            while limit is None or tried < limit:
                claimed = _claim(BATCH if limit is None else min(BATCH, limit - tried), now)
                if not claimed:
                    break
                for index, notification_id in enumerate(claimed):
                    tried += 1
                    try:
                        sent += _deliver(notification_id, transport, now)
                    except _Unreachable:
                        _release(claimed[index + 1:])
                        return sent
    except Exception:
        db.session.rollback()
        log.exception("e-mail delivery stopped after %d message(s); the rest stay queued", sent)
    return sent


def _claimable(now: datetime):
    due = and_(Notification.status == "pending",
               or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
    stale = and_(Notification.status == "sending", Notification.claimed_at < now - STALE_CLAIM)
    return or_(due, stale)


def _claim(size: int, now: datetime) -> list[int]:
    """Claim up to ``size`` due rows (status ``sending``, one attempt counted) and commit; their ids."""
    candidates = list(db.session.execute(
        select(Notification.id).where(_claimable(now)).order_by(Notification.id).limit(size)
        .with_for_update(skip_locked=True)).scalars())
    if not candidates:
        db.session.commit()
        return []
    claimed = db.session.execute(
        update(Notification).where(Notification.id.in_(candidates), _claimable(now))
        .values(status="sending", claimed_at=now, attempts=Notification.attempts + 1)
        .returning(Notification.id).execution_options(synchronize_session=False)).scalars()
    claimed = sorted(claimed)
    db.session.commit()
    return claimed


def _deliver(notification_id: int, transport: mailer.Transport, now: datetime) -> int:
    """Send one claimed row and commit its outcome at once; 1 when it went out.

    Raises:
        _Unreachable: the server cannot be reached (the attempt is recorded first).
    """
    notification = db.session.get(Notification, notification_id)
    try:
        transport.send(_message(notification))
    except mailer.TransportUnavailable as exc:
        _record_failure(notification, "unreachable", exc, now)
        db.session.commit()
        raise _Unreachable() from exc
    except Exception as exc:  # SMTP, network, address or file errors: recorded, never raised
        transport.close()
        _record_failure(notification, _failure_kind(exc), exc, now)
        db.session.commit()
        return 0
    _record_sent(notification, now)
    db.session.commit()
    return 1


def message_id(notification: Notification) -> str:
    """The row's stable ``Message-ID``: the same on every attempt, so a resend is recognised."""
    digest = hashlib.sha256(notification.dedup_key.encode("utf-8")).hexdigest()[:16]
    domain = current_app.config["MAIL_SENDER"].rpartition("@")[2] or "localhost"
    return f"<nafida.{notification.id}.{digest}@{domain}>"


def _message(notification: Notification):
    attachments = ()
    if notification.letter_id:
        letter = db.session.get(Letter, notification.letter_id)
        attachments = (mailer.Attachment(letters.letter_filename(letter), letter.pdf),)
    return mailer.build_message(current_app.config["MAIL_SENDER"], notification.recipient,
                                notification.subject, notification.body, attachments,
                                message_id=message_id(notification))


def _record_sent(notification: Notification, now: datetime) -> None:
    notification.status, notification.sent_at = "sent", now
    notification.last_error = notification.failure = notification.next_attempt_at = None
    if notification.letter_id:
        _record_delivery(notification, now)
    if notification.case_id:
        db.session.add(CaseEvent(
            case_id=notification.case_id, kind="email", actor_label="system", at=now, reason=notification.subject,
            data={"recipient": notification.recipient, "subject": notification.subject,
                  "notification_id": notification.id, "letter_id": notification.letter_id,
                  "message_id": message_id(notification)}))


def _record_delivery(notification: Notification, now: datetime) -> None:
    """The e-mail's sending moment is its letter's delivery (LAW.md §4.5): it may start a window.

    In a SAVEPOINT: a failure here is logged and leaves the message marked sent (it went
    out; sending it again would not help), and staff can still record the delivery.
    """
    try:
        with db.session.begin_nested():
            record_sent_email(notification.letter_id, now)
    except Exception:  # noqa: BLE001 — the message was sent; never undo that
        log.exception("delivery of letter %s by e-mail %s not recorded", notification.letter_id, notification.id)


def _failure_kind(exc: Exception) -> str:
    if isinstance(exc, (mailer.UndeliverableAddress, smtplib.SMTPNotSupportedError, UnicodeError)):
        return "invalid"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "refused"
    if isinstance(exc, smtplib.SMTPResponseException):
        return "refused" if exc.smtp_code >= 500 else "deferred"
    return "error"


def _record_failure(notification: Notification, kind: str, exc: Exception, now: datetime) -> None:
    """Keep the reason; retry later with back-off, or fail for good (permanent, or out of attempts)."""
    config = current_app.config
    notification.failure, notification.claimed_at = kind, None
    notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if kind in ("refused", "invalid") or notification.attempts >= int(config["MAIL_MAX_ATTEMPTS"]):
        notification.status, notification.next_attempt_at = "failed", None
    else:
        notification.status = "pending"
        notification.next_attempt_at = now + retry_delay(notification.attempts)
    log.warning("e-mail %s to case %s not sent (%s, attempt %d): %s", notification.id, notification.case_id,
                notification.status, notification.attempts, notification.last_error)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: ``MAIL_RETRY_SECONDS`` × 4^(attempts − 1), capped."""
    config = current_app.config
    seconds = int(config["MAIL_RETRY_SECONDS"]) * 4 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, int(config["MAIL_RETRY_MAX_SECONDS"])))


def _release(unsent: list[int]) -> None:
    """Give claimed rows back untouched (the server was unreachable before their turn)."""
    if unsent:
        db.session.execute(
            update(Notification).where(Notification.id.in_(unsent), Notification.status == "sending")
            .values(status="pending", claimed_at=None, attempts=Notification.attempts - 1)
            .execution_options(synchronize_session=False))
        db.session.commit()
