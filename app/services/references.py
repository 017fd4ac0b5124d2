"""Reference numbers ``<PREFIX>-<YEAR>-<6 digits>`` and access codes."""
import hashlib
import hmac
import re
import secrets
import string

from flask import current_app
from sqlalchemy import insert, text, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash

from app import normalise
from app.extensions import db
from app.models.reference import ReferenceCounter
from workflows.kinds import CaseKind, spec

ACCESS_CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")
ACCESS_CODE_LENGTH = 10
REFERENCE_FORMAT = re.compile(r"^[A-Z]{2,8}-[0-9]{4}-[0-9]{6}$")   # ASCII digits: see normalise
HMAC_SCHEME = "hmac-sha256"


def next_reference(kind: CaseKind | str, year: int) -> str:
    """Allocate the next reference of ``kind`` for ``year`` in a short transaction of its own.

    The counter row of (prefix, year) is bumped with one atomic ``UPDATE … RETURNING``
    on a connection of its own, committed at once: its row lock (PostgreSQL) or the
    write lock (SQLite) is held for that one statement, never across the caller's
    hashing, letter rendering or commit. Numbers are distinct under concurrency and
    never reused. A number drawn by a registration that then fails (a duplicate form
    post, a crash) is skipped: a gap in the register, never a number given twice.
    Call it while the caller's session holds no write lock (before its first flush).

    On PostgreSQL this short transaction commits without waiting for its WAL to reach
    the disk (``synchronous_commit`` off, for it alone), so the counter's row lock is
    not held across an fsync. That is safe: the registration that uses the number
    commits synchronously afterwards, which flushes the earlier WAL too; a number lost
    in a crash was used by no committed case, and drawing it again duplicates nothing.

    Raises:
        RuntimeError: no number could be drawn (three lost races on a new year's row).
    """
    return next_in_series(spec(kind).reference_prefix, year)


def next_in_series(prefix: str, year: int) -> str:
    """Allocate the next ``<prefix>-<year>-<6 digits>`` (a case kind's, or e.g. the disclosure register's ``PUB``).

    Drawn in a short transaction of its own (see ``next_reference``): call it before the
    caller's unit of work writes anything.
    """
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
        for _ in range(3):
            value = _bump(conn, prefix, year)
            if value is None:
                value = _first_of_year(conn, prefix, year)
            if value is not None:
                conn.commit()
                return f"{prefix}-{year}-{value:06d}"
    raise RuntimeError("could not allocate a reference number")


def _bump(conn, prefix: str, year: int) -> int | None:
    stmt = (update(ReferenceCounter)
            .where(ReferenceCounter.prefix == prefix, ReferenceCounter.year == year)
            .values(last_value=ReferenceCounter.last_value + 1)
            .returning(ReferenceCounter.last_value))
    return conn.execute(stmt).scalar_one_or_none()


def _first_of_year(conn, prefix: str, year: int) -> int | None:
    """Create the year's counter at 1; None when another transaction created it first."""
    try:
        conn.execute(insert(ReferenceCounter).values(prefix=prefix, year=year, last_value=1))
    except IntegrityError:
        conn.rollback()
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
        return None
    return 1


def new_access_code() -> str:
    """A random access code (10 characters, no look-alike letters)."""
    return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


def access_code_keys() -> list[bytes]:
    """The server-side keys of the access-code hash, newest first (``ACCESS_CODE_KEYS``).

    Never stored in the database, so a copy of the ``cases`` table alone does not let
    anyone test guesses. Without the setting (development only; production refuses
    to start), one key derived from ``SECRET_KEY``.
    """
    configured = [k.strip() for k in (current_app.config.get("ACCESS_CODE_KEYS") or "").split(",") if k.strip()]
    if configured:
        return [k.encode("utf-8") for k in configured]
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return [hmac.new(secret, b"nafida access codes", hashlib.sha256).hexdigest().encode("ascii")]


def key_id(key: bytes) -> str:
    """A short public name of ``key`` (stored with each hash, so that rotation finds the right key)."""
    return hashlib.sha256(b"nafida-key-id:" + key).hexdigest()[:8]


def _digest(key: bytes, code: str) -> str:
    return hmac.new(key, _canonical(code).encode("utf-8"), hashlib.sha256).hexdigest()


def _canonical(code: str) -> str:
    return normalise.compact_identifier(code)


def hash_access_code(code: str) -> str:
    """``hmac-sha256$<key id>$<hex digest>`` of ``code`` under the first (current) key.

    Access codes are 10 random characters (~49 bits), not passwords people choose: a
    keyed hash costs microseconds and a leaked table is useless without the key.
    """
    key = access_code_keys()[0]
    return f"{HMAC_SCHEME}${key_id(key)}${_digest(key, code)}"


def access_code_matches(code_hash: str, code: str | None) -> bool:
    """True when ``code`` (any case, surrounding spaces ignored) is the code ``code_hash`` was made from.

    Keyed hashes are checked with the key they name, among ``ACCESS_CODE_KEYS``; hashes
    of earlier versions (salted PBKDF2) still verify until ``needs_rekey`` replaces them.
    """
    if not code:
        return False
    scheme, _, rest = code_hash.partition("$")
    if scheme != HMAC_SCHEME:
        return check_password_hash(code_hash, _canonical(code))
    wanted_id, _, digest = rest.partition("$")
    keys = {key_id(key): key for key in access_code_keys()}
    key = keys.get(wanted_id)
    # An unknown key id does the same work as a known one (against a throw-away key).
    actual = _digest(key or b"-" * 32, code)
    return key is not None and hmac.compare_digest(actual, digest)


def needs_rekey(code_hash: str) -> bool:
    """True when ``code_hash`` is not a keyed hash under the current key (old scheme or rotated key)."""
    return not code_hash.startswith(f"{HMAC_SCHEME}${key_id(access_code_keys()[0])}$")


def is_reference(text) -> bool:
    """True when ``text`` has the shape of a reference number (``DAI-2025-000123``)."""
    return isinstance(text, str) and REFERENCE_FORMAT.fullmatch(text) is not None
