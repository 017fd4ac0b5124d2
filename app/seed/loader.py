"""Load the demo: holidays, staff, then the scenario cases, through the services only.

Idempotent: accounts are created when missing, and the cases only when none of
the demo applicants has a case yet; a second load changes nothing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from app.extensions import db
from app.models.case import Case
from app.models.party import Party
from app.models.user import User
from app.seed.disclosures import seed_disclosures
from app.seed.scenarios import APPLICANT, SCENARIOS, Scenario, Step
from app.seed.staff import ensure_staff
from app.seed.timing import When, resolve
from app.services import cases as case_service
from app.services.calendar import utc_now, working_calendar
from app.services.complaint_categories import seed_default_categories
from app.services.holidays import seed_official_holidays
from app.services.registration import register_case
from workflows.calendar import local_date
from workflows.information_request import ANSWER_CLOCKS as REQUEST_ANSWER_CLOCKS

EXAMPLES = Path(__file__).with_name("examples.json")
REGISTRATION_DELAY = timedelta(minutes=25)   # counter, post, e-mail: registered soon after receipt
SECTION = {"information_request": "information_requests", "complaint": "complaints"}


@dataclass
class DemoCase:
    """A loaded demo case: its reference, access code (shown once), state and note."""

    reference: str
    access_code: str
    state: str
    note: str
    show_code: bool
    due: date | None = None


@dataclass
class LoadReport:
    """What a load did: rows added, and the cases created (empty on a second run)."""

    holidays_added: int = 0
    staff_created: list[str] = field(default_factory=list)
    cases: list[DemoCase] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.holidays_added or self.staff_created or self.cases)


def examples() -> dict:
    """The demo inputs, keyed by section then scenario key (``app/seed/examples.json``)."""
    return json.loads(EXAMPLES.read_text(encoding="utf-8"))


def load_demo(now: datetime | None = None) -> LoadReport:
    """Seed the official holidays, the demo staff and (once) the demo cases; commit.

    Args:
        now: the load instant, naive UTC (default: now); every case is dated before it.

    Raises:
        IntakeError, TransitionRefused, PayloadInvalid, PermissionError: a scenario
            does not fit the law or the data (a bug in the scenario table).
    """
    now = now or utc_now()
    report = LoadReport(holidays_added=seed_official_holidays())
    seed_default_categories()   # present after `flask db upgrade`; a schema made otherwise lacks them
    report.staff_created = ensure_staff()
    if not demo_cases_loaded():
        data = examples()
        report.cases = [play(s, data[SECTION[s.kind]][s.key], now) for s in SCENARIOS]
        seed_disclosures({s.key: c.reference for s, c in zip(SCENARIOS, report.cases, strict=True)}, now)
    return report


def demo_cases_loaded() -> bool:
    """True when any demo applicant (by CNIE number) already has a case."""
    data = examples()
    numbers = {entry.get("applicant", entry.get("complainant"))["id_number"]
               for section in SECTION.values() for entry in data[section].values()}
    stmt = db.select(Case.id).join(Party, Case.party_id == Party.id).where(Party.id_number.in_(numbers)).limit(1)
    return db.session.execute(stmt).first() is not None


def play(scenario: Scenario, data: dict, now: datetime) -> DemoCase:
    """Register ``scenario``'s case at its past moment of receipt and fire its steps in order."""
    calendar = working_calendar()
    received_at = resolve(scenario.received, now, calendar)
    registrar = _user(scenario.registered_by)
    registered = register_case(scenario.kind, data, channel=data.get("channel", "portal"),
                               received_at=received_at, actor=registrar,
                               now=received_at + (REGISTRATION_DELAY if registrar else timedelta()))
    case = registered.case
    for step in scenario.steps:
        _fire(case, step, resolve(step.when, now, calendar, _due(case, step.when)), now, calendar)
    if case.state != scenario.expect:
        raise RuntimeError(f"demo case {scenario.key} ended in {case.state}, expected {scenario.expect}")
    due = min((c.last_day for c in case.running_clocks()), default=None)
    return DemoCase(case.reference, registered.access_code, case.state, scenario.note, scenario.show_code, due)


def _fire(case: Case, step: Step, at: datetime, now: datetime, calendar) -> None:
    if step.trigger == "rate":
        case_service.rate_answer(case, step.payload["rating"], now=at)
        return
    applicant = step.actor == APPLICANT
    actor = None if applicant else _user(step.actor)
    # A date in the payload (a remedy's filing or decision) is a past moment too: its local date.
    payload = {k: local_date(resolve(v, now, calendar)).isoformat() if isinstance(v, When) else v
               for k, v in step.payload.items()}
    case_service.fire(case, step.trigger, payload, actor=actor, applicant=applicant, now=at)


def _user(username: str | None) -> User | None:
    if username is None:
        return None
    return db.session.execute(db.select(User).filter_by(username=username)).scalar_one()


def _due(case: Case, when: When):
    """The last day of the clock an ``after_due`` moment follows: ``when.period``'s, else the answer's."""
    wanted = (when.period,) if when.period else REQUEST_ANSWER_CLOCKS
    days = [c.last_day for c in case.running_clocks() if c.period in wanted]
    return min(days) if days else None
