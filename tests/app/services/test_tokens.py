"""API bearer tokens: named, expiring (API_TOKEN_DAYS), listed, revoked by their owner or an administrator."""
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models.api_token import ApiToken, hash_token
from app.services import tokens

NOW = datetime(2026, 3, 2, 9, 0)


def test_a_token_is_stored_as_a_digest_and_expires_after_the_default_days(staff):
    token, clear = tokens.issue(staff["officer"], " chafafiya ", None, NOW)
    assert token.token_hash == hash_token(clear) and clear not in token.token_hash
    assert token.name == "chafafiya" and token.expires_at == NOW + timedelta(days=90)
    assert tokens.user_for(clear, NOW + timedelta(days=89)) == staff["officer"]
    assert tokens.user_for(clear, NOW + timedelta(days=90)) is None
    assert tokens.status(token, NOW + timedelta(days=90)) == "expired"


def test_the_default_validity_is_a_setting(app, staff, monkeypatch):
    monkeypatch.setitem(app.config, "API_TOKEN_DAYS", 7)
    token, _ = tokens.issue(staff["officer"], "x", None, NOW)
    assert token.expires_at == NOW + timedelta(days=7)


@pytest.mark.parametrize("days", [0, 367, -1])
def test_validity_is_bounded(staff, days):
    with pytest.raises(tokens.TokenError) as refused:
        tokens.issue(staff["officer"], "x", days, NOW)
    assert "days" in refused.value.errors
    assert db.session.execute(db.select(db.func.count(ApiToken.id))).scalar() == 0


def test_a_deactivated_account_gets_no_token_and_loses_its_tokens(staff):
    _, clear = tokens.issue(staff["viewer"], "x", 30, NOW)
    staff["viewer"].deactivate()
    db.session.commit()
    assert tokens.user_for(clear, NOW) is None
    with pytest.raises(tokens.TokenError):
        tokens.issue(staff["viewer"], "y", 30, NOW)


def test_last_use_is_written_at_most_hourly(staff):
    token, clear = tokens.issue(staff["officer"], "x", 30, NOW)
    tokens.user_for(clear, NOW + timedelta(minutes=1))
    db.session.refresh(token)
    assert token.last_used_at == NOW + timedelta(minutes=1)
    tokens.user_for(clear, NOW + timedelta(minutes=30))
    db.session.refresh(token)
    assert token.last_used_at == NOW + timedelta(minutes=1)


def test_owner_and_administrator_may_revoke_nobody_else(staff):
    token, clear = tokens.issue(staff["officer"], "x", 30, NOW)
    with pytest.raises(PermissionError):
        tokens.revoke(token.id, staff["supervisor"], NOW)
    assert tokens.user_for(clear, NOW) == staff["officer"]
    tokens.revoke(token.id, staff["admin"], NOW)
    assert tokens.user_for(clear, NOW) is None and token.revoked_by == staff["admin"]
    own, own_clear = tokens.issue(staff["officer"], "y", 30, NOW)
    tokens.revoke(own.id, staff["officer"], NOW)
    assert tokens.status(own, NOW) == "revoked"
    with pytest.raises(tokens.TokenNotFound):
        tokens.revoke(987654, staff["admin"], NOW)


def test_pages_list_newest_first(staff):
    for n in range(5):
        tokens.issue(staff["officer"], f"t{n}", 30, NOW)
    tokens.issue(staff["admin"], "admin's", 30, NOW)
    mine = tokens.tokens_page(staff["officer"], page=1, per_page=2)
    assert [t.name for t in mine.items] == ["t4", "t3"] and (mine.total, mine.pages) == (5, 3)
    assert [t.name for t in tokens.tokens_page(staff["officer"], page=9, per_page=2).items] == ["t0"]
    assert tokens.tokens_page(None).total == 6
