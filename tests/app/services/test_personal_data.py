"""Access and rectification on request (Law 09-08 arts. 7-8): export everything, correct with an audit."""
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models import AccessLogEntry
from app.services import personal_data
from app.services.cases import fire
from app.services.intake import IntakeError, clean_complaint, clean_information_request
from tests.conftest import COMPLAINT, REQUEST

NOW = datetime(2025, 11, 3, 10, 0)
SAME_PERSON_COMPLAINT = {**COMPLAINT, "complainant": {**COMPLAINT["complainant"], "id_number": "SH123456"}}


def test_the_notice_names_exactly_the_fields_intake_requires(ctx):
    cleaners = {"information_request": (clean_information_request, REQUEST, "applicant"),
                "complaint": (clean_complaint, COMPLAINT, "complainant")}
    for kind, (clean, sample, who) in cleaners.items():
        required = set()
        for name in (*sample[who], *sample):
            data = {**sample, who: {**sample[who]}}
            (data[who] if name in sample[who] else data).pop(name, None)
            try:
                clean(data)
            except IntakeError as exc:
                if any(message == "this field is required" for message in exc.errors.values()):
                    required.add(name)
        assert required == set(personal_data.MANDATORY_FIELDS[kind]), kind


def test_the_export_holds_every_file_of_the_person_that_the_unit_handles(register, staff):
    request = register().case
    complaint = register("complaint", data=SAME_PERSON_COMPLAINT).case
    register("complaint")                                           # someone else
    db.session.add(AccessLogEntry(user_id=staff["viewer"].id, case_id=request.id, what="case", at=NOW))
    db.session.commit()
    everything = personal_data.export(request, staff["supervisor"], NOW)
    assert [c["reference"] for c in everything["cases"]] == [request.reference, complaint.reference]
    assert everything["applicant"]["id_number"] == "SH123456" and everything["other_cases"] == []
    first = everything["cases"][0]
    assert first["request"]["information_requested"] == REQUEST["information_requested"]
    assert first["letters"][0]["kind"] == "acknowledgment" and first["emails"][0]["to"] == "salma.b@example.org"
    assert first["viewed_by"] == [{"at": NOW.isoformat() + "Z", "what": "case", "role": "viewer"}]
    officer_view = personal_data.export(request, staff["officer"], NOW)
    assert [c["reference"] for c in officer_view["cases"]] == [request.reference]
    assert officer_view["other_cases"] == [{"reference": complaint.reference, "kind": "complaint"}]


def test_a_correction_keeps_the_before_and_after_on_the_timeline(register, staff):
    case = register(email_verified_by=None).case
    data = {**REQUEST["applicant"], "address": "زنقة 14، حي القدس، العيون", "id_number": "sh 123457"}
    changes = personal_data.rectify(case, data, email_verified=False, reason="رسالة المعني بتاريخ 2025-11-02",
                                    actor=staff["officer"], now=NOW)
    assert changes == {"address": {"before": REQUEST["applicant"]["address"], "after": "زنقة 14، حي القدس، العيون"},
                       "id_number": {"before": "SH123456", "after": "SH123457"}}
    event = case.events[-1]
    assert (event.kind, event.actor, event.reason) == ("personal_data", staff["officer"], "رسالة المعني بتاريخ 2025-11-02")
    assert event.data == {"action": "rectified", "changes": changes}
    assert case.party.address == "زنقة 14، حي القدس، العيون" and case.party.id_number == "SH123457"


def test_a_new_address_must_be_confirmed_again_unless_proved_at_the_counter(register, staff):
    from app.models import Notification

    case = register().case                                         # confirmed at the counter
    new = {**REQUEST["applicant"], "email": "salma.new@example.org"}
    personal_data.rectify(case, new, email_verified=False, reason="nouvelle adresse", actor=staff["officer"], now=NOW)
    assert case.party.email_confirmed_at is None
    keys = db.session.execute(db.select(Notification.dedup_key).filter_by(case_id=case.id)).scalars().all()
    assert any(k.startswith("confirm:") for k in keys)
    personal_data.rectify(case, new, email_verified=True, reason="vue au guichet", actor=staff["officer"],
                          now=NOW + timedelta(hours=1))
    assert case.party.email_confirmed_by == "counter"


@pytest.mark.parametrize("change, reason, field", [
    ({"first_name": ""}, "x", "first_name"), ({"id_number": "123"}, "x", "id_number"),
    ({"email": "not-an-address"}, "x", "email"), ({"address": "a\x00b"}, "x", "address"), ({}, " ", "reason")])
def test_invalid_corrections_change_nothing(register, staff, change, reason, field):
    case = register().case
    events = len(case.events)
    with pytest.raises(IntakeError) as refused:
        personal_data.rectify(case, {**REQUEST["applicant"], **change}, email_verified=False, reason=reason,
                              actor=staff["officer"], now=NOW)
    assert field in refused.value.errors
    db.session.expire_all()
    assert len(case.events) == events and case.party.first_name == "سلمى"


def test_nothing_to_correct_is_refused(register, staff):
    case = register().case
    with pytest.raises(personal_data.RectificationRefused, match="unchanged"):
        personal_data.rectify(case, dict(REQUEST["applicant"]), email_verified=False, reason="x",
                              actor=staff["officer"], now=NOW)


def test_the_correction_is_for_staff_only(register, staff):
    from app.services.status import status_facts

    case = register().case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=NOW)
    personal_data.rectify(case, {**REQUEST["applicant"], "phone": "+212 6 00 00 00 00"}, email_verified=False,
                          reason="x", actor=staff["officer"], now=NOW)
    facts = str(status_facts(case, NOW))
    assert "+212 6 00 00 00 00" not in facts and "rectified" not in facts and "personal_data" not in facts
