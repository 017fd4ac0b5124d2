"""Pages and e-mails as people read them: plural forms, each clock in its own unit, each kind by its
own name (issue 7 §2)."""
from datetime import date, datetime

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.labels import clock_length, day_count
from app.models.user import User
from app.services import notifications
from app.services.cases import fire
from app.services.calendar import utc_now
from app.services.registration import register_case
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_portal_support import database, portal  # noqa: F401
from tests.app.views.test_status_dates import frozen
from tests.conftest import COMPLAINT, REQUEST

DAY0 = datetime(2025, 10, 27, 9, 0)       # Monday


@pytest.mark.parametrize("count, working, calendar", [
    (0, "0 يوم عمل", "0 يوم"), (1, "يوم عمل واحد", "يوم واحد"), (2, "يوما عمل", "يومان"),
    (3, "3 أيام عمل", "3 أيام"), (10, "10 أيام عمل", "10 أيام"), (11, "11 يوم عمل", "11 يوما"),
    (99, "99 يوم عمل", "99 يوما"), (100, "100 يوم عمل", "100 يوم"), (101, "101 يوم عمل", "101 يوم"),
])
def test_arabic_counts_take_each_of_the_six_forms(app, count, working, calendar):
    with app.test_request_context(), force_locale("ar"):
        assert (day_count(count, "working"), day_count(count, "calendar")) == (working, calendar)


@pytest.mark.parametrize("count, working, calendar", [
    (0, "0 jour ouvrable", "0 jour"), (1, "1 jour ouvrable", "1 jour"), (2, "2 jours ouvrables", "2 jours"),
    (60, "60 jours ouvrables", "60 jours"),
])
def test_french_counts_are_singular_up_to_one(app, count, working, calendar):
    with app.test_request_context(), force_locale("fr"):
        assert (day_count(count, "working"), day_count(count, "calendar")) == (working, calendar)


def test_an_extended_clock_states_both_periods(app):
    with app.test_request_context(), force_locale("fr"):
        assert clock_length(20, "working", 20) == "20 + 20 jours ouvrables"
    with app.test_request_context(), force_locale("ar"):
        assert clock_length(3, "working", 3) == "3 + 3 أيام عمل"


def _status(portal, client, kind, data, lang, moment=DAY0):
    with frozen(moment):
        with database(portal):
            registered = register_case(kind, data, received_at=DAY0)
            reference, code = registered.case.reference, registered.access_code
        client.post("/status", data={"reference": reference, "access_code": code})
        return client.get(f"/status/{reference}?lang={lang}").get_data(as_text=True)


@pytest.mark.parametrize("lang, left, wrong", [
    ("ar", "<dd>60 يوما</dd>", "41"), ("fr", "<dd>60 jours</dd>", "41"),
])
def test_a_complaint_reads_calendar_days_left_on_day_0(portal, client, lang, left, wrong):
    page = _status(portal, client, "complaint", COMPLAINT, lang)
    assert left in page
    assert f"<dd>{wrong}" not in page and "ouvrables</dd>" not in page and "يوم عمل</dd>" not in page


def test_an_observation_is_never_called_a_complaint(portal, client):
    observation = {**COMPLAINT, "kind": "observation"}
    ar = _status(portal, client, "complaint", observation, "ar")
    assert "تم التوصل بالملاحظة" in ar and "بالشكاية" not in ar
    fr = _status(portal, client, "complaint", {**COMPLAINT, "kind": "proposal"}, "fr")
    assert "Proposition reçue" in fr and "Réclamation reçue" not in fr


def test_staff_title_and_lists_name_the_kind(app, register, staff):
    case = register("complaint", {**COMPLAINT, "kind": "observation"}).case
    client = signed_in(app, "supervisor")
    page = client.get(f"/staff/cases/{case.reference}?lang=fr").get_data(as_text=True)
    assert f"{case.reference}</span> · Observation" in page
    listing = client.get("/staff/cases?lang=fr").get_data(as_text=True)
    assert "Observation" in listing


def test_the_staff_case_page_counts_each_clock_in_its_unit(app, register, staff):
    request = register().case
    fire(request, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=DAY0)
    fire(request, "extend", {"reason": "Volume"}, actor=staff["officer"], now=DAY0)
    complaint = register("complaint", received_at=utc_now()).case        # day 0 is today
    with frozen(DAY0):
        page = signed_in(app, "supervisor").get(f"/staff/cases/{request.reference}?lang=fr").get_data(as_text=True)
        assert "20 + 20 jours ouvrables" in page and "40 jours ouvrables" in page
    page = signed_in(app, "supervisor").get(f"/staff/cases/{complaint.reference}?lang=ar").get_data(as_text=True)
    assert "<td>60 يوما</td>" in page and "المرسوم رقم 2.17.265" in page and "décret" not in page


@pytest.mark.parametrize("lang, left, clock_days", [
    ("ar", "يتبقى 3 أيام عمل", "answer"), ("fr", "Il reste 3 jours ouvrables", "answer"),
    ("ar", "يتبقى يوما عمل", "answer"), ("ar", "يتبقى يوم عمل واحد", "answer"),
])
def test_reminders_write_counts_in_their_plural_form(app, register, staff, lang, left, clock_days):
    case = register().case
    clock = case.clock(clock_days)
    user = db.session.get(User, staff["officer"].id)
    user.email = "officer@example.org"
    count = {"3": 3, "يوما": 2, "واحد": 1}[next(k for k in ("3", "يوما", "واحد") if k in left)]
    app.config["BABEL_DEFAULT_LOCALE"] = lang
    try:
        notice = notifications.deadline_notice("reminder", case, clock, user, date(2025, 11, 20), count)
    finally:
        app.config["BABEL_DEFAULT_LOCALE"] = "ar"
    assert left in notice.body and "(أيام)" not in notice.body and "jour(s)" not in notice.body


def test_letter_e_mails_name_the_kind(app, register):
    case = register("complaint", {**COMPLAINT, "kind": "proposal", "language": "ar"}).case
    subject, _ = notifications.render_email("letter", "ar", case=case, letter=case.letters[0], status_url="x")
    assert "اقتراحكم" in subject and "الشكاية" not in subject
    subject, _ = notifications.render_email("letter", "fr", case=case, letter=case.letters[0], status_url="x")
    assert "votre proposition" in subject and "réclamation" not in subject


def test_a_request_reads_working_days(portal, client):
    page = _status(portal, client, "information_request", REQUEST, "ar")
    assert "<dd>20 يوم عمل</dd>" in page
