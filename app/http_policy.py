"""Cookies, transport security and caching of the responses that carry personal data.

- Session cookies are HttpOnly and SameSite=Lax everywhere, Secure in production.
- Production answers carry HSTS (``HSTS_SECONDS``): the portal is reached over TLS only.
- Every staff page and API answer is ``Cache-Control: no-store`` (they name
  applicants, or could): no shared cache or browser history keeps them. The
  portal's own pages already say so (``app.views.portal``).
"""
from flask import request

PRIVATE_PREFIXES = ("/staff", "/api/")


def init_app(app):
    production = app.config.get("NAFIDA_ENV") == "production"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    app.config["REMEMBER_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    if production:
        app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = True
    app.after_request(private_responses)
    if production:
        app.after_request(strict_transport)


def private_responses(response):
    """``no-store`` on staff and API answers (a stricter value already set is kept)."""
    if request.path.startswith(PRIVATE_PREFIXES) and "no-store" not in response.headers.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "no-store"
    return response


def strict_transport(response):
    """HSTS on every answer (browsers ignore it over plain HTTP, as the standard says)."""
    from flask import current_app

    seconds = current_app.config.get("HSTS_SECONDS", 0)
    if seconds:
        response.headers.setdefault("Strict-Transport-Security", f"max-age={seconds}")
    return response
