"""Real concurrency on PostgreSQL: two sweeps at once, two transitions on one case.

Each thread has its own app context, hence its own session and connection; a
barrier releases them together once both have loaded what they act on.
"""
import threading
from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func

from app.extensions import db
from app.models.case import Case
from app.models.case_event import CaseEvent
from app.models.notification import Notification
from app.models.user import User
from app.services.cases import Conflict, fire, get_case
from app.services.deadlines import sweep
from app.services.outbox import deliver_pending
from tests.app.services.test_notifications import quick_letters, smtp  # noqa: F401  (fixtures)
from workflows.machine import TransitionRefused

pytestmark = pytest.mark.postgres_only

RECEIVED = datetime(2025, 10, 27, 9, 0)   # answer due Wed 2025-11-26


def in_threads(app, *jobs):
    """Run each ``job(barrier)`` in its own thread and app context; results or exceptions, in order."""
    barrier = threading.Barrier(len(jobs), timeout=30)
    results = [None] * len(jobs)

    def work(index, job):
        with app.app_context():
            try:
                results[index] = job(barrier)
            except Exception as exc:  # the test inspects what each thread got
                results[index] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    db.session.expire_all()
    return results


def user(username):
    return db.session.execute(db.select(User).filter_by(username=username)).scalar_one()


@pytest.fixture
def team(staff, make_user):
    staff["officer2"] = make_user("officer2", "information_officer")
    staff["supervisor2"] = make_user("supervisor2", "supervisor")
    for name, member in staff.items():
        member.email = f"{name}@region.example"
    db.session.commit()
    return staff


def transition_events(case_id, trigger):
    return db.session.execute(db.select(func.count()).select_from(CaseEvent).filter_by(
        case_id=case_id, kind="transition", trigger=trigger)).scalar_one()


def test_two_sweeps_at_once_send_each_email_once_and_fire_once(app, register, team, smtp,  # noqa: F811
                                                               quick_letters):  # noqa: F811
    received = [RECEIVED + timedelta(days=d) for d in (0, 0, 0, 1, 2, 3, 3)]
    cases = [register(received_at=moment).case for moment in received]
    for case in cases[:5]:
        fire(case, "assign", {"officer": "officer"}, actor=team["supervisor"], now=datetime(2025, 10, 31, 9))
    deliver_pending(now=datetime(2025, 10, 31, 9))   # the receipts
    smtp.messages.clear()
    totals = Counter()
    # 08:00 UTC is 09:00 in Casablanca, the notice hour (issue 8 §3).
    for now in (datetime(2025, 11, 21, 8), datetime(2025, 11, 27, 8), datetime(2025, 12, 2, 8)):
        reports = in_threads(app, _sweep_when_released(now), _sweep_when_released(now))
        assert not any(isinstance(r, Exception) for r in reports), reports
        for report, sent in reports:
            totals.update(deemed=report.deemed_refusals, sent=sent, queued=report.reminders + report.overdue_notices)

    # Every answer deadline has passed by 2 Dec: each request deemed refused exactly once.
    for case in cases:
        assert transition_events(case.id, "deem_refusal") == 1
        assert db.session.get(Case, case.id).state == "deemed_refused"

    # Each queued notice was delivered once: one message per notification, no duplicate.
    notes = db.session.execute(db.select(Notification).where(
        Notification.recipient.like("%@region.example"))).scalars().all()
    assert notes and all(n.status == "sent" and n.attempts == 1 for n in notes)
    delivered = Counter((tuple(rcpt), message["Subject"]) for rcpt, message in smtp.messages)
    assert max(delivered.values()) == 1
    staff_messages = [m for rcpt, m in smtp.messages if all(r.endswith("@region.example") for r in rcpt)]
    assert len(staff_messages) == len(notes)
    # …and the applicant hears once per case that silence now counts as refusal (art. 19).
    told = db.session.execute(db.select(Notification).where(
        Notification.dedup_key.like("deemed_refusal:%"))).scalars().all()
    assert len(told) == len(cases) and all(n.status == "sent" for n in told)
    assert len(smtp.messages) == len(notes) + len(told)
    kinds = Counter(n.dedup_key.split(":")[0] for n in notes)
    # 7 cases × (supervisor, supervisor2) + 5 assigned × officer, for each kind.
    assert kinds["overdue"] == 7 * 2 + 5
    assert kinds["reminder"] > 0
    assert (totals["deemed"], totals["queued"], totals["sent"]) == (len(cases), len(notes), len(notes) + len(told))
    emails = Counter(e.data["notification_id"] for e in db.session.execute(
        db.select(CaseEvent).filter_by(kind="email")).scalars() if "@region" in e.data["recipient"])
    assert set(emails.values()) == {1} and len(emails) == len(notes)


