"""Reference numbers ``<PREFIX>-<YEAR>-<6 digits>`` and access codes."""
import re
import secrets
import string

from flask import current_app
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.reference import ReferenceCounter
from workflows.kinds import CaseKind, spec

ACCESS_CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")
ACCESS_CODE_LENGTH = 10
REFERENCE_FORMAT = re.compile(r"^[A-Z]{2,8}-\d{4}-\d{6}$")


def next_reference(kind: CaseKind | str, year: int) -> str:
    """Allocate the next reference of ``kind`` for ``year`` in the current transaction.

    The counter row is bumped with one atomic ``UPDATE … RETURNING``, so concurrent
    submissions on PostgreSQL get distinct numbers; a number is never reused (a
    rolled-back transaction gives its number back, and nothing was issued with it).
    """
    return next_in_series(spec(kind).reference_prefix, year)


def next_in_series(prefix: str, year: int) -> str:
    """Allocate the next ``<prefix>-<year>-<6 digits>`` (a case kind's, or e.g. the disclosure register's ``PUB``)."""
    for _ in range(3):
        value = _bump(prefix, year)
        if value is not None:
            return f"{prefix}-{year}-{value:06d}"
        try:
            with db.session.begin_nested():
                db.session.add(ReferenceCounter(prefix=prefix, year=year, last_value=1))
            return f"{prefix}-{year}-{1:06d}"
        except IntegrityError:
            continue  # another transaction created the year's counter first
    raise RuntimeError("could not allocate a reference number")


def _bump(prefix: str, year: int) -> int | None:
    stmt = (update(ReferenceCounter)
            .where(ReferenceCounter.prefix == prefix, ReferenceCounter.year == year)
            .values(last_value=ReferenceCounter.last_value + 1)
            .returning(ReferenceCounter.last_value))
    return db.session.execute(stmt).scalar_one_or_none()


def new_access_code() -> str:
    """A random access code (10 characters, no look-alike letters)."""
    return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


def hash_access_code(code: str) -> str:
    return generate_password_hash(code.strip().upper(), method=current_app.config["ACCESS_CODE_HASH_METHOD"])


def access_code_matches(code_hash: str, code: str | None) -> bool:
    return bool(code) and check_password_hash(code_hash, code.strip().upper())


def is_reference(text) -> bool:
    """True when ``text`` has the shape of a reference number (``DAI-2025-000123``)."""
    return isinstance(text, str) and REFERENCE_FORMAT.match(text) is not None
