"""Staff sign-in does the same work whoever asks; sessions are server-side records that end."""
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models.staff_session import StaffSession
from app.services import staff_sessions

NOW = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def hash_checks(monkeypatch):
    """Every password-hash check made: (stored hash's method, password)."""
    calls = []
    real = staff_sessions.check_password_hash

    def spy(stored, password):
        calls.append(stored.split("$", 1)[0])
        return real(stored, password)
    monkeypatch.setattr(staff_sessions, "check_password_hash", spy)
    return calls


@pytest.mark.parametrize("who, password", [
    ("nobody", "Secret-pass-2026"),             # unknown username
    ("viewer", "Secret-pass-2026"),             # deactivated account, right password
    ("officer", "not-the-password"),            # wrong password
    ("", ""),                                   # nothing typed
])
def test_every_failure_costs_one_hash_check_of_the_real_method(staff, hash_checks, who, password):
    staff["viewer"].deactivate()
    db.session.commit()
    assert staff_sessions.authenticate(who, password) is None
    real_method = staff["officer"].password_hash.split("$", 1)[0]
    assert hash_checks == [real_method]


def test_the_right_password_also_costs_one_check(staff, hash_checks):
    assert staff_sessions.authenticate(" officer ", "Secret-pass-2026") == staff["officer"]
    assert len(hash_checks) == 1


def test_the_dummy_hash_is_made_once_per_method(ctx):
    first = staff_sessions.dummy_password_hash("pbkdf2:sha256:1000")
    assert staff_sessions.dummy_password_hash("pbkdf2:sha256:1000") is first
    assert first.startswith("pbkdf2:sha256:1000$")


def test_a_session_is_a_record_keyed_by_a_digest(staff):
    session_id = staff_sessions.start(staff["officer"], NOW)
    (record,) = db.session.execute(db.select(StaffSession)).scalars()
    assert record.id_hash != session_id and len(record.id_hash) == 64
    assert record.expires_at == NOW + timedelta(hours=12)
    assert staff_sessions.current_user_of(session_id, staff["officer"].id, NOW) == staff["officer"]
    assert staff_sessions.current_user_of(session_id, staff["admin"].id, NOW) is None      # another user's id
    assert staff_sessions.current_user_of("forged", staff["officer"].id, NOW) is None
    assert staff_sessions.current_user_of(None, staff["officer"].id, NOW) is None


def test_an_ended_or_expired_session_opens_nothing(staff):
    session_id = staff_sessions.start(staff["officer"], NOW)
    later = NOW + timedelta(hours=12)
    assert staff_sessions.current_user_of(session_id, staff["officer"].id, later) is None
    other = staff_sessions.start(staff["officer"], NOW)
    staff_sessions.end(other, NOW + timedelta(minutes=5))
    assert staff_sessions.current_user_of(other, staff["officer"].id, NOW + timedelta(minutes=6)) is None
    staff_sessions.end("unknown", NOW)     # changes nothing, raises nothing
