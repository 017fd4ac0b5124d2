"""The e-mail outbox, delivered through a real SMTP server on loopback (aiosmtpd).

Registration and actions only queue; ``outbox.deliver_pending`` (the scheduler's
delivery job) sends, so each test delivers explicitly.
"""
import hashlib
import socket
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller

from app.extensions import db
from app.models.case_event import CaseEvent
from app.models.letter import Letter
from app.models.notification import Notification
from app.services import mailer, outbox
from tests.conftest import COMPLAINT, REQUEST

RECEIVED = datetime(2025, 10, 27, 9, 0)


class Inbox:
    """An aiosmtpd handler that keeps every message; refuses recipients at ``refused.example``
    for good, and defers messages to ``busy.example``."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(rcpt.endswith("@busy.example") for rcpt in envelope.rcpt_tos):
            return "451 4.3.0 try again later"
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for rcpt, m in self.messages if address in rcpt]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(app, monkeypatch):
    """A real SMTP server on 127.0.0.1 and a free port; the app sends through it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    yield inbox
    controller.stop()


@pytest.fixture
def quick_letters(monkeypatch):
    """Letters as small fixed PDFs: these tests are about mail, not rendering."""
    def issue(case, kind, actor=None, now=None, access_code=None):
        pdf = b"%PDF-1.4\n% test letter " + kind.encode() + b"\n%%EOF\n"
        letter = Letter(kind=kind, language=case.language, sha256=hashlib.sha256(pdf).hexdigest(), pdf=pdf,
                        issued_by_id=actor.id if actor else None)
        if now is not None:
            letter.issued_at = now
        case.letters.append(letter)
        record_at_issue(case, letter, now or utcnow())   # as issue_letter: a portal case has it at once
        return letter
    from app.models.columns import utcnow
    from app.services.answer_delivery import record_at_issue

    monkeypatch.setattr("app.services.letters.issue_letter", issue)


def queued(case):
    return db.session.execute(db.select(Notification).filter_by(case_id=case.id)).scalars().all()


def email_events(case):
    return db.session.execute(db.select(CaseEvent).filter_by(case_id=case.id, kind="email")).scalars().all()


def attachment_of(message):
    (part,) = list(message.iter_attachments())
    return part


def deliver(now=None):
    return outbox.deliver_pending(now=now)


def test_receipt_is_emailed_in_arabic_with_the_pdf(register, smtp):
    case = register().case
    assert smtp.messages == []          # queued by the registration, not sent
    assert deliver() == 1
    (message,) = smtp.to("salma.b@example.org")
    assert message["Subject"].startswith(case.reference)
    assert "وصل إيداع طلب الحصول على المعلومات" in message["Subject"]
    assert "=?utf-8?" in message.as_string().split("Subject:", 1)[1].splitlines()[0].lower()
    assert "سلمى البناني" in message.get_body(("plain",)).get_content()
    pdf = attachment_of(message)
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename().startswith(case.reference) and pdf.get_filename().endswith(".pdf")
    letter = case.letters[0]
    assert pdf.get_content() == letter.pdf
    assert hashlib.sha256(pdf.get_content()).hexdigest() == letter.sha256


def test_sent_email_is_recorded_on_the_timeline(register, smtp, quick_letters):
    case = register().case
    deliver()
    (notification,) = queued(case)
    assert (notification.status, notification.attempts, notification.last_error) == ("sent", 1, None)
    assert notification.dedup_key == f"letter:{case.letters[0].id}"
    (event,) = email_events(case)
    assert event.data["recipient"] == "salma.b@example.org"
    assert event.data["subject"] == notification.subject
    assert event.actor_label == "system"
    (message,) = smtp.messages[0][1:]
    assert event.data["message_id"] == message["Message-ID"] == outbox.message_id(notification)


def test_french_complaint_gets_a_french_email(register, smtp, quick_letters):
    case = register("complaint", received_at=datetime(2025, 10, 2, 9)).case
    deliver()
    (message,) = smtp.to("mina.ouchen@example.org")
    assert message["Subject"] == f"{case.reference} — Accusé de réception de votre réclamation"
    body = message.get_body(("plain",)).get_content()
    assert "Mina Ouchen" in body and "reference=" + case.reference in body
    assert attachment_of(message).get_content().startswith(b"%PDF")


def test_no_address_no_email(register, smtp, quick_letters):
    data = {**REQUEST, "applicant": {**REQUEST["applicant"], "email": ""}}
    case = register(data=data).case
    assert deliver() == 0
    assert queued(case) == [] and smtp.messages == []


