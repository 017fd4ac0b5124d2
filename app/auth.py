"""Who is asking: server-side sessions for the staff pages, bearer tokens for the API, role checks."""
from functools import wraps

from flask import abort, request, session
from flask_login import current_user

from app.extensions import login_manager
from app.models.columns import utcnow
from app.services import staff_sessions, tokens

SESSION_KEY = "staff_session"   # the session cookie's entry naming the server-side session


def init_app(app):
    login_manager.init_app(app)
    login_manager.login_view = "staff_auth.login"
    login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(session_id: str):
    """The user of this browser's session, if its server-side record is still in force.

    ``session_id`` is ``"<user id>:<session_version>"``: a stale version (password
    changed, account deactivated) ends the session too.
    """
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = staff_sessions.current_user_of(session.get(SESSION_KEY), int(user_id), utcnow())
    if user and user.active and str(user.session_version) == version:
        return user
    return None


def load_user_from_token(req):
    """``Authorization: Bearer <token>`` on an ``/api/`` request → the active user owning that token.

    Tokens open the API only: on any other path this returns None.
    """
    if not req.path.startswith("/api/"):
        return None
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return tokens.user_for(header[len("Bearer "):].strip(), utcnow())


def roles_required(*roles):
    """Decorator: the current user must be logged in (401/redirect) and hold one of ``roles`` (403)."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorator


def is_api_request() -> bool:
    return request.path.startswith("/api/")
