"""`flask users …`: create staff accounts, issue API tokens, deactivate, reset passwords.

Every change goes through ``app.services.staff_accounts`` and the ``User`` methods,
so deactivating or changing a password ends the user's sessions and API token.
"""
import secrets
import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup

from app.extensions import db
from app.models.user import Role, Unit, User
from app.services.staff_accounts import AccountError, create_user, deactivate_user, reset_password

group = AppGroup("users", help="Staff accounts: create, API token, deactivate, password.")

MIN_PASSWORD = 10


def _user(username: str) -> User:
    user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none()
    if user is None:
        raise click.ClickException(f"no user '{username}'")
    return user


def _password(given: str | None) -> tuple[str, bool]:
    """``(password, generated)``: the given or prompted one (checked), else a random one.

    Prompts only on a terminal; a script without ``--password`` gets a generated one.
    """
    if given is None and sys.stdin.isatty():
        given = click.prompt("Password (empty: generate one)", hide_input=True,
                             confirmation_prompt=True, default="", show_default=False) or None
    if given is None:
        return secrets.token_urlsafe(12), True
    if len(given) < MIN_PASSWORD:
        raise click.BadParameter(f"at least {MIN_PASSWORD} characters", param_hint="--password")
    return given, False


def _email(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise click.BadParameter(str(exc), param_hint="--email") from None


@group.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--unit", type=click.Choice([u.value for u in Unit]),
              help="Default for officers: the unit of their role.")
@click.option("--password", help="Omit to be prompted on a terminal, else one is generated (printed once).")
@click.option("--email", help="Where deadline reminders are sent.")
@click.option("--full-name", default="", help="Shown on the staff pages (default: the username).")
def create(username, role, unit, password, email, full_name):
    """Create an active staff account USERNAME with ROLE."""
    if db.session.execute(db.select(User.id).filter_by(username=username)).first():
        raise click.ClickException(f"user '{username}' already exists")
    password, generated = _password(password)
    email = _email(email)
    try:
        user = create_user(username, full_name or username, role, unit, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    if email:
        user.email = email
        db.session.commit()
    click.echo(f"created {user.username} ({user.role}{', ' + user.unit if user.unit else ''})")
    if generated:
        click.echo(f"password: {password}")


@group.command("token")
@click.argument("username")
def token(username):
    """Issue a new API bearer token for USERNAME (the previous one stops working).

    Prints only the token on stdout, once; only its SHA-256 is stored.
    """
    user = _user(username)
    if not user.active:
        raise click.ClickException(f"user '{username}' is deactivated")
    value = user.issue_token()
    db.session.commit()
    click.echo(value)


@group.command("deactivate")
@click.argument("username")
def deactivate(username):
    """Deactivate USERNAME: its sessions and API token end at once."""
    user = deactivate_user(_user(username).id, actor=None)
    click.echo(f"deactivated {user.username}")


@group.command("password")
@click.argument("username")
@click.option("--password", help="Omit to be prompted on a terminal, else one is generated.")
def password(username, password):
    """Set a new password for USERNAME: its other sessions and API token end."""
    user = _user(username)
    password, generated = _password(password)
    reset_password(user.id, password)
    click.echo(f"password changed for {user.username}; their sessions have ended")
    if generated:
        click.echo(f"password: {password}")


@group.command("list")
def list_users():
    """One line per account: username, role, unit, active or not."""
    for user in db.session.execute(db.select(User).order_by(User.username)).scalars():
        state = "active" if user.active else "deactivated"
        click.echo(f"{user.username}\t{user.role}\t{user.unit or '-'}\t{state}")
