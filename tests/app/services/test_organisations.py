"""Organisations as applicants (art. 4): stored, shown, and addressed rightly in both languages."""
import copy

import pytest

from app.extensions import db
from app.models.notification import Notification
from app.services import letters
from app.services.intake import IntakeError, clean_case
from tests.app.services.test_letters import RECEIVED, letter_of  # noqa: F401
from tests.conftest import REQUEST

ASSOCIATION = {**REQUEST["applicant"], "applicant_type": "organisation",
               "organisation_name": "جمعية الساقية الحمراء للتنمية", "registration_number": "asso ١٢/٢٠١٩",
               "first_name": "Brahim", "last_name": "Ait Lahcen"}


def organisation_request(register, lang, **party):
    data = copy.deepcopy(REQUEST)
    data["language"] = lang
    data["applicant"] = {**ASSOCIATION, **party}
    return register("information_request", data, received_at=RECEIVED).case


def test_an_organisation_is_stored_with_its_representative(register):
    case = organisation_request(register, "ar")
    party = case.party
    assert (party.applicant_type, party.organisation_name, party.registration_number) == (
        "organisation", "جمعية الساقية الحمراء للتنمية", "ASSO12/2019")
    assert party.is_organisation and party.display_name == "جمعية الساقية الحمراء للتنمية"
    assert party.full_name == "Brahim Ait Lahcen"


def test_a_person_is_the_default_and_carries_no_organisation(ctx):
    cleaned = clean_case("information_request", {**REQUEST, "applicant": {**ASSOCIATION, "applicant_type": None}})
    assert (cleaned["party"]["applicant_type"], cleaned["party"]["organisation_name"]) == ("person", None)


@pytest.mark.parametrize("party, field", [
    ({"organisation_name": ""}, "applicant.organisation_name"),
    ({"organisation_name": "\u202e\u200f"}, "applicant.organisation_name"),
    ({"applicant_type": "company"}, "applicant.applicant_type"),
    ({"registration_number": "RC#12"}, "applicant.registration_number")])
def test_an_organisation_without_a_name_or_of_unknown_type_is_refused(ctx, party, field):
    with pytest.raises(IntakeError) as refused:
        clean_case("information_request", {**REQUEST, "applicant": {**ASSOCIATION, **party}})
    assert field in refused.value.errors


def test_arabic_letter_addresses_the_organisation_through_its_representative(register):
    case = organisation_request(register, "ar")
    html, _ = letters.letter_html(case, "acknowledgment", RECEIVED)
    block = html.split('<div class="addressee">')[1].split("</div>\n</div>")[0]
    assert "إلى:" in block and "جمعية الساقية الحمراء للتنمية" in block
    assert "في شخص ممثلها:" in block and "Brahim Ait Lahcen" in block
    assert "السيد(ة)" not in block


def test_french_letter_addresses_the_organisation_through_its_representative(register):
    case = organisation_request(register, "fr", organisation_name="Association Sakia El Hamra")
    html, _ = letters.letter_html(case, "acknowledgment", RECEIVED)
    block = html.split('<div class="addressee">')[1].split("</div>\n</div>")[0]
    assert "À l'attention de :" in block and "Association Sakia El Hamra" in block
    assert "représentée par" in block and "Madame, Monsieur" not in block


def test_a_person_is_still_addressed_as_before(register):
    data = copy.deepcopy(REQUEST)
    case = register("information_request", data, received_at=RECEIVED).case
    html, _ = letters.letter_html(case, "acknowledgment", RECEIVED)
    assert "إلى السيد(ة):" in html and "في شخص ممثلها" not in html


@pytest.mark.parametrize("lang, greeting", [
    ("ar", "إلى \u2068جمعية الساقية الحمراء للتنمية\u2069، في شخص ممثلها \u2068Brahim Ait Lahcen\u2069،"),
    ("fr", "À l'attention de \u2068جمعية الساقية الحمراء للتنمية\u2069, représentée par \u2068Brahim Ait Lahcen\u2069,")])
def test_the_e_mail_greets_the_organisation_and_isolates_the_names(register, lang, greeting):
    case = organisation_request(register, lang)
    bodies = [n.body for n in db.session.execute(db.select(Notification).filter_by(case_id=case.id)).scalars()
              if n.letter_id]
    assert bodies and greeting in bodies[0]
    assert "السيد(ة)" not in bodies[0] and "Madame, Monsieur" not in bodies[0]


def test_a_person_s_e_mail_greeting_isolates_the_name(register):
    case = register("information_request", copy.deepcopy(REQUEST), received_at=RECEIVED).case
    (body,) = [n.body for n in db.session.execute(db.select(Notification).filter_by(case_id=case.id)).scalars()
               if n.letter_id]
    assert "السيد(ة) \u2068سلمى البناني\u2069،" in body
