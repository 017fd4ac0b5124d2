"""The law as data: periods, grounds, answer validation; workflows/ stays pure."""
import subprocess
import sys

from workflows.statute import GROUNDS, PERIODS, Counting, validate_answer


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


def test_workflows_import_neither_flask_nor_sqlalchemy():
    code = ("import sys, workflows.information_request, workflows.complaint, workflows.deadlines, "
            "workflows.official_holidays; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'flask_sqlalchemy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
