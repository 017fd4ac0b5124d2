"""JSON API v1: the statistics of §1 for staff, and the complaint categories (routes of the ``api`` blueprint)."""
from flask import jsonify, request

from app.models.user import Role
from app.services import complaint_categories
from app.services.statistics import QueryError, compute
from app.services.statistics.indicators import INDICATORS
from app.views.api import api_error, bp, no_store, staff_required
from app.views.statistics_query import read_query

READERS = (Role.ADMIN, Role.SUPERVISOR, Role.HEAD)


@bp.get("/statistics")
@staff_required(*READERS)
def statistics():
    """Every indicator for the cases received from ``from`` to ``to`` (both ``YYYY-MM-DD``, Casablanca dates).

    Filters: ``kind``, ``channel``, ``unit``, ``officer`` (a username). 400 with the
    reason when a date is missing or malformed; 422 naming a parameter the document does not declare
    (``staff_required``).
    """
    if not (request.args.get("from") and request.args.get("to")):
        return api_error(400, "bad_request", "give the period as from=YYYY-MM-DD&to=YYYY-MM-DD")
    try:
        period, filters = read_query(request.args)
    except QueryError as exc:
        return api_error(400, "bad_request", "; ".join(f"{k}: {v}" for k, v in exc.errors.items()))
    figures = compute(period, filters)
    return no_store(jsonify({
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "filters": {"kind": filters.kind, "channel": filters.channel, "unit": filters.unit,
                    "officer": request.args.get("officer") or None},
        "computed_at": figures.computed_at.isoformat() + "Z",
        "figures": figures.values,
        "units": {i: INDICATORS[i].unit for i in figures.values},
    }))


@bp.get("/complaint-categories")
def categories():
    """The active complaint categories (code and names), in order: the codes ``POST /complaints`` accepts."""
    return jsonify([{"code": c.code, "name_ar": c.name_ar, "name_fr": c.name_fr}
                    for c in complaint_categories.active_categories()])
