"""No e-mail carrying the applicant's text goes to an address that was not confirmed."""
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models.notification import Notification
from app.services import email_confirmation, notifications
from app.services.cases import fire
from tests.conftest import REQUEST

RECEIVED = datetime(2025, 10, 27, 9, 0)


def outbox(case):
    return db.session.execute(db.select(Notification).filter_by(case_id=case.id)
                              .order_by(Notification.id)).scalars().all()


def link_token(notice) -> str:
    return notice.body.split(email_confirmation.CONFIRM_PATH, 1)[1].split()[0]


def test_a_portal_address_gets_one_short_notice_without_the_applicants_text(register):
    case = register(email_verified_by=None).case
    (notice,) = outbox(case)
    assert notice.dedup_key.startswith("confirm:") and notice.letter_id is None
    assert notice.recipient == "salma.b@example.org" and case.reference in notice.subject
    for written in ("سلمى", "البناني", "محضر", "SH123456", "حي الوحدة"):
        assert written not in notice.body and written not in notice.subject
    assert email_confirmation.public_url(email_confirmation.CONFIRM_PATH) in notice.body
    assert case.party.confirmed_email is None


def test_the_notice_is_in_the_case_language_with_the_links_last_day(register):
    data = {**REQUEST, "language": "fr"}
    case = register(data=data, email_verified_by=None, now=datetime(2026, 3, 2, 9)).case
    (notice,) = outbox(case)
    assert "Confirmation de votre adresse électronique" in notice.subject
    assert "valable jusqu'au mercredi 1 avril 2026" in notice.body      # 30 days, Casablanca date


def test_confirming_queues_the_letters_held_back(register):
    case = register(email_verified_by=None).case
    token = link_token(outbox(case)[0])
    assert email_confirmation.case_for_link(token, RECEIVED) == case   # looking changes nothing
    assert case.party.email_confirmed_at is None
    email_confirmation.confirm(token, RECEIVED + timedelta(hours=1))
    assert (case.party.email_confirmed_by, case.party.confirmed_email) == ("link", "salma.b@example.org")
    letters = [n for n in outbox(case) if n.letter_id]
    assert [n.letter_id for n in letters] == [case.letters[0].id]
    email_confirmation.confirm(token, RECEIVED + timedelta(hours=2))   # a second click changes nothing
    assert len(outbox(case)) == 2
    assert case.events[-1].data == {"action": "email_confirmed", "by": "link"}


def test_later_letters_follow_once_confirmed_and_not_before(register, staff):
    case = register(email_verified_by=None).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
    fire(case, "extend", {"reason": "وثائق في الأرشيف"}, actor=staff["officer"], now=RECEIVED + timedelta(days=3))
    assert [n for n in outbox(case) if n.letter_id] == []
    email_confirmation.confirm(link_token(outbox(case)[0]), RECEIVED + timedelta(days=4))
    assert len([n for n in outbox(case) if n.letter_id]) == 2          # receipt and extension notice
    fire(case, "answer", {"outcome": "granted", "text": "تجدون رفقته المحضر."}, actor=staff["officer"],
         now=RECEIVED + timedelta(days=5))
    assert len([n for n in outbox(case) if n.letter_id]) == 3


def test_an_unconfirmed_address_gets_no_deemed_refusal_email(register):
    from app.services.deadlines import sweep

    case = register(email_verified_by=None).case
    sweep(datetime(2025, 11, 27, 10))
    assert case.state == "deemed_refused"
    assert [n.dedup_key.split(":")[0] for n in outbox(case)] == ["confirm"]


def test_staff_at_the_counter_confirm_at_once(register):
    case = register(email_verified_by="counter").case
    assert case.party.email_confirmed_by == "counter"
    assert [n.letter_id for n in outbox(case)] == [case.letters[0].id]


@pytest.mark.parametrize("tamper", ["altered", "expired", "address_changed", "other_kind_of_link"])
def test_a_bad_link_confirms_nothing(register, tamper):
    from app.services import signed_links

    case = register(email_verified_by=None).case
    token, when = link_token(outbox(case)[0]), RECEIVED + timedelta(days=30)   # the last valid instant
    email_confirmation.case_for_link(token, when)
    if tamper == "altered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif tamper == "expired":
        when += timedelta(seconds=1)
    elif tamper == "address_changed":
        case.party.email = "other@example.org"
        db.session.commit()
    else:
        token = signed_links.make("nafida.access-code", {"p": case.party.id, "e": "x"}, RECEIVED)
    with pytest.raises(email_confirmation.LinkInvalid):
        email_confirmation.confirm(token, when)
    assert case.party.email_confirmed_at is None


def test_no_address_no_notice(register):
    data = {**REQUEST, "applicant": {**REQUEST["applicant"], "email": None}}
    case = register(data=data, email_verified_by=None).case
    assert outbox(case) == []


def test_only_a_confirmed_address_is_a_recipient(register):
    case = register(email_verified_by=None).case
    assert notifications.queue_letter_email(case, case.letters[0]) is None
