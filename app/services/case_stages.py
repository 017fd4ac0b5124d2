"""Where a request stands in the chain of remedies, as case-list filters (arts. 19–21).

A *stage* names a group of states, or a running clock, where the head of the body or the
body must act; the dashboards' queues (``app.services.queues``) and the case list's
``stage`` parameter (staff list, ``GET /api/v1/cases``) use the same names:

- ``head_decision``: a complaint to the head awaits his decision (``appealed``), also
  after his silence was recorded (``head_silent``: he may still decide, art. 19);
- ``awaiting_ruling``: before the CDAI (``at_cdai``, ``cdai_silent``) or the court
  (``in_court``): the body answers the proceedings, staff record the ruling;
- ``ruling_delivery``: the head, the CDAI or a court ruled for the applicant and the
  body's delivery clock runs.
"""
from __future__ import annotations

from sqlalchemy import select

from app.models.case import Case, CaseKind
from app.models.clock import Clock, running_clock
from workflows.information_request import AWAITING_RULING, HEAD_TO_DECIDE, RULING_DELIVERY_CLOCKS

IR = CaseKind.INFORMATION_REQUEST.value


def _in_states(states: tuple[str, ...]):
    return lambda: [Case.kind == IR, Case.state.in_(states)]


def _delivering():
    running = select(Clock.case_id).where(running_clock(), Clock.period.in_(RULING_DELIVERY_CLOCKS))
    return [Case.kind == IR, Case.id.in_(running)]


# stage → its WHERE clauses on ``Case``.
STAGES = {"head_decision": _in_states(HEAD_TO_DECIDE), "awaiting_ruling": _in_states(AWAITING_RULING),
          "ruling_delivery": _delivering}


def stage_conditions(stage: str | None) -> list:
    """The WHERE clauses of ``stage`` (one of ``STAGES``; none for None). Raises KeyError for another name."""
    return STAGES[stage]() if stage else []