def test_smtp_down_never_breaks_registration_and_is_retried_later(app, register, quick_letters, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())   # nothing listens there
    case = register().case
    assert case.id is not None and case.state == "received"
    now = datetime(2025, 10, 27, 9, 5)
    assert deliver(now) == 0
    (notification,) = queued(case)
    # Tried once: waits for the back-off delay, with its reason for the case page.
    assert (notification.status, notification.attempts, notification.failure) == ("pending", 1, "unreachable")
    assert "TransportUnavailable" in notification.last_error
    assert notification.next_attempt_at == now + timedelta(seconds=app.config["MAIL_RETRY_SECONDS"])
    assert email_events(case) == []
    assert deliver(now + timedelta(seconds=30)) == 0          # not due yet: not even tried
    assert queued(case)[0].attempts == 1

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
        assert deliver(notification.next_attempt_at) == 1
    finally:
        controller.stop()
    db.session.refresh(notification)
    assert (notification.status, notification.attempts, notification.last_error, notification.failure) == (
        "sent", 2, None, None)
    assert len(inbox.to("salma.b@example.org")) == 1


def test_a_deferred_message_backs_off_then_fails_for_good(app, register, smtp, quick_letters):
    data = {**REQUEST, "applicant": {**REQUEST["applicant"], "email": "salma@busy.example"}}
    case = register(data=data).case
    now, delays = datetime(2025, 10, 27, 10), []
    for _ in range(app.config["MAIL_MAX_ATTEMPTS"] + 3):
        deliver(now)
        (notification,) = queued(case)
        if notification.next_attempt_at is None:
            break
        delays.append(notification.next_attempt_at - now)
        now = notification.next_attempt_at
    assert (notification.status, notification.attempts, notification.failure) == (
        "failed", app.config["MAIL_MAX_ATTEMPTS"], "deferred")
    assert "451" in notification.last_error and smtp.messages == []
    # Each wait is four times the last, up to the cap; then it never loops.
    assert delays[:3] == [timedelta(minutes=1), timedelta(minutes=4), timedelta(minutes=16)]
    assert max(delays) == timedelta(seconds=app.config["MAIL_RETRY_MAX_SECONDS"])
    assert deliver(now + timedelta(days=30)) == 0 and queued(case)[0].attempts == app.config["MAIL_MAX_ATTEMPTS"]


def test_unreachable_server_ends_the_pass_and_counts_only_the_message_tried(app, register, quick_letters,
                                                                         monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())
    first, second = register().case, register("complaint").case
    assert deliver(datetime(2025, 10, 27, 10)) == 0
    (tried,), (left,) = queued(first), queued(second)
    assert (tried.status, tried.attempts, tried.failure) == ("pending", 1, "unreachable")
    assert (left.status, left.attempts, left.claimed_at, left.failure) == ("pending", 0, None, None)


def test_refused_recipient_fails_at_once(register, smtp, quick_letters):
    data = {**COMPLAINT, "complainant": {**COMPLAINT["complainant"], "email": "nobody@refused.example"}}
    case = register("complaint", data=data).case
    deliver()
    (notification,) = queued(case)
    assert (notification.status, notification.attempts, notification.failure) == ("failed", 1, "refused")
    assert "550" in notification.last_error and notification.next_attempt_at is None


def test_an_internationalised_domain_is_sent_in_its_ascii_form(register, smtp, quick_letters):
    data = {**REQUEST, "applicant": {**REQUEST["applicant"], "email": "salma@مثال.المغرب"}}
    register(data=data)
    assert deliver() == 1
    (message,) = smtp.to("salma@xn--mgbh0fb.xn--mgbc0a9azcg")
    assert message["To"] == "salma@xn--mgbh0fb.xn--mgbc0a9azcg"


def test_an_address_no_message_can_carry_fails_at_once_and_never_loops(register, smtp, quick_letters):
    # Intake now refuses such an address (app.services.identity); one stored before that still fails cleanly.
    case = register().case
    (notification,) = queued(case)
    notification.recipient = "سلمى@example.org"
    db.session.commit()
    assert deliver() == 0
    (notification,) = queued(case)
    assert (notification.status, notification.attempts, notification.failure) == ("failed", 1, "invalid")
    assert deliver(datetime(2030, 1, 1)) == 0 and smtp.messages == []


@pytest.mark.parametrize("error", [UnicodeEncodeError("ascii", "سلمى", 0, 1, "ordinal not in range(128)"),
                                   mailer.UndeliverableAddress("the part before @ is not ASCII")])
