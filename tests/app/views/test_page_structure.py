"""Every page's frame for assistive technology, checked without a browser (tests/browser checks it in one):
a skip link to the main content, named navigation landmarks, and a title that says a form failed."""
import re

from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_portal_support import portal, submit  # noqa: F401


def _frame_ok(page: str) -> None:
    assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page
    navs = re.findall(r"<nav\b[^>]*>", page)
    assert navs and all('aria-label="' in nav for nav in navs), navs


def test_portal_pages_have_a_skip_link_and_named_navigation(portal, client):
    for path in ("/", "/requests/new", "/complaints/new", "/status", "/disclosures", "/access-code/lost"):
        _frame_ok(client.get(path).get_data(as_text=True))


def test_a_failed_submission_says_so_in_the_title_in_both_languages(portal, client):
    arabic = submit(client, "/requests/new", {"first_name": "سلمى"}).get_data(as_text=True)
    assert re.search(r"<title>خطأ: ", arabic)
    french = submit(client, "/requests/new?lang=fr", {"first_name": "Salma"}).get_data(as_text=True)
    assert re.search(r"<title>Erreur : ", french)
    summary = re.search(r'<div class="error-summary".*?</div>', french, re.S).group(0)
    assert re.findall(r'href="#(\w+)"', summary)[:3] == ["last_name", "id_number", "address"]
    assert not re.search(r"<title>Erreur", client.get("/requests/new?lang=fr").get_data(as_text=True))


def test_a_wrong_code_keeps_the_reference_and_titles_the_page_as_an_error(portal, client):
    page = client.post("/status?lang=fr", data={"reference": "DAI-2026-000042", "access_code": "WRONGCODE1"})
    text = page.get_data(as_text=True)
    assert 'value="DAI-2026-000042"' in text and "WRONGCODE1" not in text
    assert re.search(r"<title>Erreur : ", text)


def test_staff_registration_links_every_error_to_its_field(app, staff):
    client = signed_in(app, "officer")
    page = client.post("/staff/cases/new?type=information_request", data={}).get_data(as_text=True)
    invalid = re.findall(r"<(?:input|textarea|select)\b[^>]*aria-invalid=\"true\"[^>]*>", page)
    assert len(invalid) >= 4, "every error at once"
    for tag in invalid:
        error_id = re.search(r'aria-describedby="(?:[\w-]+ )?([\w-]+-error)"', tag).group(1)
        assert f'id="{error_id}"' in page
    _frame_ok(page)
