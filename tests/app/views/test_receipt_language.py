"""The one-time page that shows an access code switches language without losing it (issue 7 §7).

Its switch is a POST carrying a short-lived signed token and the code
(``app.services.receipt_switch``): the code never lands in a URL; an altered or
expired token, or a code that no longer matches, shows nothing again.
"""
import re
from datetime import timedelta

import time_machine

from app.services.calendar import utc_now
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.app.views.test_portal_support import REQUEST_FORM, portal, shown_once, submit  # noqa: F401
from tests.app.views.test_staff_registration import REQUEST_FORM as COUNTER_FORM
from tests.app.views.test_staff_registration import reference_and_code


def _switch(page: str) -> tuple[str, dict]:
    """The language switch's action and the fields it posts."""
    form = re.search(r'<nav class="lang-switch"[^>]*>.*?<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(2)))
    return form.group(1), fields


def test_the_portal_receipt_switches_language_and_keeps_reference_and_code(portal, client):
    reference, code, page = shown_once(submit(client, "/requests/new", REQUEST_FORM))
    action, fields = _switch(page)
    assert action == "/receipt/language?lang=fr" and code not in action and reference not in action
    assert set(fields) == {"csrf_token", "receipt", "access_code"} and code not in fields["receipt"]
    french = client.post(action, data=fields)
    assert french.status_code == 200
    again, code_again, text = shown_once(french)
    assert (again, code_again) == (reference, code)
    assert '<html lang="fr" dir="ltr">' in text and "Votre demande a été reçue" in text
    back_action, back_fields = _switch(text)
    assert back_action == "/receipt/language?lang=ar"
    assert shown_once(client.post(back_action, data=back_fields))[:2] == (reference, code)
    assert code not in client.get("/").headers.get("Set-Cookie", "")


def test_an_altered_or_expired_token_or_a_wrong_code_shows_nothing_again(portal, client):
    reference, code, page = shown_once(submit(client, "/requests/new", REQUEST_FORM))
    action, fields = _switch(page)
    for changed in ({"receipt": fields["receipt"][:-2] + "xx"}, {"access_code": "WRONGCODE1"}, {"receipt": ""}):
        answer = client.post(action, data={**fields, **changed})
        assert answer.status_code == 302 and answer.location.endswith("/status"), changed
    with time_machine.travel(utc_now() + timedelta(minutes=31), tick=False):
        answer = client.post(action, data=fields)
    assert answer.status_code == 302 and code not in answer.get_data(as_text=True)


def test_the_staff_registered_page_switches_language_and_keeps_the_code(app, staff):
    client = signed_in(app, "officer")
    page = client.post("/staff/cases/new?type=information_request",
                       data=dict(COUNTER_FORM, received_at="2025-10-28T10:00")).get_data(as_text=True)
    reference, code = reference_and_code(page)
    action, fields = _switch(page)
    assert action == f"/staff/cases/{reference}/registered?lang=fr" and code not in action
    french = client.post(action, data=fields)
    assert french.status_code == 200
    assert reference_and_code(french.get_data(as_text=True)) == (reference, code)
    assert '<html lang="fr" dir="ltr">' in french.get_data(as_text=True)
    wrong = client.post(action, data={**fields, "access_code": "WRONGCODE1"})
    assert wrong.status_code == 302 and wrong.location.endswith(f"/staff/cases/{reference}")
    assert client.get(f"/staff/cases/{reference}/registered").status_code == 302
