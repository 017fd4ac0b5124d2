"""Who is asking: session logins for pages, bearer tokens for the API, role checks."""
from functools import wraps

from flask import abort, request
from flask_login import current_user

from app.extensions import db, login_manager
from app.models.user import User, hash_token


def init_app(app):
    login_manager.init_app(app)
    login_manager.login_view = "staff_auth.login"
    login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(session_id: str):
    """Load a session's user; a stale ``session_version`` (password changed, deactivated) ends it."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user and user.active and str(user.session_version) == version:
        return user
    return None


@login_manager.request_loader
def load_user_from_token(req):
    """``Authorization: Bearer <token>`` → the active user owning that token."""
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = header[len("Bearer "):].strip()
    if not token:
        return None
    user = User.query.filter_by(api_token_hash=hash_token(token)).first()
    return user if user and user.active else None


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
