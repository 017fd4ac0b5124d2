"""A portal form posted twice registers one case (one-time submission key), and the status
page names the case's own kind."""
import re
import threading
from datetime import timedelta

import pytest

from app.extensions import db
from app.models.case import Case
from app.services.calendar import utc_now
from tests.app.views.test_portal_support import (COMPLAINT_FORM, REQUEST_FORM, database, portal,  # noqa: F401
                                                 shown_once, submit)

KEY_FIELD = re.compile(r'<input id="submission_key" name="submission_key" type="hidden" value="([^"]+)">')


def drawn_key(client, path):
    """The one-time key of a freshly shown form."""
    return KEY_FIELD.search(client.get(path).get_data(as_text=True)).group(1)


def cases(app) -> list[str]:
    with database(app) as session:
        return list(session.execute(db.select(Case.reference).order_by(Case.id)).scalars())


@pytest.mark.parametrize("path", ["/requests/new", "/complaints/new"])
def test_each_form_shown_draws_a_new_key(portal, client, path):
    first, second = drawn_key(client, path), drawn_key(client, path)
    assert first != second and len(first) >= 24


def status_lookup(client, reference, code):
    return client.post("/status", data={"reference": reference, "access_code": code}).status_code


@pytest.mark.parametrize("path, form", [("/requests/new", REQUEST_FORM), ("/complaints/new", COMPLAINT_FORM)])
def test_double_submit_registers_one_case_and_the_page_shown_last_has_a_working_code(portal, client, app, path,
                                                                                    form):
    data = dict(form, submission_key=drawn_key(client, path))
    first, second = submit(client, path, data), submit(client, path, data)
    reference, first_code, _ = shown_once(first)
    # A double click: the browser shows the answer to the second post, with a new code.
    again, code, page = shown_once(second)
    assert again == reference and code != first_code and cases(app) == [reference]
    assert status_lookup(client, reference, code) == 302
    assert status_lookup(app.test_client(), reference, first_code) == 200    # "not correct": the old code is gone


def test_a_repost_names_the_reference_and_offers_the_receipt_with_the_new_code(portal, client, app):
    data = dict(REQUEST_FORM, submission_key=drawn_key(client, "/requests/new"))
    reference, _, _ = shown_once(submit(client, "/requests/new", data))
    again, code, page = shown_once(submit(client, "/requests/new", data))
    assert again == reference and "سبق إرسال هذه الاستمارة، وقد سُجّلت مرة واحدة" in page
    assert f'action="/receipt/{reference}"' in page
    assert client.post(f"/receipt/{reference}", data={"access_code": code}).data.startswith(b"%PDF")
    assert cases(app) == [reference]
    with database(app) as session:
        case = session.execute(db.select(Case).filter_by(reference=reference)).scalar_one()
        assert [e.data for e in case.events if e.kind == "access_code"] == [{"why": "form_posted_again"}]


def test_the_duplicate_message_is_translated(portal, client, app):
    data = dict(COMPLAINT_FORM, submission_key=drawn_key(client, "/complaints/new?lang=fr"))
    submit(client, "/complaints/new", data)
    page = submit(client, "/complaints/new", data).get_data(as_text=True)
    assert "Ce formulaire a déjà été envoyé : il a été enregistré une seule fois." in page
    client.get("/?lang=ar")
    page = submit(client, "/complaints/new", data).get_data(as_text=True)
    assert "سبق إرسال هذه الاستمارة، وقد سُجّلت مرة واحدة" in page


def test_forms_without_a_key_or_with_a_forged_one_still_register(portal, client, app):
    submit(client, "/requests/new", REQUEST_FORM)
    submit(client, "/requests/new", dict(REQUEST_FORM, submission_key="x" * 500))
    assert len(cases(app)) == 2


def test_a_form_rejected_for_bad_input_keeps_its_key_and_registers_once_corrected(portal, client, app):
    key = drawn_key(client, "/requests/new")
    page = submit(client, "/requests/new", dict(REQUEST_FORM, submission_key=key, last_name="")).get_data(as_text=True)
    assert f'value="{key}"' in page and cases(app) == []
    shown_once(submit(client, "/requests/new", dict(REQUEST_FORM, submission_key=key)))
    assert len(cases(app)) == 1


@pytest.mark.postgres_only
def test_concurrent_posts_of_one_form_register_one_case(portal, app):
    clients = [app.test_client() for _ in range(5)]
    data = dict(REQUEST_FORM, submission_key=drawn_key(clients[0], "/requests/new?lang=fr"))
    session_cookie = clients[0].get_cookie("session", domain=portal.config["SERVER_NAME"])
    for other in clients[1:]:
        other.set_cookie(session_cookie.key, session_cookie.value, domain=session_cookie.domain)
    barrier, answers = threading.Barrier(len(clients), timeout=30), [None] * len(clients)

    def post(index):
        barrier.wait()
        answers[index] = submit(clients[index], "/requests/new", data).status_code

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert len(cases(app)) == 1
    assert set(answers) == {200}      # each answer shows the reference and a code


@pytest.mark.parametrize("kind, label", [("observation", "Observation"), ("proposal", "Proposition"),
                                         ("complaint", "Réclamation")])
def test_status_page_names_the_kind_of_complaint(portal, client, kind, label):
    from app.services.registration import register_case
    from tests.conftest import COMPLAINT

    with database(portal):
        now = utc_now()
        registered = register_case("complaint", dict(COMPLAINT, kind=kind), received_at=now - timedelta(hours=1),
                                   now=now)
        reference, code = registered.case.reference, registered.access_code
    client.get("/?lang=fr")
    client.post("/status", data={"reference": reference, "access_code": code})
    page = client.get(f"/status/{reference}").get_data(as_text=True)
    assert f"<dd>{label}</dd>" in page and "observation ou proposition" not in page