def _sweep_when_released(now):
    """A sweep pass, then a delivery pass, as two scheduler processes would run them."""
    def job(barrier):
        barrier.wait()
        report = sweep(now)
        return report, deliver_pending(now=now)
    return job


def _fire_when_released(reference, trigger, payload, username, now):
    def job(barrier):
        case = get_case(reference)
        actor = user(username) if username else None
        case.clocks, case.events  # loaded before the race, like a page about to post  # noqa: B018
        barrier.wait()
        fire(case, trigger, payload, actor=actor, now=now)
        return trigger
    return job


def _one_winner(results):
    winners = [r for r in results if isinstance(r, str)]
    losers = [r for r in results if not isinstance(r, str)]
    assert len(winners) == 1, results
    assert all(isinstance(r, (Conflict, TransitionRefused)) for r in losers), results
    return winners[0]


def test_two_assignments_at_once_one_wins(app, register, team, quick_letters):  # noqa: F811
    case = register(received_at=RECEIVED).case
    reference, version = case.reference, case.version
    now = datetime(2025, 10, 28, 9)
    results = in_threads(app, _fire_when_released(reference, "assign", {"officer": "officer"}, "supervisor", now),
                         _fire_when_released(reference, "assign", {"officer": "officer2"}, "supervisor2", now))
    _one_winner(results)
    assert any(isinstance(r, Conflict) for r in results)
    case = get_case(reference)
    assert case.version == version + 1
    assert transition_events(case.id, "assign") == 1
    (assignment,) = [e for e in case.events if e.kind == "assignment"]
    assert assignment.data["to"] == case.assignee.username


def test_answer_and_withdrawal_at_once_one_wins(app, register, team, quick_letters):  # noqa: F811
    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=team["supervisor"], now=datetime(2025, 10, 28, 9))
    reference, version = case.reference, case.version
    now = datetime(2025, 11, 3, 9)
    answer = {"outcome": "granted", "text": "Voici le procès-verbal demandé."}
    results = in_threads(app, _fire_when_released(reference, "answer", answer, "officer", now),
                         _fire_when_released(reference, "withdraw", {}, "officer", now))
    winner = _one_winner(results)
    case = get_case(reference)
    assert case.version == version + 1
    assert case.state == {"answer": "answered", "withdraw": "closed"}[winner]
    assert transition_events(case.id, "answer") + transition_events(case.id, "withdraw") == 1
    assert [letter.kind for letter in case.letters] == ["acknowledgment"] + (["answer"] if winner == "answer" else [])
    assert (case.outcome == "granted") == (winner == "answer")


def test_officer_answers_while_the_sweep_deems_refusal(app, register, team, quick_letters):  # noqa: F811
    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=team["supervisor"], now=datetime(2025, 10, 28, 9))
    reference, version = case.reference, case.version
    now = datetime(2025, 11, 27, 9)
    answer = {"outcome": "granted", "text": "Réponse tardive."}
    results = in_threads(app, _fire_when_released(reference, "answer", answer, "officer", now),
                         _fire_when_released(reference, "deem_refusal", {}, None, now))
    winner = _one_winner(results)
    case = get_case(reference)
    assert case.version == version + 1
    assert case.state == {"answer": "answered", "deem_refusal": "deemed_refused"}[winner]
    assert transition_events(case.id, "answer") + transition_events(case.id, "deem_refusal") == 1
