"""The staff area in a real browser (Debian's Chromium): sign-in, dashboard, case pages,
the registration form and its one-time page, the print view and the admin tables pass
axe-core (WCAG 2.x A/AA and best practices) and fit a 320 px screen.

Runs on SQLite only (a live server in a thread, seeded with the demo data): see conftest.
"""
import pytest

from app.seed.staff import DEMO_PASSWORD
from tests.browser.support import DESKTOP, PHONE, SMALL_PHONE, check_page, focus_is_on, shot, submit

pytestmark = pytest.mark.browser


def _sign_in(page, live_site, username: str):
    page.goto(live_site.at("/staff/login"))
    check_page(page, "sign-in")
    page.fill("#username", username)
    page.fill("#password", DEMO_PASSWORD)
    submit(page)
    assert "/staff/login" not in page.url, "signed in"


def _case_refs(live_site):
    requests = sorted(r for r in live_site.codes if r.startswith("DAI"))
    complaints = sorted(r for r in live_site.codes if r.startswith("REC"))
    return requests[1:3] + complaints[2:3]   # an urgent and an ordinary request, an overdue complaint


@pytest.mark.parametrize(("lang", "width"), [("fr", DESKTOP), ("ar", DESKTOP), ("ar", SMALL_PHONE),
                                             ("fr", SMALL_PHONE)])
def test_dashboard_case_pages_and_print_view(open_page, live_site, lang, width):
    page = open_page(width, lang)
    _sign_in(page, live_site, "supervisor")
    page.goto(live_site.at("/staff/"))
    check_page(page, f"dashboard [{lang}, {width} px]")
    if (lang, width) == ("fr", DESKTOP):
        shot(page, "dashboard-fr-1280")
    if width == SMALL_PHONE:
        shot(page, f"dashboard-{lang}-320")
    page.goto(live_site.at("/staff/cases"))
    check_page(page, f"case list [{lang}, {width} px]")
    for reference in _case_refs(live_site):
        page.goto(live_site.at(f"/staff/cases/{reference}"))
        check_page(page, f"case {reference} [{lang}, {width} px]")
    page.goto(live_site.at(f"/staff/cases/{_case_refs(live_site)[0]}/print"))
    check_page(page, f"print view [{lang}, {width} px]")


@pytest.mark.parametrize("lang", ("ar", "fr"))
def test_registration_errors_are_linked_then_the_one_time_page_switches_language(open_page, live_site, lang):
    page = open_page(PHONE, lang)
    _sign_in(page, live_site, "officer")
    page.goto(live_site.at("/staff/cases/new?type=information_request"))
    check_page(page, f"registration form [{lang}]")
    submit(page, "main form button[type=submit]")
    assert focus_is_on(page, "error-summary")
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count() >= 3, "every error at once"
    for i in range(invalid.count()):
        field = invalid.nth(i)
        described = (field.get_attribute("aria-describedby") or "").split()
        errors = [d for d in described if d.endswith("-error")]
        assert errors and page.locator(f"#{errors[0]}").inner_text().strip(), field.get_attribute("name")
    check_page(page, f"registration form with errors [{lang}]")

    page.fill("#first_name", "Salma")
    page.fill("#last_name", "Bennani")
    page.fill("#id_number", "SH123456")
    page.fill("#address", "Hay Al Wahda, Laayoune")
    page.fill("#information_requested", "Copie du procès-verbal de la session d'octobre 2023.")
    page.fill("#received_at", "2026-11-02T10:00")
    submit(page, "main form button[type=submit]")
    cells = page.locator("table.facts td.big")
    reference, code = cells.nth(0).inner_text().strip(), cells.nth(1).inner_text().strip()
    check_page(page, f"registered [{lang}]")
    other = "fr" if lang == "ar" else "ar"
    submit(page, f".lang-switch button[lang={other}]")
    assert page.locator("html").get_attribute("lang") == other
    cells = page.locator("table.facts td.big")
    assert (cells.nth(0).inner_text().strip(), cells.nth(1).inner_text().strip()) == (reference, code)
    assert code not in page.url
    check_page(page, f"registered after the switch [{other}]")


def test_answer_form_groups_the_grounds_under_a_legend(open_page, live_site):
    page = open_page(DESKTOP, "fr")
    _sign_in(page, live_site, "officer")   # the designated officer answers the requests assigned to them
    for reference in sorted(r for r in live_site.codes if r.startswith("DAI")):
        page.goto(live_site.at(f"/staff/cases/{reference}"))
        grounds = page.locator("fieldset:has(input[type=checkbox][name$=grounds])")
        if grounds.count():
            assert grounds.first.locator("legend").inner_text().strip()
            check_page(page, f"case {reference} with its answer form")
            return
    pytest.fail("no demo case offers the answer form with its grounds")


@pytest.mark.parametrize("width", (SMALL_PHONE,))   # the admin tables are checked on the narrowest screen
def test_admin_pages_name_their_row_buttons(open_page, live_site, width):
    page = open_page(width, "fr")
    _sign_in(page, live_site, "admin")
    for path in ("/staff/admin/users", "/staff/admin/tags", "/staff/admin/holidays", "/staff/admin/categories",
                 "/staff/admin/assignment", "/staff/admin/tokens", "/staff/admin/access-log",
                 "/staff/text-modules", "/staff/approvals", "/staff/disclosures", "/staff/statistics/"):
        page.goto(live_site.at(path))
        check_page(page, f"{path} [fr, {width} px]")
        names = page.locator("main table button").evaluate_all(
            "buttons => buttons.map(b => b.textContent.replace(/\\s+/g, ' ').trim())")
        assert len(names) == len(set(names)), f"{path}: row buttons without their row's name: {names}"


@pytest.mark.parametrize("lang", ("ar", "fr"))
def test_a_failed_staff_form_titles_the_page_and_focuses_the_linked_summary(open_page, live_site, lang):
    page = open_page(PHONE, lang)
    _sign_in(page, live_site, "admin")
    page.goto(live_site.at("/staff/admin/users"))
    form = "main form:has(#full_name_ar)"
    page.locator(form).evaluate("form => { form.noValidate = true; }")   # the server's checks, not the browser's
    page.fill("#username", "Not Valid")
    submit(page, f"{form} button[type=submit]")
    assert page.title().startswith("خطأ: " if lang == "ar" else "Erreur : "), page.title()
    assert focus_is_on(page, "error-summary")
    first = page.locator(".error-summary a").first
    target = first.get_attribute("href")
    assert target == "#username" and page.locator(target).get_attribute("aria-invalid") == "true"
    check_page(page, f"staff form with errors [{lang}]")
