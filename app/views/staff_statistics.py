"""Statistics for the supervisors, the head of the body and the administrators (§1 of issue 9).

One page: the period and filters (GET, so that a view can be bookmarked and printed),
the figures of every indicator, and the charts with their data tables.
"""
from flask import Blueprint, render_template, request
from flask_babel import get_locale

from app import labels
from app.auth import roles_required
from app.extensions import db
from app.models.user import Role, User
from app.services.calendar import today_local
from app.services.statistics import QueryError, compute
from app.services.statistics.chart_sets import STAFF, draw
from app.services.statistics.indicators import for_scope
from app.services.statistics.keys import key_labels
from app.views.statistics_query import read_query
from workflows.kinds import KINDS
from workflows.statute import Channel

bp = Blueprint("staff_statistics", __name__, url_prefix="/staff/statistics")
bp.record_once(labels.register)

READERS = (Role.ADMIN, Role.SUPERVISOR, Role.HEAD)
OFFICER_ROLES = (Role.INFORMATION_OFFICER.value, Role.COMPLAINTS_OFFICER.value)


@bp.get("/")
@roles_required(*READERS)
def index():
    """The figures and charts of a period; bad parameters re-render the form with the reason (400)."""
    lang = str(get_locale() or "ar")
    try:
        period, filters = read_query(request.args)
    except QueryError as exc:
        return _page(lang, errors=exc.errors), 400
    figures = compute(period, filters)
    charts = [view for spec in STAFF if (view := draw(spec, figures.values, lang, figures.officers))]
    sections = [(scope, _rows(scope, figures, lang)) for scope in ("requests", "complaints", "workload")
                if scope == "workload" or filters.covers(_KIND[scope])]
    return _page(lang, figures=figures, charts=charts, sections=sections)


_KIND = {"requests": "information_request", "complaints": "complaint"}


def _rows(scope: str, figures, lang: str) -> list[dict]:
    """The indicators of ``scope`` as rows: label, definition, value or breakdown with named keys."""
    rows = []
    for item in for_scope(scope):
        value = figures[item.id]
        if isinstance(value, dict):
            names = key_labels(item.keys, value, lang, figures.officers)
            value = [(names[k], n) for k, n in value.items()]
        rows.append({"id": item.id, "label": item.label(lang), "definition": item.definition(lang),
                     "unit": item.unit, "value": value})
    return rows


def _page(lang, figures=None, charts=(), sections=(), errors=None):
    officers = sorted(db.session.execute(db.select(User).where(User.role.in_(OFFICER_ROLES))
                                         .order_by(User.username)).scalars(), key=labels.staff_name)
    return render_template("pages/staff/statistics.html", figures=figures, charts=charts, sections=sections,
                           errors=errors or {}, failed=bool(errors), args=request.args, periods=_periods(),
                           kinds=KINDS, channels=[c.value for c in Channel], officers=officers)


def _periods() -> list[str]:
    """Named periods offered: this year and the last, their quarters, this year's months."""
    year = today_local().year
    out = [str(year), str(year - 1)]
    out += [f"{y}-Q{q}" for y in (year, year - 1) for q in range(4, 0, -1)]
    return out + [f"{year}-{m:02d}" for m in range(12, 0, -1)]
