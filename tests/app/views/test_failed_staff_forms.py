"""A failed staff action says so: "Error:" first in the title, a summary linking each error to its field (issue 7 §7).

One mechanism (app/form_errors.py + templates/base.html), driven by the forms' errors and the refusals flashed.
"""
import html
import re
from datetime import datetime

import pytest

from app.services.cases import fire
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401

TITLE = {"ar": "<title>خطأ: ", "fr": "<title>Erreur : "}
SUMMARY = {"ar": "يرجى تصحيح ما يلي:", "fr": "Veuillez corriger ce qui suit :"}


def summary_links(page: str) -> list[str]:
    box = re.search(r'<div class="error-summary" role="alert" tabindex="-1">.*?</div>', page, re.S)
    assert box, "no error summary"
    return re.findall(r'href="#([\w-]+)"', box.group(0))


@pytest.fixture
def received(register, staff):
    return register().case


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_failed_case_action_titles_the_page_and_links_the_field(app, received, lang):
    supervisor = signed_in(app, "supervisor")
    response = supervisor.post(f"/staff/cases/{received.reference}/actions/assign?lang={lang}",
                               data={"assign-officer": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert TITLE[lang] in page and SUMMARY[lang] in page
    assert summary_links(page) == ["assign-officer"]
    assert 'id="assign-officer-error"' in page   # the message beside the field, named by aria-describedby
    ok = supervisor.get(f"/staff/cases/{received.reference}?lang={lang}").get_data(as_text=True)
    assert TITLE[lang] not in ok and "error-summary" not in ok


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_failed_admin_form_titles_the_page_and_lists_every_error_in_field_order(app, staff, lang):
    admin = signed_in(app, "admin")
    response = admin.post(f"/staff/admin/users?lang={lang}",
                          data={"username": "Not Valid", "full_name": "", "full_name_ar": "", "role": "viewer",
                                "unit": "", "password": "short"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and TITLE[lang] in page
    assert summary_links(page) == ["username", "full_name", "full_name_ar", "password"]


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_refused_delivery_entry_titles_the_page_it_returns_to(app, register, staff, lang):
    registered = register(received_at=datetime(2025, 7, 1, 9), channel="counter", email_verified_by=None)
    case = registered.case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 7, 2, 10))
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "Art. 7."},
         actor=staff["officer"], now=datetime(2025, 7, 22, 10))
    letter = next(l for l in case.letters if l.kind == "answer")
    officer = signed_in(app, "officer")
    response = officer.post(f"/staff/cases/{case.reference}/letters/{letter.id}/delivery?lang={lang}",
                            data={"method": "hand", "delivered_on": "not a date"})
    page = officer.get(response.location).get_data(as_text=True)
    assert TITLE[lang] in page
    assert re.search(r'<div class="flash flash-error error-summary" role="alert" tabindex="-1">', page)


def test_a_failed_letter_preview_titles_its_page(app, staff):
    from flask import render_template

    class Case:   # the page only needs the reference
        reference = "DAI-2026-000001"

    with app.test_request_context("/?lang=fr"):
        page = render_template("pages/staff/draft_errors.html", case=Case(), trigger="answer",
                               errors={"text": "obligatoire"})
    assert TITLE["fr"] in page and page.count("error-summary") == 1


def test_a_form_left_open_after_the_case_moved_on_says_why(app, register, staff):
    case = register().case
    client = signed_in(app, "supervisor")
    client.post(f"/staff/cases/{case.reference}/actions/withdraw?lang=fr", data={"withdraw-reason": "retrait"})
    # The complaint-to-head form of a tab opened earlier, posted empty on the closed case.
    response = client.post(f"/staff/cases/{case.reference}/actions/complain_to_head?lang=fr",
                           data={"complain_to_head-text": ""}, follow_redirects=True)
    page = html.unescape(response.get_data(as_text=True))
    assert "<title>Erreur" in page
    assert "Cette action n'est pas permise dans l'état actuel du dossier." in page
