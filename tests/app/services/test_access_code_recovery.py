"""Lost access code: a one-time link to the address on file, then a new code; nothing revealed."""
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models.notification import Notification
from app.services import access_code_recovery, notifications
from app.services.access_code_recovery import NEW_CODE_PATH
from app.services.status import case_for_applicant
from tests.conftest import REQUEST

NOW = datetime(2025, 11, 3, 10, 0)


def links(case):
    return db.session.execute(db.select(Notification).where(
        Notification.case_id == case.id, Notification.dedup_key.startswith("access-link:"))).scalars().all()


def token_of(notice) -> str:
    return notice.body.split(NEW_CODE_PATH, 1)[1].split()[0]


def test_the_link_goes_to_the_address_on_file_without_the_applicants_text(register):
    registered = register(email_verified_by=None)
    case = registered.case
    access_code_recovery.request_link(f"  {case.reference.lower()} ", NOW)
    (notice,) = links(case)
    assert notice.recipient == "salma.b@example.org" and case.reference in notice.subject
    assert "سلمى" not in notice.body and registered.access_code not in notice.body
    assert "2025-11-03 12:00" in notice.body     # 10:00 UTC + 60 minutes, in Casablanca (UTC+1)
    assert case.events[-1].data == {"action": "link_sent"}


@pytest.mark.parametrize("reference", ["DAI-2025-999999", "nonsense", "", None])
def test_an_unknown_reference_queues_nothing_and_says_nothing(register, reference):
    register()
    access_code_recovery.request_link(reference, NOW)
    assert db.session.execute(db.select(Notification).where(
        Notification.dedup_key.startswith("access-link:"))).scalars().all() == []


def test_the_same_work_is_done_whether_the_reference_exists_or_not(register, monkeypatch):
    """One e-mail rendered and one link signed either way (only the insert differs)."""
    case = register().case
    without_email = register(data={**REQUEST, "applicant": {**REQUEST["applicant"], "email": None}}).case
    rendered = []
    real = notifications.render_email
    monkeypatch.setattr(notifications, "render_email",
                        lambda kind, lang, **c: rendered.append(kind) or real(kind, lang, **c))
    for reference in (case.reference, "DAI-2025-999999", without_email.reference):
        access_code_recovery.request_link(reference, NOW)
    assert rendered == ["access_code_link"] * 3


def test_the_link_gives_a_new_code_once_and_the_old_one_stops(register):
    registered = register(email_verified_by=None)
    case = registered.case
    access_code_recovery.request_link(case.reference, NOW)
    token = token_of(links(case)[0])
    assert access_code_recovery.case_for_link(token, NOW) == case          # opening the link changes nothing
    assert case_for_applicant(case.reference, registered.access_code) == case
    _, new_code = access_code_recovery.redeem(token, NOW + timedelta(minutes=5))
    assert case_for_applicant(case.reference, registered.access_code) is None
    assert case_for_applicant(case.reference, new_code) == case
    assert case.party.email_confirmed_by == "access_code_link"      # the mailbox was proved
    with pytest.raises(access_code_recovery.LinkInvalid):
        access_code_recovery.redeem(token, NOW + timedelta(minutes=6))


def test_the_link_expires(register):
    case = register().case
    access_code_recovery.request_link(case.reference, NOW)
    token = token_of(links(case)[0])
    with pytest.raises(access_code_recovery.LinkInvalid):
        access_code_recovery.redeem(token, NOW + timedelta(minutes=61))


def test_the_counter_gives_a_new_code(register, staff):
    registered = register()
    code = access_code_recovery.reissue_at_counter(registered.case, staff["officer"], NOW)
    assert case_for_applicant(registered.case.reference, registered.access_code) is None
    assert case_for_applicant(registered.case.reference, code) == registered.case
    assert registered.case.events[-1].data == {"action": "reissued_at_counter"}
    assert code not in str([e.data for e in registered.case.events])
