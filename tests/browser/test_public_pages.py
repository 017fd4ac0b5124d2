"""The public portal in a real browser (Debian's Chromium): every page in Arabic and French,
at desktop (1280 px) and phone (390 and 320 px) widths, passes axe-core (WCAG 2.x A/AA and
best practices) with no violation and does not scroll sideways.

Runs on SQLite only (a live server in a thread, seeded with the demo data): see conftest.
"""
import re

import pytest

from tests.browser.support import DESKTOP, PHONE, SMALL_PHONE, WIDTHS, check_page, focus_is_on, shot, submit

pytestmark = pytest.mark.browser

LANGS = ("ar", "fr")
PUBLIC_PAGES = ("/", "/requests/new", "/complaints/new", "/status", "/statistics", "/disclosures",
                "/access-code/lost", "/no-such-page")


def _demo_case(live_site, prefix: str):
    return next((ref, code) for ref, code in live_site.codes.items() if ref.startswith(prefix))


def _look_up(page, live_site, reference: str, code: str):
    page.goto(live_site.at("/status"))
    page.fill("#reference", reference)
    page.fill("#access_code", code)
    submit(page, "form.card button[type=submit]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", (DESKTOP, SMALL_PHONE))   # 390 px: the status and complaint tests below
def test_public_pages_pass_axe_and_fit_the_screen(open_page, live_site, lang, width):
    page = open_page(width, lang)
    for path in PUBLIC_PAGES:
        page.goto(live_site.at(path))
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        check_page(page, f"{path} [{lang}, {width} px]")
    page.goto(live_site.at("/disclosures"))
    first = page.locator("main a[href^='/disclosures/']").first
    if first.count():
        first.click()
        check_page(page, f"a published answer [{lang}, {width} px]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_status_page_wrong_code_then_right_code(open_page, live_site, lang, width):
    page = open_page(width, lang)
    reference, code = _demo_case(live_site, "DAI")
    _look_up(page, live_site, reference, "WRONGCODE1")
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#reference") == reference, "the reference stays filled in after a wrong code"
    assert focus_is_on(page, "error-summary")
    check_page(page, f"status lookup, wrong code [{lang}, {width} px]")
    page.fill("#access_code", code)
    submit(page, "form.card button[type=submit]")
    assert re.search(r"/status/DAI-", page.url)
    check_page(page, f"status page [{lang}, {width} px]")
    if lang == "ar" and width == PHONE:
        shot(page, "status-ar-390")
    if width == SMALL_PHONE:
        shot(page, f"status-{lang}-320")


def _fill_party(page):
    page.fill("#first_name", "سلمى")
    page.fill("#last_name", "العلوي")
    page.fill("#id_number", "AB123456")
    page.fill("#address", "حي القدس، العيون")


@pytest.mark.parametrize(("lang", "width"), [("ar", SMALL_PHONE), ("fr", DESKTOP)])
def test_request_errors_then_receipt_and_its_language_switch(open_page, live_site, lang, width):
    page = open_page(width, lang)
    page.goto(live_site.at("/requests/new"))
    page.fill("#first_name", "سلمى")
    submit(page)
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert focus_is_on(page, "error-summary"), "focus on the summary"
    assert page.title().startswith("خطأ" if lang == "ar" else "Erreur"), page.title()
    linked = summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert linked[:2] == ["#last_name", "#id_number"], f"errors listed in field order: {linked}"
    check_page(page, f"request form with errors [{lang}, {width} px]")

    _fill_party(page)
    page.fill("#information_requested", "نسخة من محضر الدورة العادية لشهر مارس.")
    submit(page)
    receipt = page.locator("dl.codes dd")
    reference, code = receipt.nth(0).inner_text().strip(), receipt.nth(1).inner_text().strip()
    assert reference.startswith("DAI-") and len(code) >= 8
    check_page(page, f"receipt [{lang}, {width} px]")

    other = "fr" if lang == "ar" else "ar"
    submit(page, f".lang-switch button[lang={other}]")
    assert page.locator("html").get_attribute("lang") == other
    receipt = page.locator("dl.codes dd")
    assert (receipt.nth(0).inner_text().strip(), receipt.nth(1).inner_text().strip()) == (reference, code)
    assert code not in page.url and reference not in page.url
    check_page(page, f"receipt after the language switch [{other}, {width} px]")


@pytest.mark.parametrize("lang", LANGS)
def test_complaint_errors_then_success(open_page, live_site, lang):
    page = open_page(PHONE, lang)
    page.goto(live_site.at("/complaints/new"))
    submit(page)
    linked = page.locator(".error-summary a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert linked[0] == "#subject", f"the complaint's own fields come first, as on the page: {linked}"
    check_page(page, f"complaint form with errors [{lang}]")
    page.fill("#subject", "إنارة عمومية معطلة")
    page.fill("#description", "الإنارة العمومية في شارع السمارة معطلة منذ شهرين.")
    _fill_party(page)
    submit(page)
    assert page.locator("dl.codes dd").nth(0).inner_text().strip().startswith("REC-")
    check_page(page, f"complaint receipt [{lang}]")
