"""Refusal reasons reach people in their language, with the dates the workflow names."""
from datetime import date

from flask_babel import force_locale

from app.refusals import REFUSALS, refusal_text
from workflows.information_request import InformationRequestWorkflow
from workflows.machine import CaseFacts, TransitionRefused


def refused(state, trigger, **facts):
    try:
        InformationRequestWorkflow(state, CaseFacts(today=date(2025, 9, 1), **facts)).fire(trigger)
    except TransitionRefused as exc:
        return exc
    raise AssertionError("not refused")


def test_the_closed_window_names_its_last_day_from_the_refusal_params(app):
    exc = refused("answered", "complain_to_head", outcome="refused",
                  deadlines={"complaint_to_head_window": date(2025, 8, 29)})
    assert exc.params == {"date": date(2025, 8, 29)}
    with app.test_request_context(), force_locale("fr"):
        text = refusal_text(exc, lambda d: d.strftime("%d/%m/%Y"))
    assert "29/08/2025" in text and "(art. 19)" in text and text != exc.message


def test_every_workflow_refusal_code_has_a_sentence(app):
    codes = {"already_extended", "deadline_passed", "deadline_not_passed", "overturned_must_deliver",
             "not_contestable", "window_closed", "invalid_decision", "already_reopened", "unknown_trigger",
             "not_allowed_in_state", "already_rated", "not_answered"}
    assert codes <= set(REFUSALS)
    with app.test_request_context(), force_locale("ar"):
        assert refusal_text(TransitionRefused("overturned_must_deliver", "x")).startswith("ألغى رئيس الهيئة")
