"""Staff case pages: dashboard, case page, actions (PRG, per-field errors, refusals), letters."""
import re
from datetime import timedelta

import pytest

from app.extensions import db
from app.services.calendar import utc_now
from app.services.cases import Conflict, fire
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401


@pytest.fixture
def fresh(register):
    """Factory: a case received an hour ago (its clocks run from today)."""
    def make(kind="information_request", **kwargs):
        now = utc_now()
        return register(kind, received_at=now - timedelta(hours=1), now=now, **kwargs).case
    return make


def text(response):
    return response.get_data(as_text=True)


def section(page, queue):
    """The HTML of one dashboard queue."""
    return page.split(f'id="queue-{queue}"')[1].split("</section>")[0]


def assigned_request(fresh, staff, officer="officer"):
    case = fresh()
    fire(case, "assign", {"officer": officer}, actor=staff["supervisor"])
    return case


def test_officer_sees_my_cases_sorted_by_due_date(app, fresh, staff):
    later, sooner = assigned_request(fresh, staff), assigned_request(fresh, staff)
    complaint = fresh("complaint")   # registered with a clean session: its reference is drawn apart
    fire(complaint, "assign", {"officer": "complaints"}, actor=staff["supervisor"])
    sooner.clock("answer").last_day = later.clock("answer").last_day - timedelta(days=7)
    db.session.commit()
    page = text(signed_in(app, "officer").get("/staff/"))
    assert page.index(sooner.reference) < page.index(later.reference)
    assert complaint.reference not in page


def test_supervisor_sees_the_queues(app, fresh, staff):
    waiting, late = fresh(), assigned_request(fresh, staff)
    late.clock("answer").last_day = late.clock("answer").started_on - timedelta(days=1)
    db.session.commit()
    page = text(signed_in(app, "supervisor").get("/staff/"))
    overdue_part = section(page, "overdue")
    unassigned_part = section(page, "unassigned")
    assert late.reference in overdue_part and 'class="row-overdue"' in overdue_part
    assert waiting.reference in unassigned_part


def test_head_sees_complaints_awaiting_decision(app, fresh, staff):
    case = assigned_request(fresh, staff)
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "Motifs."},
         actor=staff["officer"])
    fire(case, "complain_to_head", {"text": "Je conteste ce refus."}, applicant=True)
    page = text(signed_in(app, "head").get("/staff/"))
    assert case.reference in section(page, "appealed")


