"""The law as data: periods, grounds, answer validation; workflows/ stays pure."""
import subprocess
import sys

from workflows.answer_rules import answer_grounds, validate_answer
from workflows.statute import GROUNDS, PERIODS, Counting


def test_periods_match_law_md():
    expected = {"answer": (20, "working", "16"), "extension": (20, "working", "16"),
                "urgent_answer": (3, "working", "17"), "urgent_extension": (3, "working", "17"),
                "complaint_to_head_window": (20, "working", "19"), "head_decision": (15, "working", "19"),
                "cdai_window": (30, "calendar", "20"), "complaint_acknowledgment": (15, "calendar", "décret 2.17.265"),
                "complaint_answer": (60, "calendar", "décret 2.17.265")}
    for name, (days, counting, article) in expected.items():
        rule = PERIODS[name]
        assert (rule.days, rule.counting, rule.article) == (days, Counting(counting), article)


def test_seven_refusal_grounds_each_with_an_article():
    assert len(GROUNDS) == 7 and all(g.article and g.label_ar and g.label_fr for g in GROUNDS.values())


def test_refusal_needs_a_ground_and_reasons():
    assert set(validate_answer("refused", [], "")) == {"grounds", "text"}
    assert validate_answer("refused", ["exception_art7"], "reasons") == {}
    assert "grounds" in validate_answer("partly_granted", [], "reasons")
    assert validate_answer("granted", [], "here it is") == {}
    assert "grounds" in validate_answer("refused", ["made_up"], "reasons")
    assert "outcome" in validate_answer("withdrawn", [], "x")


def test_a_partial_grant_lists_each_withheld_part_with_its_ground():
    part = {"part": "Relevés bancaires", "ground": "exception_art7"}
    assert validate_answer("partly_granted", [], "reasons", [part]) == {}
    assert answer_grounds(["in_preparation"], [part]) == ["in_preparation", "exception_art7"]
    assert "withheld" in validate_answer("partly_granted", ["exception_art7"], "reasons", [])
    assert validate_answer("partly_granted", [], "r", [{"part": " ", "ground": "made_up"}]) == {
        "withheld.0.part": "say what was withheld", "withheld.0.ground": "choose the ground of this part (art. 18)"}
    assert validate_answer("refused", ["not_held"], "r", [part]) == {
        "withheld": "only a partly granted answer lists withheld parts (art. 18)"}
    assert validate_answer("partly_granted", [], "r", "x") == {"withheld": "a list of withheld parts",
                                                               "grounds": "a refusal names at least one ground (art. 18)"}


def test_workflows_import_neither_flask_nor_sqlalchemy():
    code = ("import sys, workflows.information_request, workflows.complaint, workflows.deadlines, "
            "workflows.official_holidays, workflows.delivery; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'flask_sqlalchemy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