def test_an_encoding_error_while_sending_fails_at_once(register, smtp, quick_letters, monkeypatch, error):
    case = register().case

    def refuse(self, message):
        raise error
    monkeypatch.setattr(mailer.Transport, "send", refuse)
    assert deliver() == 0
    (notification,) = queued(case)
    assert (notification.status, notification.attempts, notification.failure) == ("failed", 1, "invalid")
    assert notification.next_attempt_at is None and type(error).__name__ in notification.last_error
    assert deliver(datetime(2030, 1, 1)) == 0 and queued(case)[0].attempts == 1


def test_a_claimed_notification_is_not_sent_twice(register, smtp, quick_letters):
    case = register().case
    deliver()
    smtp.messages.clear()
    now = datetime(2025, 10, 27, 10, 0)
    # Another sender claimed it and is sending it right now.
    notification = Notification(case_id=case.id, dedup_key="test:claim", recipient="officer@example.org",
                                subject="DAI — تذكير", body="نص", status="sending", claimed_at=now, attempts=1)
    db.session.add(notification)
    db.session.commit()
    assert deliver(now + timedelta(minutes=5)) == 0
    assert smtp.messages == []
    # A claim left behind by a sender that died is taken over after STALE_CLAIM.
    later = now + outbox.STALE_CLAIM + timedelta(seconds=1)
    assert deliver(later) == 1
    assert deliver(later) == 0
    assert len(smtp.to("officer@example.org")) == 1


class Killed(BaseException):
    """Stands for ``kill -9``: nothing after it runs, nothing catches it."""


def test_a_sender_killed_mid_batch_sends_at_most_one_message_twice(app, register, smtp, quick_letters,
                                                                  monkeypatch):
    for _ in range(6):
        register()
    real_send, sent = mailer.Transport.send, []

    def send_then_die(self, message):
        real_send(self, message)
        sent.append(message["Message-ID"])
        if len(sent) == 3:
            raise Killed()    # the third message went out; its row was not marked yet

    monkeypatch.setattr(mailer.Transport, "send", send_then_die)
    now = datetime(2025, 10, 27, 10)
    with pytest.raises(Killed):
        deliver(now)
    db.session.rollback()
    monkeypatch.setattr(mailer.Transport, "send", real_send)
    statuses = sorted(n.status for n in db.session.execute(db.select(Notification)).scalars())
    assert statuses.count("sent") == 2        # each marked as soon as it went out
    assert deliver(now + timedelta(minutes=1)) == 0               # the claims are still fresh
    assert deliver(now + outbox.STALE_CLAIM + timedelta(minutes=1)) == 4
    ids = [m["Message-ID"] for _, m in smtp.messages]
    assert len(ids) == 7 and len(set(ids)) == 6   # one duplicate, recognisable by its Message-ID
    assert all(n.status == "sent" for n in db.session.execute(db.select(Notification)).scalars())


def test_development_outbox_folder(app, register, quick_letters, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_DIR", tmp_path / "outbox")
    case = register().case
    deliver()
    (path,) = (tmp_path / "outbox").glob("*.eml")
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == "salma.b@example.org"
    assert case.reference in message["Subject"] and "وصل" in message["Subject"]
    assert attachment_of(message).get_content() == case.letters[0].pdf


def test_subject_never_spans_lines():
    message = mailer.build_message("a@example.org", "b@example.org", "DAI-2025-000001\nBcc: x@evil.example",
                                   "نص")
    assert message["Subject"] == "DAI-2025-000001 Bcc: x@evil.example"
    assert message["Bcc"] is None


@pytest.mark.parametrize("subject", [
    "تذكير: DAI-2025-000001 — ينتهي أجل الرد على الطلب يوم 2025-11-26",
    "تجاوز الأجل: DAI-2025-000001 — انتهى أجل الرد على الطلب يوم 2025-11-26",
    "REC-2025-000001 — Accusé de réception de votre réclamation auprès du chef de l'organisme",
])
def test_encoded_subject_keeps_every_space(subject):
    raw = mailer.build_message("a@example.org", "b@example.org", subject, "نص").as_bytes()
    header = raw.split(b"\nSubject: ", 1)[1].split(b"\nDate:", 1)[0].decode("ascii")
    assert str(make_header(decode_header(header))) == subject
    assert message_from_bytes(raw, policy=policy.default)["Subject"] == subject
    headers = raw.split(b"\n\n", 1)[0].decode("ascii")
    assert max(len(line) for line in headers.splitlines()) <= 78
