"""Throttling of the public side and of sign-in (Flask-Limiter); every limit is a setting.

- staff sign-in: ``LOGIN_RATE_LIMIT`` per client address;
- every route that checks an access code or an e-mailed link: ``LOOKUP_RATE_LIMIT``
  per client address, one count for all of them;
- anonymous submissions (portal forms and public API, together):
  ``SUBMIT_RATE_LIMIT`` per client address and ``SUBMIT_GLOBAL_RATE_LIMIT`` for
  everyone; only registrations count;
- the lost-access-code form: ``ACCESS_CODE_REISSUE_RATE_LIMIT`` per client address
  and ``ACCESS_CODE_REISSUE_PER_REFERENCE`` per reference asked for;
- attached bytes: ``ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY`` per client address.

Counts live in ``RATELIMIT_STORAGE_URI`` (Redis in production, so that every
gunicorn worker shares them); ``RATELIMIT_ENABLED=0`` turns every limit off. An
IPv6 client is counted by its /64 network, which one subscriber usually holds whole.
"""
from __future__ import annotations

import ipaddress

from flask import current_app, g, request
from limits import parse

from app.extensions import limiter

KEY_PREFIX = "nafida"


def client_key() -> str:
    """The client address a limit counts against (IPv6: its /64 network)."""
    address = request.remote_addr or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(getattr(ip, "ipv4_mapped", None) or ip)


def _setting(name: str):
    return lambda: current_app.config[name]


def access_code_limit(methods: list[str] | None = None):
    """Decorator for a route that checks an access code (or an e-mailed link's token).

    All such routes share one count per client address (``LOOKUP_RATE_LIMIT``), so
    guessing cannot be spread over several routes. The view is marked
    ``access_code_limited`` (a test walks the URL map for it).
    """
    def decorator(view):
        limited = limiter.shared_limit(_setting("LOOKUP_RATE_LIMIT"), scope="access-code", key_func=client_key,
                                       methods=methods)(view)
        limited.access_code_limited = True
        return limited
    return decorator


def submission_limit(view):
    """Decorator for an anonymous submission route: per address and overall, portal and API together.

    Only registrations count (the API's 201, or a portal page that registered the case:
    ``count_registration``); a form sent back with errors does not use up the
    applicant's allowance.
    """
    for setting, scope, key in (("SUBMIT_RATE_LIMIT", "submit", client_key),
                                ("SUBMIT_GLOBAL_RATE_LIMIT", "submit-all", _everyone)):
        view = limiter.shared_limit(_setting(setting), scope=scope, key_func=key, methods=["POST"],
                                    deduct_when=_registered)(view)
    view.submission_limited = True
    return view


def reissue_limit(view):
    """Decorator for the lost-access-code form: per address and per reference asked for."""
    view = limiter.limit(_setting("ACCESS_CODE_REISSUE_RATE_LIMIT"), key_func=client_key, methods=["POST"],
                         scope="reissue")(view)
    return limiter.limit(_setting("ACCESS_CODE_REISSUE_PER_REFERENCE"), key_func=_posted_reference,
                         methods=["POST"], scope="reissue-reference")(view)


def _everyone() -> str:
    return "everyone"


def count_registration() -> None:
    """Mark this request as one that registered a case (the portal answers it with a 200 page)."""
    g.case_registered = True


def _registered(response) -> bool:
    return response.status_code == 201 or bool(g.get("case_registered"))


def _posted_reference() -> str:
    return "reference:" + (request.form.get("reference") or "").strip().upper()[:40]


def attachment_bytes_allowed(size: int) -> bool:
    """Whether this client may still attach ``size`` bytes today (``ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY``).

    Tests only; ``charge_attachment_bytes`` counts them once the submission is registered.
    Always True when the limits are off.
    """
    if not _counting():
        return True
    return limiter.limiter.test(_daily_bytes(), _prefix(), "attachment-bytes", client_key(), cost=max(size, 1))


def charge_attachment_bytes(size: int) -> None:
    """Count ``size`` attached bytes against this client's daily allowance."""
    if size and _counting():
        limiter.limiter.hit(_daily_bytes(), _prefix(), "attachment-bytes", client_key(), cost=size)


def _prefix() -> str:
    return current_app.config.get("RATELIMIT_KEY_PREFIX") or KEY_PREFIX


def _daily_bytes():
    return parse(f"{current_app.config['ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY']} per day")


def _counting() -> bool:
    return bool(limiter.enabled and current_app.config.get("RATELIMIT_ENABLED", True))
