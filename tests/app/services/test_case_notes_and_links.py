"""Internal notes (never public), tags from the managed list, links seen from both cases."""
from datetime import datetime

import pytest

from app.extensions import db
from app.models.notification import Notification
from app.services import case_links, case_notes
from app.services.cases import PayloadInvalid, fire
from app.services.letters import letter_html
from app.services.status import status_facts
from tests.app.services.search_support import RECEIVED, complaint_data, request_data

SECRET = "ملاحظة داخلية: المعني بالأمر اتصل هاتفيا NOTE-7731"


def test_a_note_is_kept_with_author_and_time(register, staff):
    case = register(data=request_data()).case
    note = case_notes.add_note(case, "  " + SECRET + "  ", staff["officer"], now=datetime(2025, 10, 28, 10))
    assert (note.text, note.author, note.at) == (SECRET, staff["officer"], datetime(2025, 10, 28, 10))
    assert case.notes == [note]
    for bad in ("", "   ", "x" * 5001, "a\x00b"):
        with pytest.raises(PayloadInvalid) as invalid:
            case_notes.add_note(case, bad, staff["officer"])
        assert set(invalid.value.errors) == {"text"}


def test_notes_never_reach_the_status_facts_letters_or_emails(register, staff):
    case = register(data=request_data()).case
    case_notes.add_note(case, SECRET, staff["officer"])
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
    fire(case, "answer", {"outcome": "refused", "grounds": ["archived"], "text": "مودعة بالأرشيف"},
         actor=staff["officer"], now=RECEIVED)
    assert "NOTE-7731" not in str(status_facts(case, RECEIVED))
    for letter in case.letters:
        html, _ = letter_html(case, letter.kind, RECEIVED)
        assert "NOTE-7731" not in html
    for message in db.session.scalars(db.select(Notification)):
        assert "NOTE-7731" not in message.subject + message.body


def test_tags_come_from_the_list_and_their_changes_are_on_the_timeline(register, staff):
    case = register(data=request_data()).case
    press, duplicate = case_notes.create_tag("صحافة"), case_notes.create_tag("Doublon  probable")
    assert duplicate.name == "Doublon probable"
    with pytest.raises(PayloadInvalid):
        case_notes.create_tag("صحافة")
    assert case_notes.set_tags(case, [press.id, duplicate.id], staff["officer"]) == (
        ["صحافة", "Doublon probable"], [])
    assert [t.name for t in case.tags] == ["Doublon probable", "صحافة"]
    assert case_notes.set_tags(case, [press.id], staff["officer"]) == ([], ["Doublon probable"])
    events = [e.data for e in case.events if e.kind == "tag"]
    assert events == [{"added": ["صحافة", "Doublon probable"], "removed": []},
                      {"added": [], "removed": ["Doublon probable"]}]
    case_notes.set_tag_active(press.id, False)
    other = register(data=request_data()).case
    with pytest.raises(PayloadInvalid):
        case_notes.set_tags(other, [press.id], staff["officer"])      # a retired tag is no longer offered
    assert case_notes.set_tags(case, [press.id], staff["officer"]) == ([], [])   # but stays where it is


def test_links_are_seen_from_both_cases(register, staff):
    first = register(data=request_data()).case
    again = register(data=request_data()).case
    related = register(data=request_data()).case
    case_links.link_cases(again, first.reference.lower(), "duplicate", staff["officer"])
    case_links.link_cases(first, related.reference, "related", staff["officer"])
    assert [(v.other.reference, v.role) for v in case_links.links_of(again)] == [(first.reference, "duplicate_of")]
    assert [(v.other.reference, v.role) for v in case_links.links_of(first)] == [
        (again.reference, "duplicated_by"), (related.reference, "related")]
    assert [(v.other.reference, v.role) for v in case_links.links_of(related)] == [(first.reference, "related")]
    assert [e.data["role"] for e in first.events if e.kind == "link"] == ["duplicated_by", "related"]
    link_id = case_links.links_of(related)[0].link.id
    case_links.unlink(related, link_id, staff["officer"])
    assert case_links.links_of(first)[-1].other is again and len(case_links.links_of(related)) == 0


@pytest.mark.parametrize("reference, kind, field", [
    ("DAI-2099-000999", "related", "reference"), ("nonsense", "related", "reference"),
    (None, "related", "reference"), ("self", "related", "reference"), ("other", "twin", "kind"),
    ("other", "related", "reference"),   # already linked
    ("complaint", "related", "reference"),   # outside the officer's unit: as if it did not exist
])
def test_bad_links_are_refused_per_field(register, staff, reference, kind, field):
    case = register(data=request_data()).case
    other = register(data=request_data()).case
    complaint = register("complaint", data=complaint_data()).case
    case_links.link_cases(case, other.reference, "related", staff["supervisor"])
    target = {"self": case.reference, "other": other.reference, "complaint": complaint.reference}.get(reference,
                                                                                                      reference)
    with pytest.raises(PayloadInvalid) as invalid:
        case_links.link_cases(case, target, kind, staff["officer"])
    assert set(invalid.value.errors) == {field}
