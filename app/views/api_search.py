"""JSON API v1, staff side: exports of the case list (same parameters as ``GET /api/v1/cases``).

Routes of the ``api`` blueprint. The list itself is ``api_cases.case_list``; both
parse the query string with ``app.views.case_query`` and answer 422 per parameter.
"""
from flask import g, request

from app.models.user import Role
from app.services.case_search import SearchInvalid
from app.views.api import bp, field_errors, staff_required
from app.views.case_lists import export_response
from app.views.case_query import parse_case_query

ALL_ROLES = tuple(r.value for r in Role)


@bp.errorhandler(SearchInvalid)
def _bad_search(exc):
    return field_errors(exc.errors)


@bp.get("/cases/export.csv", defaults={"fmt": "csv"})
@bp.get("/cases/export.xlsx", defaults={"fmt": "xlsx"})
@staff_required(*ALL_ROLES)
def case_export(fmt):
    """The filtered case list as CSV (UTF-8 with BOM) or XLSX; the same columns in both."""
    wanted = parse_case_query(request.args, g.api_user)[0]
    return export_response(g.api_user, wanted, fmt)
