"""Registration with a one-time submission key; the access code is printed only on the applicant's
copy of the receipt, made on demand, never on a stored letter."""
import copy
import threading
from datetime import datetime

import pytest

from app.extensions import db
from app.models.case import Case
from app.services import letters
from app.services.cases import fire
from app.services.intake import IntakeError
from app.services.letter_facts import LetterUnavailable
from app.services.registration import DuplicateSubmission, register_case
from tests.app.services.test_letters import letter_of, pdf_text
from tests.conftest import COMPLAINT, REQUEST

RECEIVED = datetime(2025, 10, 27, 9, 0)
KEY = "k" * 32


def case_count() -> int:
    return db.session.execute(db.select(db.func.count()).select_from(Case)).scalar_one()


def test_a_key_registers_one_case_and_names_it_to_the_duplicate(register):
    first = register(submission_key=KEY)
    with pytest.raises(DuplicateSubmission) as raised:
        register(submission_key=KEY)
    assert raised.value.reference == first.case.reference and case_count() == 1
    assert db.session.get(Case, first.case.id).submission_key == KEY


def test_the_key_is_shared_by_both_kinds_and_optional(register):
    register(submission_key=KEY)
    with pytest.raises(DuplicateSubmission):
        register("complaint", submission_key=KEY)
    register(), register(), register(submission_key="")
    assert case_count() == 4


def test_a_too_long_key_is_invalid_input(register):
    with pytest.raises(IntakeError) as raised:
        register(submission_key="k" * 65)
    assert "submission_key" in raised.value.errors and case_count() == 0


def test_a_rejected_duplicate_leaves_the_reference_counter_alone(register):
    first = register(submission_key=KEY)
    with pytest.raises(DuplicateSubmission):
        register(submission_key=KEY)
    assert int(register().case.reference[-6:]) == int(first.case.reference[-6:]) + 1


@pytest.mark.postgres_only
def test_concurrent_registrations_with_one_key_make_one_case(ctx):
    outcomes, barrier = [None] * 5, threading.Barrier(5, timeout=30)

    def work(index):
        with ctx.app_context():
            barrier.wait()
            try:
                outcomes[index] = register_case("information_request", REQUEST, received_at=RECEIVED,
                                                now=RECEIVED, submission_key=KEY).case.reference
            except DuplicateSubmission as exc:
                outcomes[index] = ("duplicate", exc.reference)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    registered = [o for o in outcomes if isinstance(o, str)]
    assert len(registered) == 1 and case_count() == 1
    assert outcomes.count(("duplicate", registered[0])) == 4


@pytest.mark.real_pdf
@pytest.mark.parametrize("kind, data", [("information_request", REQUEST), ("complaint", COMPLAINT)])
@pytest.mark.parametrize("lang, label", [("ar", "رمز الولوج"), ("fr", "code d'accès")])
def test_the_applicant_s_copy_prints_the_code_and_the_stored_receipt_does_not(register, kind, data, lang, label):
    registered = register(kind, dict(copy.deepcopy(data), language=lang), received_at=RECEIVED)
    stored = pdf_text(letter_of(registered.case, "acknowledgment").pdf)
    assert registered.case.reference in stored and registered.access_code not in stored
    copy_text = pdf_text(letters.applicant_receipt(registered.case, registered.access_code))
    assert registered.access_code in copy_text and label in copy_text and registered.case.reference in copy_text


@pytest.mark.real_pdf
def test_a_receipt_registered_at_the_counter_is_signed_like_the_stored_one(register, staff):
    registered = register(channel="counter", actor=staff["officer"])
    stored = pdf_text(letter_of(registered.case, "acknowledgment").pdf)
    copy_text = pdf_text(letters.applicant_receipt(registered.case, registered.access_code))
    assert registered.access_code in copy_text and registered.access_code not in stored
    assert "Officer" in stored and "Officer" in copy_text


def test_no_stored_letter_may_carry_the_code(register):
    case = register(received_at=RECEIVED).case
    with pytest.raises(LetterUnavailable):
        letters.issue_letter(case, "acknowledgment", now=RECEIVED, access_code="ABCDEFGHJK")


def test_the_qr_code_never_carries_the_access_code(register):
    registered = register(received_at=RECEIVED)
    html, qr = letters.letter_html(registered.case, "acknowledgment", RECEIVED,
                                   access_code=registered.access_code)
    assert registered.access_code in html and qr == letters.qr_data_uri(letters.status_url(registered.case.reference))


@pytest.mark.real_pdf
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_an_extension_notice_does_not_print_the_code(register, staff, lang):
    registered = register(data=dict(copy.deepcopy(REQUEST), language=lang), received_at=RECEIVED)
    case = registered.case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    fire(case, "extend", {"reason": "Archives à rassembler"}, actor=staff["officer"], now=datetime(2025, 11, 10, 9))
    text = pdf_text(letter_of(case, "extension_notice").pdf)
    assert case.reference in text and registered.access_code not in text
    assert ("وصل الإيداع" if lang == "ar" else "récépissé de dépôt") in text


def test_only_the_acknowledgment_may_print_the_code(register, staff):
    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    fire(case, "extend", {"reason": "Archives"}, actor=staff["officer"], now=datetime(2025, 11, 10, 9))
    with pytest.raises(LetterUnavailable):
        letters.render_letter(case, "extension_notice", datetime(2025, 11, 10, 9), access_code="ABCDEFGHJK")
