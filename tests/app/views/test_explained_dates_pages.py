"""Provisional dates and skipped days on the status page and the staff case page (issue 8 §3)."""
from datetime import datetime

from tests.app.views.staff_support import signed_in
from tests.app.views.test_portal_support import database, portal  # noqa: F401
from tests.app.views.test_status_dates import frozen, status_page


def test_the_status_page_says_a_date_crossing_an_estimated_holiday_is_provisional(portal, client):
    page = status_page(portal, client, datetime(2026, 5, 10, 9, 0), lang="fr")
    assert "mardi 9 juin 2026" in page and "date provisoire" in page
    assert "Jours non comptés : mercredi 27 mai 2026 (Aïd al-Adha), jeudi 28 mai 2026 (Aïd al-Adha)" in page


def test_the_status_page_in_arabic(portal, client):
    page = status_page(portal, client, datetime(2026, 5, 10, 9, 0), lang="ar")
    assert "تاريخ مؤقت" in page and "أيام غير محتسبة" in page and "عيد الأضحى" in page


def test_a_final_date_lists_its_skipped_days_without_the_provisional_mark(portal, client):
    # LAW.md §5: Fri 2025-06-06 → Tue 2025-07-08 (the closure of 9 June and 1 Muharram are listed).
    page = status_page(portal, client, datetime(2025, 6, 6, 10, 0), lang="fr")
    assert "date provisoire" not in page
    assert "lundi 9 juin 2025 (fermeture exceptionnelle), vendredi 27 juin 2025 (1er Moharram)" in page


def test_the_staff_case_page_shows_both(app, register, staff):
    received = datetime(2026, 5, 10, 9, 0)
    case = register(received_at=received).case
    with frozen(received):
        page = signed_in(app, "supervisor").get(f"/staff/cases/{case.reference}?lang=fr").get_data(as_text=True)
    assert "date provisoire" in page
    assert 'Jours non comptés : <span class="ltr">2026-05-27</span> (Aïd al-Adha)' in page


def test_the_api_clocks_carry_provisional_and_skipped(app, register):
    received = datetime(2026, 5, 10, 9, 0)
    registered = register(received_at=received)
    with frozen(received):
        body = app.test_client().get(f"/api/v1/status/{registered.case.reference}",
                                     headers={"X-Access-Code": registered.access_code}).get_json()
    [clock] = body["clocks"]
    assert clock["provisional"] is True and clock["due_on"] == "2026-06-09"
    assert [(d["date"], d["label"]["fr"]) for d in clock["skipped"]] == [
        ("2026-05-27", "Aïd al-Adha"), ("2026-05-28", "Aïd al-Adha")]


def test_the_printed_case_shows_both(app, register, staff):
    received = datetime(2026, 5, 10, 9, 0)
    case = register(received_at=received).case
    with frozen(received):
        page = signed_in(app, "supervisor").get(f"/staff/cases/{case.reference}/print?lang=fr").get_data(as_text=True)
    assert "2026-06-09 (date provisoire)" in page
    assert 'Jours non comptés : <span class="ltr">2026-05-27</span> (Aïd al-Adha)' in page
