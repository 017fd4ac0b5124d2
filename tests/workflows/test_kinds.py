"""The registry of case kinds: every state has a phase, unknown ones fail loudly."""
import pytest

from workflows.kinds import SPECS, CaseKind, Phase, phase, spec, states_in
from workflows.statute import PERIODS


@pytest.mark.parametrize("kind", list(CaseKind))
def test_every_state_of_each_workflow_has_a_phase(kind):
    entry = spec(kind)
    assert set(entry.phases) == set(entry.workflow.State)


@pytest.mark.parametrize("kind", list(CaseKind))
def test_every_clock_and_letter_trigger_named_by_a_kind_exists(kind):
    entry = spec(kind)
    assert set(entry.letter_after) <= set(entry.workflow.triggers())
    assert all(name in PERIODS for name in entry.answer_clocks)


def test_phase_of_each_kind():
    assert phase("information_request", "received") is Phase.NEW
    assert phase("information_request", "deemed_refused") is Phase.WITH_APPLICANT
    assert phase("information_request", "appealed") is Phase.UNDER_REVIEW
    assert phase("complaint", "redirected") is Phase.DONE
    assert not phase("complaint", "closed").is_open and phase("complaint", "answered").is_open


def test_unknown_kind_or_state_fails_loudly():
    with pytest.raises(ValueError):
        phase("information_request", "redirected")
    with pytest.raises(ValueError):
        spec("petition")


def test_done_states_across_kinds():
    assert set(states_in(Phase.DONE)) == {"closed", "redirected"}
    assert len({entry.reference_prefix for entry in SPECS.values()}) == len(SPECS)
