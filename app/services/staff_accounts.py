"""Staff accounts kept by an administrator: create, deactivate, reset a password.

Deactivating an account or changing its password bumps its ``session_version``,
which ends every open session and revokes its API token (``app.models.user``).
"""
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models.user import DEFAULT_UNIT, Role, Unit, User


class AccountError(ValueError):
    """An account change that cannot be made: ``errors`` maps fields to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def list_users() -> list[User]:
    """Every account, active first, by username."""
    return list(db.session.execute(db.select(User).order_by(User.active.desc(), User.username)).scalars())


def create_user(username: str, full_name: str, role: str, unit: str | None, password: str,
                full_name_ar: str = "") -> User:
    """Create an active account and commit it.

    ``full_name`` is the name in Latin script, ``full_name_ar`` in Arabic script (letters
    in Arabic are signed with it; ``User.name_in``).

    An officer's unit is the unit of its role (information officers: ``information``;
    complaints officers: ``complaints``); other roles may be limited to one unit.

    Raises:
        AccountError: unknown role or unit, an officer in the other unit, or a taken username.
    """
    errors = {}
    try:
        role_value = Role(role)
    except ValueError:
        raise AccountError({"role": "unknown role"}) from None
    if unit and unit not in {u.value for u in Unit}:
        errors["unit"] = "unknown unit"
    default = DEFAULT_UNIT.get(role_value)
    if default and unit and unit != default.value:
        errors["unit"] = f"a {role_value.value} belongs to the {default.value} unit"
    if errors:
        raise AccountError(errors)
    user = User(username=username.strip(), full_name=full_name.strip(), full_name_ar=full_name_ar.strip(),
                role=role_value.value,
                unit=(default.value if default else unit) or None)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AccountError({"username": "this username is taken"}) from None
    return user


def deactivate_user(user_id: int, actor) -> User:
    """Deactivate an account; its sessions and token end at once.

    Raises:
        AccountError: no such account, or the administrator's own account.
    """
    user = _get(user_id)
    if actor is not None and user.id == actor.id:
        raise AccountError({"user": "you cannot deactivate your own account"})
    user.deactivate()
    db.session.commit()
    return user


def reset_password(user_id: int, password: str) -> User:
    """Set a new password; the account's other sessions and token end.

    Raises:
        AccountError: no such account.
    """
    user = _get(user_id)
    user.set_password(password)
    db.session.commit()
    return user


def _get(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise AccountError({"user": "no such account"})
    return user
