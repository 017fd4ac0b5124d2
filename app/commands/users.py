"""`flask users …`: create staff accounts, issue, list and revoke API tokens, deactivate, reset passwords.

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
from app.services import tokens as api_tokens
from app.services.calendar import utc_now
from app.services.staff_accounts import AccountError, create_user, deactivate_user, reset_password

group = AppGroup("users", help="Staff accounts: create, API tokens, deactivate, password.")

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
@click.option("--full-name", default="",
              help="The name in Latin script: French pages and letters (default: the username).")
@click.option("--full-name-ar", default="", help="The name in Arabic script: Arabic pages and letters.")
def create(username, role, unit, password, email, full_name, full_name_ar):
    """Create an active staff account USERNAME with ROLE."""
    if db.session.execute(db.select(User.id).filter_by(username=username)).first():
        raise click.ClickException(f"user '{username}' already exists")
    password, generated = _password(password)
    email = _email(email)
    try:
        user = create_user(username, full_name or username, role, unit, password, full_name_ar=full_name_ar)
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
@click.option("--name", default="", help="What the token is for (shown in the token lists).")
@click.option("--days", type=click.IntRange(1, 366), help="Validity in days (default: API_TOKEN_DAYS, 90).")
def token(username, name, days):
    """Issue a new API bearer token for USERNAME (its other tokens keep working until revoked).

    Prints only the token on stdout, once; only its SHA-256 is stored.
    """
    user = _user(username)
    if not user.active:
        raise click.ClickException(f"user '{username}' is deactivated")
    try:
        _row, value = api_tokens.issue(user, name, days, utc_now())
    except api_tokens.TokenError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(value)


@group.command("tokens")
@click.argument("username", required=False)
def list_tokens(username):
    """One line per API token (of USERNAME, or of every account): id, user, name, created, expires, status."""
    owner, now, page = (_user(username) if username else None), utc_now(), 1
    while True:
        listed = api_tokens.tokens_page(owner, page, per_page=200)
        for row in listed.items:
            click.echo(f"{row.id}\t{row.user.username}\t{row.name or '-'}\t{row.created_at:%Y-%m-%d}\t"
                       f"{row.expires_at:%Y-%m-%d}\t{api_tokens.status(row, now)}")
        if page >= listed.pages:
            return
        page += 1


@group.command("revoke-token")
@click.argument("token_id", type=int)
def revoke_token(token_id):
    """Revoke the API token TOKEN_ID (see `flask users tokens`): it stops working at once."""
    try:
        row = api_tokens.revoke(token_id, None, utc_now())
    except api_tokens.TokenNotFound as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"revoked token {row.id} of {row.user.username}")


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
