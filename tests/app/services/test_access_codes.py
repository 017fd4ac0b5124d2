"""Access codes: a keyed hash (HMAC-SHA256) under server-side keys, with rotation, and the old
PBKDF2 hashes still verifying until the applicant's next lookup re-keys them."""
import pytest
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models.case import Case
from app.services import references
from app.services.references import access_code_matches, hash_access_code, key_id, needs_rekey
from app.services.status import case_for_applicant
from config import Config

NEW_KEY, OLD_KEY = "new-key-" + "n" * 32, "old-key-" + "o" * 32


def test_the_hash_is_keyed_names_its_key_and_is_not_the_code(ctx, monkeypatch):
    monkeypatch.setitem(ctx.config, "ACCESS_CODE_KEYS", NEW_KEY)
    stored = hash_access_code("ABCDE23456")
    scheme, kid, digest = stored.split("$")
    assert (scheme, kid, len(digest)) == ("hmac-sha256", key_id(NEW_KEY.encode()), 64)
    assert "ABCDE23456" not in stored
    assert access_code_matches(stored, " abcde23456 ") and not access_code_matches(stored, "ABCDE23457")
    assert not access_code_matches(stored, "") and not access_code_matches(stored, None)
    # The same code under another key gives another hash: a copy of the table alone is useless.
    monkeypatch.setitem(ctx.config, "ACCESS_CODE_KEYS", OLD_KEY)
    assert hash_access_code("ABCDE23456") != stored


def test_rotation_new_codes_use_the_first_key_and_every_key_verifies(ctx, monkeypatch):
    monkeypatch.setitem(ctx.config, "ACCESS_CODE_KEYS", OLD_KEY)
    old = hash_access_code("ABCDE23456")
    monkeypatch.setitem(ctx.config, "ACCESS_CODE_KEYS", f"{NEW_KEY}, {OLD_KEY}")
    assert access_code_matches(old, "ABCDE23456") and needs_rekey(old)
    new = hash_access_code("ABCDE23456")
    assert new.split("$")[1] == key_id(NEW_KEY.encode()) and not needs_rekey(new)
    # Once the old key is dropped, its hashes no longer verify.
    monkeypatch.setitem(ctx.config, "ACCESS_CODE_KEYS", NEW_KEY)
    assert not access_code_matches(old, "ABCDE23456") and access_code_matches(new, "ABCDE23456")


def test_an_old_pbkdf2_hash_verifies_and_the_lookup_re_keys_it(register, monkeypatch):
    registered = register()
    case, code = registered.case, registered.access_code
    legacy = generate_password_hash(code, method="pbkdf2:sha256:1000")
    db.session.execute(db.update(Case).where(Case.id == case.id).values(access_code_hash=legacy))
    db.session.commit()
    assert case_for_applicant(case.reference, "WRONG23456") is None
    assert db.session.get(Case, case.id).access_code_hash == legacy       # a wrong code changes nothing
    assert case_for_applicant(case.reference, code.lower()).id == case.id
    db.session.expire_all()
    stored = db.session.get(Case, case.id).access_code_hash
    assert stored.startswith("hmac-sha256$") and access_code_matches(stored, code)


def test_a_rotated_key_is_re_keyed_on_the_next_lookup(register, ctx, monkeypatch):
    monkeypatch.setitem(ctx.config, "ACCESS_CODE_KEYS", OLD_KEY)
    registered = register()
    monkeypatch.setitem(ctx.config, "ACCESS_CODE_KEYS", f"{NEW_KEY},{OLD_KEY}")
    version = registered.case.version
    assert case_for_applicant(registered.case.reference, registered.access_code) is not None
    db.session.expire_all()
    case = db.session.get(Case, registered.case.id)
    assert not needs_rekey(case.access_code_hash) and case.version == version   # no workflow change


def test_an_unknown_reference_costs_one_hash_check_like_a_wrong_code(register, monkeypatch):
    registered = register()
    checked = []
    real = references.access_code_matches
    monkeypatch.setattr("app.services.status.access_code_matches", lambda h, c: checked.append(h) or real(h, c))
    assert case_for_applicant("DAI-2025-999999", "ABCDE23456") is None
    assert case_for_applicant(registered.case.reference, "ABCDE23456") is None
    assert case_for_applicant("not a reference", "ABCDE23456") is None
    assert len(checked) == 3 and all(h.startswith("hmac-sha256$") for h in checked)


def test_production_refuses_to_start_without_access_code_keys(monkeypatch):
    class Production(Config):
        NAFIDA_ENV, SECRET_KEY, ACCESS_CODE_KEYS = "production", "s" * 40, ""
        RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/0"

    with pytest.raises(RuntimeError, match="ACCESS_CODE_KEYS"):
        Production.check()
    Production.ACCESS_CODE_KEYS = NEW_KEY
    Production.check()


def test_development_derives_a_key_from_the_secret_key(ctx, monkeypatch):
    monkeypatch.setitem(ctx.config, "ACCESS_CODE_KEYS", "")
    first = hash_access_code("ABCDE23456")
    monkeypatch.setitem(ctx.config, "SECRET_KEY", "another-secret")
    assert hash_access_code("ABCDE23456") != first
