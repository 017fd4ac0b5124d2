"""`flask demo load`: staff and cases in every state of both workflows, loaded once."""
import pytest

from app.extensions import db
from app.models.case import Case
from app.models.case_event import CaseEvent
from app.models.letter import Letter
from app.models.user import User
from app.seed.staff import STAFF
from app.services.calendar import utc_now
from workflows import complaint, information_request


def _counts():
    return {model.__name__: db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()
            for model in (User, Case, CaseEvent, Letter)}


def _load(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_demo_load_covers_every_state_and_is_idempotent(app):
    first = _load(app)
    with app.app_context():
        cases = list(db.session.execute(db.select(Case)).scalars())
        states = {(c.kind, c.state) for c in cases}
        assert {("information_request", s.value) for s in information_request.State} <= states
        assert {("complaint", s.value) for s in complaint.State} <= states
        requests = [c for c in cases if c.is_information_request]
        assert {"granted", "partly_granted", "refused", "not_held", "withdrawn"} <= {c.outcome for c in requests}
        assert all(c.grounds for c in requests if c.outcome in ("partly_granted", "refused"))
        assert {"upheld", "overturned"} <= {c.head_decision for c in requests}
        assert any(c.extended for c in requests) and any(c.urgent for c in requests)
        complaints = [c for c in cases if not c.is_information_request]
        assert any(c.rating for c in complaints) and any(c.reopen_count for c in complaints)
        assert any(c.state == "redirected" and c.competent_body for c in complaints)
        assert {c.language for c in cases} == {"ar", "fr"}
        now = utc_now()
        assert all(e.at <= now for c in cases for e in c.events)
        assert {u.username: u.role for u in db.session.execute(db.select(User)).scalars()} == {
            a.username: a.role for a in STAFF}
        assert all(u.full_name and u.full_name_ar and u.check_password("nafida-demo-2026")
                   for u in db.session.execute(db.select(User)).scalars())
        before = _counts()
    assert "president" in first and "nafida-demo-2026" in first and "code " in first

    second = _load(app)
    assert "nothing changed" in second
    assert "president" in second and "code " in second
    with app.app_context():
        assert _counts() == before


@pytest.mark.slow
def test_demo_is_stable_under_the_first_sweep(app):
    """`make run` starts the scheduler right after the load: no demo state may change."""
    from app.services.deadlines import sweep

    _load(app)
    with app.app_context():
        before = dict(db.session.execute(db.select(Case.reference, Case.state)).all())
        report = sweep()
        assert report.deemed_refusals == 0 and report.errors == 0
        # Reminders and overdue notices go out in the 09:00 hour of a working day only (issue 8 §3).
        if report.notices_now:
            assert report.reminders > 0 and report.overdue_notices > 0
        else:
            assert report.reminders == report.overdue_notices == 0
        db.session.expire_all()
        assert dict(db.session.execute(db.select(Case.reference, Case.state)).all()) == before
