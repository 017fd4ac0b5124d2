"""A request for clarification on a real case: the clock under both policies, the refusal letter that cites it."""
import copy
import re
from datetime import date, datetime

import pytest

from app.services import letters, messages
from app.services.cases import PayloadInvalid, fire
from app.services.clarification import exchanges
from app.services.status import status_facts
from tests.conftest import REQUEST

RECEIVED = datetime(2025, 10, 27, 9, 0)      # Mon: answer due Wed 2025-11-26 (LAW.md §5)
ASKED = datetime(2025, 10, 28, 9, 0)         # Tue
REPLIED = datetime(2025, 11, 7, 10, 0)       # Fri → restarted: due Mon 2025-12-08 (18 Nov is a holiday)
LATE_THURSDAY = datetime(2025, 11, 13, 23, 30)   # 00:30 on Fri 14 Nov in Casablanca (UTC+1)
REFUSED = datetime(2025, 11, 20, 9, 0)


@pytest.fixture
def request_case(register, staff):
    def make(lang="fr"):
        data = copy.deepcopy(REQUEST)
        data["language"] = lang
        case = register(data=data, received_at=RECEIVED).case
        fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
        return case
    return make


@pytest.fixture
def restart_policy(ctx, monkeypatch):
    monkeypatch.setitem(ctx.config, "CLARIFICATION_CLOCK_POLICY", "restart_on_reply")


def letter_text(case, now) -> str:
    """The answer letter's words, without tags (Arabic letters wrap digits in spans of their own direction)."""
    html, _ = letters.letter_html(case, "answer", now)
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def ask_and_reply(case, officer, replied=REPLIED):
    messages.post_staff_message(case, "Précisez l'année.", actor=officer, clarification_request=True, now=ASKED)
    return messages.post_applicant_reply(case, "L'année 2023.", now=replied)


def test_by_default_the_reply_does_not_move_the_answer_clock(request_case, staff):
    case = request_case()
    ask_and_reply(case, staff["officer"])
    clock = case.clock("answer")
    assert (clock.started_on, clock.due_on, clock.status) == (date(2025, 10, 27), date(2025, 11, 26), "running")
    assert not any(e.data.get("restarted") for e in case.events)


def test_restart_policy_counts_the_answer_period_again_from_the_reply(request_case, staff, restart_policy):
    case = request_case()
    ask_and_reply(case, staff["officer"])
    clock = case.clock("answer")
    assert (clock.started_on, clock.due_on, clock.last_day) == (date(2025, 11, 7), date(2025, 12, 8), date(2025, 12, 8))
    [event] = [e for e in case.events if e.data.get("restarted")]
    assert (event.kind, event.data["from"], event.data["start"], event.data["due"]) == (
        "clock", "2025-11-26", "2025-11-07", "2025-12-08")
    facts = status_facts(case, now=datetime(2025, 11, 10, 9, 0))
    assert facts["due_date"] == "2025-12-08" and facts["working_days_left"] == 19


def test_the_day_of_the_reply_is_its_casablanca_date(request_case, staff, restart_policy):
    case = request_case()
    ask_and_reply(case, staff["officer"], replied=LATE_THURSDAY)
    assert (case.clock("answer").started_on, case.clock("answer").due_on) == (date(2025, 11, 14), date(2025, 12, 15))


def test_only_the_first_reply_to_a_request_restarts_the_clock(request_case, staff, restart_policy):
    case = request_case()
    ask_and_reply(case, staff["officer"])
    messages.post_applicant_reply(case, "Et aussi 2024.", now=datetime(2025, 11, 20, 9, 0))
    assert case.clock("answer").due_on == date(2025, 12, 8)
    fresh = request_case()
    messages.post_applicant_reply(fresh, "Sans question posée.", now=REPLIED)
    assert fresh.clock("answer").due_on == date(2025, 11, 26)


def test_a_reply_after_the_deemed_refusal_restarts_nothing(request_case, staff, restart_policy):
    case = request_case()
    messages.post_staff_message(case, "Précisez.", actor=staff["officer"], clarification_request=True, now=ASKED)
    fire(case, "deem_refusal", now=datetime(2025, 11, 27, 9, 0))
    messages.post_applicant_reply(case, "Trop tard ?", now=datetime(2025, 11, 28, 9, 0))
    assert case.state == "deemed_refused" and case.clock("answer").status == "expired"


def test_an_unclear_request_is_refused_only_after_asking(request_case, staff):
    case = request_case()
    refusal = {"outcome": "refused", "grounds": ["unclear_request"], "text": "La demande reste imprécise."}
    with pytest.raises(PayloadInvalid) as invalid:
        fire(case, "answer", dict(refusal), actor=staff["officer"], now=REFUSED)
    assert "clarify" in invalid.value.errors["grounds"] and case.state == "assigned"
    messages.post_staff_message(case, "Précisez.", actor=staff["officer"], clarification_request=True, now=ASKED)
    fire(case, "answer", dict(refusal), actor=staff["officer"], now=REFUSED)
    assert case.outcome == "refused"


@pytest.mark.parametrize("lang, asked, no_reply", [
    ("fr", "mardi 28 octobre 2025", "aucune réponse ne nous est parvenue"),
    ("ar", "الثلاثاء 28 أكتوبر 2025", "ولم نتوصل منكم بأي جواب"),
])
def test_the_refusal_letter_cites_the_request_and_that_no_reply_came(request_case, staff, lang, asked, no_reply):
    case = request_case(lang)
    messages.post_staff_message(case, "Précisez.", actor=staff["officer"], clarification_request=True, now=ASKED)
    fire(case, "answer", {"outcome": "refused", "grounds": ["unclear_request"], "text": "Imprécise."},
         actor=staff["officer"], now=REFUSED)
    text = letter_text(case, REFUSED)
    assert asked in text and no_reply in text


@pytest.mark.parametrize("lang, replied", [("fr", "vendredi 7 novembre 2025"), ("ar", "الجمعة 7 نونبر 2025")])
def test_the_refusal_letter_cites_the_reply_date(request_case, staff, lang, replied):
    case = request_case(lang)
    ask_and_reply(case, staff["officer"])
    fire(case, "answer", {"outcome": "refused", "grounds": ["unclear_request"], "text": "Toujours imprécise."},
         actor=staff["officer"], now=REFUSED)
    text = letter_text(case, REFUSED)
    assert replied in text and "aucune réponse" not in text and "لم نتوصل" not in text
    assert [(x.asked_on, x.replied_on) for x in exchanges(case)] == [(date(2025, 10, 28), date(2025, 11, 7))]


def test_other_refusals_do_not_print_the_exchange(request_case, staff):
    case = request_case()
    ask_and_reply(case, staff["officer"])
    fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "Art. 7."},
         actor=staff["officer"], now=REFUSED)
    assert "préciser votre demande" not in letter_text(case, REFUSED)