def test_case_page_shows_party_clocks_timeline_and_letters(app, fresh, staff):
    case = fresh()
    page = text(signed_in(app, "supervisor").get(f"/staff/cases/{case.reference}"))
    assert "SH123456" in page and "salma.b@example.org" in page and "البناني" in page
    assert case.clock("answer").due_on.isoformat() in page
    assert "<td>المادة 16</td>" in page                 # the article of the answer clock
    assert "/letters/" in page
    letter = case.letters[0]
    pdf = signed_in(app, "viewer").get(f"/staff/cases/{case.reference}/letters/{letter.id}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data == letter.pdf


def test_user_text_is_escaped_on_the_case_page(app, register, staff):
    from tests.conftest import REQUEST

    data = dict(REQUEST, information_requested="<script>alert(1)</script> محضر")
    case = register(data=data).case
    page = text(signed_in(app, "supervisor").get(f"/staff/cases/{case.reference}"))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_assign_and_reassign_never_move_a_clock(app, fresh, staff, make_user):
    make_user("second", "information_officer")
    case = fresh()
    before = [(c.period, c.started_on, c.due_on, c.last_day, c.status) for c in case.clocks]
    supervisor = signed_in(app, "supervisor")
    page = text(supervisor.get(f"/staff/cases/{case.reference}"))
    assert re.search(r'<option value="officer">[^<]*0[^<]*</option>', page)   # workload in the select
    response = supervisor.post(f"/staff/cases/{case.reference}/actions/assign", data={"assign-officer": "officer"})
    assert response.status_code == 302
    supervisor.post(f"/staff/cases/{case.reference}/actions/assign", data={"assign-officer": "second"})
    db.session.expire_all()
    assert case.state == "assigned" and case.assignee.username == "second"
    assert [(c.period, c.started_on, c.due_on, c.last_day, c.status) for c in case.clocks] == before
    assert [e.kind for e in case.events].count("assignment") == 2


def test_invalid_answer_rerenders_with_a_message_per_field_and_keeps_input(app, fresh, staff):
    case = assigned_request(fresh, staff)
    officer = signed_in(app, "officer")
    response = officer.post(f"/staff/cases/{case.reference}/actions/answer",
                            data={"answer-outcome": "refused", "answer-text": "نص التعليل المحفوظ"})
    assert response.status_code == 422
    page = text(response)
    assert "نص التعليل المحفوظ" in page
    assert re.search(r'answer-grounds.*?field-error', page, re.S)
    db.session.expire_all()
    assert case.state == "assigned" and case.outcome is None


def test_answer_with_a_ground_issues_the_letter(app, fresh, staff):
    case = assigned_request(fresh, staff)
    response = signed_in(app, "officer").post(
        f"/staff/cases/{case.reference}/actions/answer",
        data={"answer-outcome": "refused", "answer-grounds": ["exception_art7", "in_preparation"],
              "answer-text": "Motifs détaillés."})
    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == "answered" and case.grounds == ["exception_art7", "in_preparation"]
    assert [letter.kind for letter in case.letters] == ["acknowledgment", "answer"]


def test_refused_transition_flashes_the_reason_and_changes_nothing(app, register, staff):
    case = register().case                      # received in 2025: its deadline has long passed
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"])
    version = case.version
    officer = signed_in(app, "officer")
    response = officer.post(f"/staff/cases/{case.reference}/actions/extend", data={"extend-reason": "Volume."})
    assert response.status_code == 302
    page = text(officer.get(response.headers["Location"]))
    assert "flash-error" in page
    db.session.expire_all()
    assert case.version == version and not case.extended


def test_only_the_assigned_officer_acts(app, fresh, staff, make_user):
    make_user("other", "information_officer")
    case = assigned_request(fresh, staff)
    other = signed_in(app, "other")
    response = other.post(f"/staff/cases/{case.reference}/actions/answer",
                          data={"answer-outcome": "granted", "answer-text": "Ci-joint."})
    assert response.status_code == 302
    assert "flash-error" in text(other.get(response.headers["Location"]))
    db.session.expire_all()
    assert case.state == "assigned"


def test_conflict_is_reported_and_nothing_saved(app, fresh, staff, monkeypatch):
    case = fresh()

    def lost_race(*args, **kwargs):
        raise Conflict("case was changed by another action; reload and try again")

    monkeypatch.setattr("app.services.letter_drafts.fire", lost_race)   # the page acts through letter_drafts.act
    supervisor = signed_in(app, "supervisor")
    response = supervisor.post(f"/staff/cases/{case.reference}/actions/assign", data={"assign-officer": "officer"})
    assert response.status_code == 302
    assert "flash-error" in text(supervisor.get(response.headers["Location"]))
    db.session.expire_all()
    assert case.state == "received"


def test_extend_then_staff_complaint_to_head_then_head_decides(app, fresh, staff):
    case = assigned_request(fresh, staff)
    officer = signed_in(app, "officer")
    due = case.clock("answer").due_on
    assert officer.post(f"/staff/cases/{case.reference}/actions/extend",
                        data={"extend-reason": "Documents volumineux."}).status_code == 302
    db.session.expire_all()
    assert case.extended and case.clock("answer").due_on > due
    officer.post(f"/staff/cases/{case.reference}/actions/answer",
                 data={"answer-outcome": "not_held", "answer-text": "Non détenue."})
    supervisor = signed_in(app, "supervisor")
    supervisor.post(f"/staff/cases/{case.reference}/actions/complain_to_head",
                    data={"complain_to_head-text": "Le demandeur conteste.", "complain_to_head-reason": "Reçue au guichet."})
    db.session.expire_all()
    assert case.state == "appealed"
    head = signed_in(app, "head")
    assert "action-decide" in text(head.get(f"/staff/cases/{case.reference}"))
    head.post(f"/staff/cases/{case.reference}/actions/decide", data={"decide-decision": "upheld", "decide-text": "Le refus est fondé."})
    db.session.expire_all()
    assert case.state == "head_upheld" and case.head_decision == "upheld"


def test_complaint_is_redirected_with_the_competent_body(app, fresh, staff):
    case = fresh("complaint")
    complaints = signed_in(app, "supervisor")
    response = complaints.post(f"/staff/cases/{case.reference}/actions/redirect",
                               data={"redirect-competent_body": ""})
    assert response.status_code == 422
    complaints.post(f"/staff/cases/{case.reference}/actions/redirect",
                    data={"redirect-competent_body": "Agence urbaine de Laâyoune"})
    db.session.expire_all()
    assert case.state == "redirected" and case.competent_body == "Agence urbaine de Laâyoune"


def test_attachment_download(app, fresh, staff):
    from app.models.attachment import Attachment

    case = fresh("complaint")
    folder = app.config["ATTACHMENTS_DIR"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a1b2c3.pdf").write_bytes(b"%PDF-1.4 test")
    item = Attachment(case_id=case.id, original_name="photo route.pdf", stored_name="a1b2c3.pdf",
                      content_type="application/pdf", size=13, sha256="0" * 64)
    db.session.add(item)
    db.session.commit()
    response = signed_in(app, "complaints").get(f"/staff/cases/{case.reference}/attachments/{item.id}")
    assert response.status_code == 200 and response.data == b"%PDF-1.4 test"
    assert signed_in(app, "officer").get(f"/staff/cases/{case.reference}/attachments/{item.id}").status_code == 403
