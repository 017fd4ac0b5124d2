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
             "not_allowed_in_state", "already_rated", "not_answered", "head_complaint_first",
             "head_decision_pending", "cdai_first", "date_in_future", "decided_before_filing", "window_open",
             "not_reopenable", "cdai_window_closed", "court_window_closed"}
    assert codes <= set(REFUSALS)
    with app.test_request_context(), force_locale("ar"):
        assert refusal_text(TransitionRefused("overturned_must_deliver", "x")).startswith("ألغى رئيس الهيئة")


def test_the_remedy_chain_refusals_read_in_both_languages_with_their_date(app):
    exc = refused("answered", "complain_to_cdai", outcome="refused")
    assert exc.code == "head_complaint_first"
    with app.test_request_context(), force_locale("fr"):
        assert refusal_text(exc) == "Le demandeur doit d'abord présenter une réclamation auprès du chef de l'organisme (art. 20)."
        assert "17/09/2025" in refusal_text(TransitionRefused("window_open", "x", date=date(2025, 9, 17)),
                                             lambda d: d.strftime("%d/%m/%Y"))
    with app.test_request_context(), force_locale("ar"):
        assert refusal_text(exc).startswith("يتعين على صاحب الطلب أن يقدم أولا شكاية إلى رئيس الهيئة")
