"""API bearer tokens in the staff area: each member's own (list, create, revoke) and, for the administrator, all.

A token is shown once, when created; afterwards only its name, dates and status.
Tokens open ``/api`` only (``app.auth.load_user_from_token``).
"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import labels
from app.auth import roles_required
from app.forms.privacy import TokenForm
from app.forms.staff_admin import ButtonForm
from app.models.user import Role
from app.services import tokens
from app.services.calendar import utc_now
from app.strict_values import query_number
from app.views.case_page import attach_errors

bp = Blueprint("tokens", __name__, url_prefix="/staff")
bp.record_once(labels.register)

ALL_STAFF = tuple(Role)


@bp.get("/tokens")
@roles_required(*ALL_STAFF)
def mine():
    """The signed-in member's tokens, with the form for a new one."""
    return _page(TokenForm(formdata=None, days=current_app.config["API_TOKEN_DAYS"]))


@bp.post("/tokens")
@roles_required(*ALL_STAFF)
def create():
    """Create a token for the signed-in member; it is shown on this page once."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    try:
        _token, clear = tokens.issue(current_user, form.name.data, form.days.data, utc_now())
    except tokens.TokenError as exc:
        attach_errors(form, exc.errors, _)
        return _page(form, status=422)
    return _page(TokenForm(formdata=None, days=current_app.config["API_TOKEN_DAYS"]), created=clear)


@bp.post("/tokens/<int:token_id>/revoke")
@roles_required(*ALL_STAFF)
def revoke(token_id):
    """Revoke a token: its owner, or an administrator (403 for anyone else)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        token = tokens.revoke(token_id, current_user, utc_now())
    except tokens.TokenNotFound:
        abort(404)
    except PermissionError:
        abort(403)
    flash(_("Token “%(name)s” revoked: it no longer opens the API.", name=token.name), "success")
    back = "tokens.all_tokens" if token.user_id != current_user.id else "tokens.mine"
    return redirect(url_for(back))


@bp.get("/admin/tokens")
@roles_required(Role.ADMIN)
def all_tokens():
    """Every account's tokens, newest first, 50 a page."""
    page = tokens.tokens_page(None, query_number(request.args, "page"))
    return render_template("pages/staff/admin_tokens.html", page=page, now=utc_now(), status=tokens.status,
                           button=ButtonForm(formdata=None))


def _page(form, status=200, created=None):
    page = tokens.tokens_page(current_user, query_number(request.args, "page"))
    return render_template("pages/staff/tokens.html", page=page, form=form, created=created, now=utc_now(),
                           status=tokens.status, button=ButtonForm(formdata=None)), status
