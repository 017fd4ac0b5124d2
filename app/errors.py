"""Error answers: JSON under /api/, a translated page elsewhere; security headers on every response."""
from flask import jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from app.strict_values import ValueInvalid

MESSAGES = {
    400: _l("The form has expired or was sent twice. Go back, reload the page and try again."),
    403: _l("You are not allowed to see this page."),
    404: _l("This page does not exist."),
    405: _l("This page does not accept that kind of request."),
    413: _l("The files sent are too large. Nothing was saved."),
    429: _l("Too many attempts. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Nothing was saved; please try again."),
}

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
}


def init_app(app):
    for code in MESSAGES:
        app.register_error_handler(code, error_response)
    app.register_error_handler(ValueInvalid, unreadable_value)
    app.after_request(add_security_headers)


def unreadable_value(exc: ValueInvalid):
    """400 for a number or date in the address (or body) that cannot be read, with the field and reason."""
    if request.path.startswith("/api/"):
        return jsonify({"error": "bad_request", "reason": str(exc)}), 400
    message = _l("A number or a date in this address cannot be read (%(field)s). Check it and try again.",
                 field=exc.field)
    return render_template("pages/error.html", code=400, message=message), 400


def error_response(exc: HTTPException):
    """The error as JSON for the API (``{"error", "reason"}``), else as a page in the user's language."""
    code = exc.code if isinstance(exc, HTTPException) and exc.code in MESSAGES else 500
    if isinstance(exc, InternalServerError) or code == 500:
        code = 500
    # 405 keeps its Allow header (RFC 9110), whatever the body.
    headers = {"Allow": ", ".join(exc.valid_methods)} if getattr(exc, "valid_methods", None) else {}
    if request.path.startswith("/api/"):
        name = "internal_error" if code == 500 else (exc.name or "error").lower().replace(" ", "_")
        reason = str(MESSAGES[500]) if code == 500 else exc.description
        return jsonify({"error": name, "reason": reason}), code, headers
    return render_template("pages/error.html", code=code, message=MESSAGES[code]), code, headers


def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
