"""The access code is printed on the applicant's copy of the receipt (never on the stored one), and every page says so."""
import re

import pytest

from tests.app.services.test_letters import pdf_text
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_portal_support import REQUEST_FORM, portal, shown_once, submit  # noqa: F401
from tests.app.views.test_staff_registration import REQUEST_FORM as COUNTER_FORM
from tests.app.views.test_staff_registration import reference_and_code


@pytest.mark.real_pdf
def test_the_staff_registered_page_hands_over_a_receipt_that_prints_the_code(app, staff):
    client = signed_in(app, "officer")
    page = client.post("/staff/cases/new?type=information_request",
                       data=dict(COUNTER_FORM, received_at="2025-10-28T10:00"))
    assert page.status_code == 200
    page = page.get_data(as_text=True)
    reference, code = reference_and_code(page)
    assert "لا يمكن استرجاعه" not in page
    assert "سلّم وصل الإيداع لصاحب الطلب: يتضمن الرقم المرجعي ورمز الولوج" in page
    action = re.search(r'action="([^"]*/receipt)"', page).group(1)
    text = pdf_text(client.post(action, data={"access_code": code}).data)
    assert code in text and reference in text and "code d'accès" in text
    # The stored receipt, which every staff role can download, does not print it.
    stored = client.get(re.search(r'href="([^"]*/letters/\d+\.pdf)"',
                                  client.get(f"/staff/cases/{reference}").get_data(as_text=True)).group(1))
    assert reference in pdf_text(stored.data) and code not in pdf_text(stored.data)


@pytest.mark.real_pdf
def test_the_portal_receipt_prints_the_code_shown_once(portal, client):
    reference, code, page = shown_once(submit(client, "/requests/new", REQUEST_FORM))
    assert "وهو مطبوع أيضا على وصل الإيداع" in page
    text = pdf_text(client.post(f"/receipt/{reference}", data={"access_code": code}).data)
    assert code in text and "رمز الولوج" in text


def test_the_lookup_and_home_pages_say_the_receipt_prints_both(portal, client):
    client.get("/?lang=fr")
    for path in ("/", "/status"):
        assert "Tous deux figurent sur votre accusé de réception." in client.get(path).get_data(as_text=True)
