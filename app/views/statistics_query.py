"""Reading a statistics query (period and filters) from a page's or the API's parameters."""
from flask import Request

from app.extensions import db
from app.models.user import User
from app.services.calendar import today_local
from app.services.statistics import Filters, Period, QueryError
from app.services.statistics.period import parse_filters, parse_named, parse_range


def read_query(args, officer_field: str = "officer") -> tuple[Period, Filters]:
    """``(period, filters)`` from request arguments.

    ``from`` and ``to`` (both ``YYYY-MM-DD``) win over ``period`` (``2026``, ``2026-Q3``,
    ``2026-05``; default: the current year). ``officer`` is a staff username.

    Raises:
        QueryError: a bad date, period, kind, channel, unit or officer.
    """
    if args.get("from") or args.get("to"):
        period = parse_range(args.get("from"), args.get("to"))
    else:
        period = parse_named(args.get("period") or str(today_local().year))
    officer_id = None
    username = (args.get(officer_field) or "").strip()
    if username:
        officer = db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none()
        if officer is None:
            raise QueryError({officer_field: "no staff member with that username"})
        officer_id = officer.id
    filters = parse_filters(args.get("kind"), args.get("channel"), args.get("unit"), officer_id)
    return period, filters


def unknown_parameters(request: Request, allowed: set[str]) -> list[str]:
    """Query parameters that are not in ``allowed`` (the API refuses them rather than ignore a typo)."""
    return sorted(set(request.args) - allowed)
