"""The message thread: staff messages and their e-mail notice, replies with files, unread replies, paging."""
import io
from datetime import datetime

import pytest
from werkzeug.datastructures import FileStorage

from app.extensions import db
from app.models import Attachment, Message, Notification
from app.services import messages
from app.services.attachments import AttachmentError, applicant_rules, check_uploads
from app.services.cases import PayloadInvalid, fire
from tests.conftest import REQUEST
from workflows.machine import TransitionRefused

RECEIVED = datetime(2025, 10, 27, 9, 0)      # Mon: answer due Wed 2025-11-26 (LAW.md §5)
ASKED = datetime(2025, 10, 28, 9, 0)
REPLIED = datetime(2025, 11, 7, 10, 0)       # Fri
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def upload(data=PDF, name="precision.pdf"):
    return FileStorage(io.BytesIO(data), filename=name, content_type="application/octet-stream")


@pytest.fixture
def assigned(register, staff):
    """An information request received Mon 2025-10-27, assigned to ``officer``; its access code."""
    registered = register(received_at=RECEIVED)
    fire(registered.case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
    return registered


def notices(case):
    return db.session.execute(db.select(Notification).where(
        Notification.case_id == case.id, Notification.dedup_key.like("message:%"))).scalars().all()


def test_a_staff_message_e_mails_a_short_notice_without_the_text_the_name_or_the_code(assigned, staff):
    case = assigned.case
    message = messages.post_staff_message(case, "Précisez la période visée : TEXTE-INTERNE-42.",
                                          actor=staff["officer"], now=ASKED)
    [notice] = notices(case)
    assert notice.recipient == case.party.email and notice.dedup_key == f"message:{message.id}"
    assert case.reference in notice.subject and "/status?reference=" + case.reference in notice.body
    for secret in ("TEXTE-INTERNE-42", assigned.access_code, case.party.first_name, case.party.last_name):
        assert secret not in notice.subject + notice.body
    [event] = [e for e in case.events if e.kind == "message"]
    assert (event.kind, event.actor_label, event.data["message_id"]) == ("message", "officer", message.id)
    assert message.read_at == ASKED   # the office's own message is not "unread"


def test_no_e_mail_without_an_address(register, staff):
    data = {**REQUEST, "applicant": {**REQUEST["applicant"], "email": None}}
    case = register(data=data).case
    messages.post_staff_message(case, "Bonjour", actor=staff["supervisor"], now=ASKED)
    assert notices(case) == []


def test_a_clarification_is_recorded_once_at_a_time_and_only_while_an_answer_is_owed(assigned, staff):
    case = assigned.case
    version = case.version
    asked = messages.post_staff_message(case, "Quelle année ?", actor=staff["officer"], clarification_request=True,
                                        now=ASKED)
    assert asked.clarification and case.version == version + 1   # serialised with the transitions
    assert [e.kind for e in case.events].count("clarification") == 1
    assert "طلب توضيح" in notices(case)[0].subject     # the case's language is Arabic
    with pytest.raises(TransitionRefused) as pending:
        messages.post_staff_message(case, "Encore ?", actor=staff["officer"], clarification_request=True, now=ASKED)
    assert pending.value.code == "clarification_pending"
    messages.post_applicant_reply(case, "L'année 2023.", now=REPLIED)
    messages.post_staff_message(case, "Et le mois ?", actor=staff["officer"], clarification_request=True,
                                now=REPLIED)
    fire(case, "answer", {"outcome": "granted", "text": "Ci-joint."}, actor=staff["officer"], now=REPLIED)
    with pytest.raises(TransitionRefused) as closed:
        messages.post_staff_message(case, "?", actor=staff["officer"], clarification_request=True, now=REPLIED)
    assert closed.value.code == "clarification_not_open"


def test_who_may_write_and_what_a_message_must_be(assigned, staff, make_user):
    case = assigned.case
    other = make_user("officer2", "information_officer")
    for user in (other, staff["viewer"], staff["head"], None):
        with pytest.raises(PermissionError):
            messages.post_staff_message(case, "x", actor=user, now=ASKED)
    for body, problem in ((None, "required"), ("  ", "required"), ("a\x00b", "control"), ("x" * 5001, "at most")):
        with pytest.raises(PayloadInvalid) as invalid:
            messages.post_staff_message(case, body, actor=staff["supervisor"], now=ASKED)
        assert problem in invalid.value.errors["body"]
    assert db.session.execute(db.select(db.func.count(Message.id))).scalar_one() == 0


def test_a_reply_keeps_its_files_checked_by_content_outside_the_web_root(assigned, ctx):
    case = assigned.case
    uploads = check_uploads([upload(), upload(PNG, "photo.png")], applicant_rules(3))
    reply = messages.post_applicant_reply(case, "Voici les pièces.", uploads, now=REPLIED)
    rows = db.session.execute(db.select(Attachment).where(Attachment.message_id == reply.id)).scalars().all()
    assert sorted(a.original_name for a in rows) == ["photo.png", "precision.pdf"]
    assert all((ctx.config["ATTACHMENTS_DIR"] / a.stored_name).is_file() for a in rows)
    assert reply.read_at is None and case.events[-1].data["attachments"] == 2
    with pytest.raises(AttachmentError, match="At most 1"):
        check_uploads([upload(), upload()], applicant_rules(1))


def test_the_case_limit_on_files_refuses_the_reply_and_saves_nothing(assigned, ctx, monkeypatch):
    monkeypatch.setitem(ctx.config, "CASE_MAX_ATTACHMENTS", 1)
    folder = ctx.config["ATTACHMENTS_DIR"]
    before = sorted(folder.iterdir()) if folder.exists() else []
    with pytest.raises(AttachmentError, match="limit"):
        messages.post_applicant_reply(assigned.case, "Deux pièces.", check_uploads([upload(), upload()]), now=REPLIED)
    assert (sorted(folder.iterdir()) if folder.exists() else []) == before
    assert db.session.execute(db.select(db.func.count(Message.id))).scalar_one() == 0


def test_unread_replies_reach_the_assigned_officer_until_he_opens_the_thread(assigned, staff):
    case = assigned.case
    messages.post_applicant_reply(case, "Une question.", now=REPLIED)
    messages.post_applicant_reply(case, "Une autre.", now=REPLIED)
    [row] = messages.unread_replies(staff["officer"])
    assert (row.case.id, row.unread) == (case.id, 2)
    assert messages.unread_replies(staff["supervisor"]) == []        # assigned: not the supervisor's to read
    assert messages.mark_read(case, staff["supervisor"]) == 0
    assert messages.mark_read(case, staff["officer"], now=REPLIED) == 2
    assert messages.unread_replies(staff["officer"]) == [] and messages.unread_ids(case) == set()


def test_replies_on_unassigned_cases_reach_the_supervisors(register, staff):
    case = register(received_at=RECEIVED).case
    messages.post_applicant_reply(case, "Bonjour", now=REPLIED)
    assert [r.case.id for r in messages.unread_replies(staff["supervisor"])] == [case.id]
    assert messages.unread_replies(staff["officer"]) == [] and messages.unread_replies(staff["viewer"]) == []
    assert messages.unread_replies(staff["complaints"]) == []


def test_the_thread_is_paged_newest_first_and_the_applicant_view_names_no_staff(assigned, staff):
    case = assigned.case
    for n in range(23):
        messages.post_staff_message(case, f"message {n}", actor=staff["officer"], now=ASKED)
    first, last = messages.thread(case, 1, 20), messages.thread(case, 2, 20)
    assert (first.total, first.pages, len(first.items), len(last.items)) == (23, 2, 20, 3)
    assert first.items[0].body == "message 22" and last.items[-1].body == "message 0"
    shown = messages.applicant_json(first.items[0])
    assert set(shown) == {"id", "sender", "body", "clarification", "sent_at", "attachments"}
    assert messages.thread(case, 9, 20).items == []
