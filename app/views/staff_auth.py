"""Staff sign-in and sign-out (Flask-Login over a server-side session record; CSRF-protected forms)."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import SESSION_KEY
from app.extensions import limiter
from app.forms.staff import LoginForm
from app.rate_limits import client_key
from app.services import staff_sessions
from app.services.calendar import utc_now

bp = Blueprint("staff_auth", __name__, url_prefix="/staff")


def _safe_next(target: str | None) -> str:
    """A local path to go to after sign-in; anything pointing elsewhere goes to the dashboard."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("cases.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], key_func=client_key, methods=["POST"])
def login():
    """Sign in with username and password; the same message, and the same work, for any failure."""
    if current_user.is_authenticated:
        return redirect(url_for("cases.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = staff_sessions.authenticate(form.username.data, form.password.data)
        if user is not None:
            session[SESSION_KEY] = staff_sessions.start(user, utc_now())
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash(_("Wrong username or password, or the account is deactivated."), "error")
    status = 401 if request.method == "POST" else 200
    return render_template("pages/staff/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (POST with the CSRF token): the session ends on the server, for every copy of the cookie."""
    staff_sessions.end(session.pop(SESSION_KEY, None), utc_now())
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("staff_auth.login"))
