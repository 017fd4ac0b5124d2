"""Identity numbers, phones and e-mail addresses in their real shapes (art. 14; issue 7 §1)."""
import pytest

from app.services import identity, intake
from tests.conftest import REQUEST


@pytest.mark.parametrize("typed, stored", [
    ("BE123456", "BE123456"), ("be 123456", "BE123456"), ("sh-١٢٣٤٥٦", "SH123456"), ("SH۱۲۳۴۵۶", "SH123456"),
    ("A123456", "A123456"), ("ＳＨ１２３４５６", "SH123456"), ("\u200fSH123456\u202c", "SH123456"),
    ("E12345678K", "E12345678K"), ("EA1234567", "EA1234567"), ("ztabcd91", "ZTABCD91")])
def test_cnie_and_residence_card_numbers_are_stored_upper_case_without_spaces(typed, stored):
    assert identity.clean_id_number(typed) == (stored, None)


@pytest.mark.parametrize("typed", ["123456", "ABCDEFG12345", "SH12", "E12K", "SH12345678901", "x", ""])
def test_other_shapes_are_refused(typed):
    assert identity.clean_id_number(typed) == (None, identity.ID_NUMBER_MESSAGE)


@pytest.mark.parametrize("typed, stored", [
    ("0612345678", "+212612345678"), ("06 12 34 56 78", "+212612345678"), ("٠٦١٢٣٤٥٦٧٨", "+212612345678"),
    ("۰۶۱۲۳۴۵۶۷۸", "+212612345678"), ("+212 6 61 23 45 67", "+212661234567"), ("00212528891234", "+212528891234"),
    ("0528-89-12-34", "+212528891234"), ("+33 6 12 34 56 78", "+33612345678")])
def test_phones_are_stored_in_e164_morocco_by_default(typed, stored):
    assert identity.clean_phone(typed) == (stored, None)


@pytest.mark.parametrize("typed", ["12345", "06123", "+212 1 23", "phone", "+999 123456789"])
def test_phones_that_cannot_exist_are_refused(typed):
    assert identity.clean_phone(typed) == (None, identity.PHONE_MESSAGE)


def test_an_internationalised_domain_is_accepted_and_kept_readable():
    assert identity.clean_email("salma@مثال.المغرب") == ("salma@مثال.المغرب", None)
    assert identity.clean_email(" Salma@Example.ORG\u200f") == ("Salma@example.org", None)


def test_a_non_ascii_part_before_the_at_sign_is_refused_at_intake():
    assert identity.clean_email("سلمى@example.ma") == (None, identity.EMAIL_LOCAL_PART_MESSAGE)
    assert identity.clean_email("no-at-sign")[0] is None


def test_intake_stores_one_spelling_of_each_identity_field():
    data = {**REQUEST["applicant"], "first_name": "سلمى\u202e", "id_number": "sh ١٢٣٤٥٦", "phone": "٠٦٦١٢٣٤٥٦٧",
            "email": "salma@مثال.المغرب"}
    errors: dict = {}
    party = intake.clean_party(data, errors, "applicant.")
    assert errors == {}
    assert (party["first_name"], party["id_number"], party["phone"], party["email"]) == (
        "سلمى", "SH123456", "+212661234567", "salma@مثال.المغرب")


def test_a_name_made_only_of_controls_is_missing():
    errors: dict = {}
    intake.clean_party({**REQUEST["applicant"], "last_name": "\u202e\u200f"}, errors, "applicant.")
    assert errors == {"applicant.last_name": "this field is required"}


def test_intake_reads_dates_in_any_script():
    from datetime import datetime
    errors: dict = {}
    moment = intake.parse_instant("٢٠٢٥-١٠-٢٧T09:00:00Z", datetime(2026, 1, 1), errors)
    assert errors == {} and moment == datetime(2025, 10, 27, 9, 0)
