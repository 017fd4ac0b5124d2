"""Staff case list: search and filters, pages, CSV/XLSX export, bulk assignment.

Routes of the ``cases`` blueprint (``/staff``). Every staff member lists what their
role and unit may see (``assignment.visible_kinds``); assigning is for supervisors
and administrators, case by case through the workflow (``bulk_assignment``).
"""

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app import labels
from app.auth import roles_required
from app.forms.case_lists import BulkAssignForm
from app.models.user import Role
from app.refusals import refusal_text
from app.services import case_export
from app.services.assignment import KIND_OF_UNIT, officers_with_workload, visible_kinds
from app.services.bulk_assignment import bulk_assign
from app.services.calendar import today_local, utc_now, working_calendar
from app.services.case_notes import all_tags
from app.services.case_search import COUNT_LIMIT, CaseFilter, SearchInvalid, search_cases
from app.services.cases import CaseNotFound, Conflict, PayloadInvalid
from app.views.case_list_errors import page_errors
from app.views.case_query import CHOICES, PARAMETERS, parse_case_query
from app.views.cases import ALL_STAFF, bp
from workflows.machine import TransitionRefused

ASSIGNERS = (Role.ADMIN, Role.SUPERVISOR)
FORMATS = {"csv": "text/csv",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
HEADERS = {"reference": _l("Reference"), "kind": _l("Kind"), "state": _l("State"), "outcome": _l("Outcome"),
           "channel": _l("Channel"), "urgency": _l("Urgency"), "received": _l("Received (Casablanca time)"),
           "assignee": _l("Assigned to"), "due": _l("Due"), "overdue": _l("Overdue"), "applicant": _l("Applicant"),
           "subject": _l("Subject or request"), "tags": _l("Tags")}


@bp.route("/cases")
@roles_required(*ALL_STAFF)
def case_list():
    """The cases the user may see, searched and filtered; bad parameters are shown on their fields."""
    today, errors, failures, result = today_local(), {}, [], None
    try:
        wanted, page, per_page, cursor = parse_case_query(request.args, current_user)
        result = search_cases(current_user, wanted, today, working_calendar(), page, per_page, cursor)
    except SearchInvalid as exc:
        errors, failures = page_errors(exc.errors)
    officers = _officers()
    kept = {k: v for k, v in request.args.items() if k in PARAMETERS and v}
    bulk = bulk_form(officers)
    return render_template(
        "pages/staff/cases.html", result=result, errors=errors, args=request.args, kept=kept, options=_options(),
        officers=[(u.username, labels.staff_name(u)) for u, _label in officers], count_limit=COUNT_LIMIT,
        bulk=bulk, form_failures=failures), (422 if errors else 200)


def bulk_form(officers=None) -> BulkAssignForm | None:
    """The bulk-assignment form of a list, for supervisors and administrators (None for the others)."""
    if not current_user.has_role(*ASSIGNERS):
        return None
    return BulkAssignForm(formdata=None, officers=[(u.username, label) for u, label in officers or _officers()])


def _options() -> dict[str, list[tuple[str, str]]]:
    """The filter selects' ``(value, label)`` options in the reader's language."""
    out = {name: [(v, labels.label(table, v)) for v in CHOICES[name]]
           for name, table in (("state", "state"), ("outcome", "outcome"), ("channel", "channel"))}
    out["type"] = [(k, labels.label("kind", k)) for k in visible_kinds(current_user)]
    out["tag"] = [(t.name, t.name) for t in all_tags()]
    return out


def _officers() -> list[tuple]:
    """``(user, label)`` of the active officers of the units the user may see, the label with their load."""
    units = [unit for unit, kind in KIND_OF_UNIT.items() if kind in visible_kinds(current_user)]
    return [(user, ngettext("%(name)s — %(unit)s — %(num)d open case", "%(name)s — %(unit)s — %(num)d open cases",
                            count, name=labels.staff_name(user), unit=labels.label("unit", unit)))
            for unit in units for user, count in officers_with_workload(unit)]


@bp.route("/cases/export.<fmt>")
@roles_required(*ALL_STAFF)
def export(fmt):
    """The filtered list as CSV or XLSX (same parameters as the list)."""
    if fmt not in FORMATS:
        abort(404)
    try:
        wanted = parse_case_query(request.args, current_user)[0]
    except SearchInvalid:
        flash(_("Correct the search before exporting it."), "error")
        return redirect(url_for(".case_list", **request.args))
    return export_response(current_user._get_current_object(), wanted, fmt)


def export_response(user, wanted: CaseFilter, fmt: str):
    """The export file of ``wanted`` for ``user`` (CSV or XLSX), written to a temporary file then sent."""
    now = utc_now()
    rows = case_export.export_rows(user, wanted, today_local(now), _labels())
    if fmt == "csv":
        data = case_export.write_csv(rows)
    else:
        data = case_export.write_xlsx(rows, _("Cases"), right_to_left=str(get_locale()) == "ar")
    response = send_file(data, mimetype=FORMATS[fmt], as_attachment=True,
                         download_name=f"nafida-cases-{labels.local_dt(now, '%Y%m%d-%H%M')}.{fmt}")
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _labels() -> case_export.Labels:
    return case_export.Labels(header=lambda column: str(HEADERS[column]), value=labels.label, yes=_("Yes"),
                              no=_("No"), urgent=_("Urgent"),
                              ruled_out=_("Asked as urgent, ruled not urgent (art. 17)"), lang=str(get_locale()))


@bp.route("/cases/bulk-assign", methods=["POST"])
@roles_required(*ASSIGNERS)
def bulk_assign_cases():
    """Assign the ticked cases to one officer; the page says case by case what happened."""
    form = BulkAssignForm(officers=[(u.username, label) for u, label in _officers()])
    back = url_for(".case_list") + ("?" + form.query.data if form.query.data else "")
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errs in form.errors.values() for e in errs) or _("Select cases and an officer."),
              "error")
        return redirect(back)
    try:
        results = bulk_assign(form.references.data, form.officer.data, current_user, now=utc_now())
    except PayloadInvalid as exc:
        flash(_(next(iter(exc.errors.values()))), "error")
        return redirect(back)
    return render_template("pages/staff/bulk_result.html", results=[(r, _why(r.error)) for r in results],
                           officer=form.officer.data, back=back)


def _why(error) -> str | None:
    """The reason a case was refused, in the reader's language."""
    if error is None:
        return None
    if isinstance(error, TransitionRefused):
        return refusal_text(error)
    if isinstance(error, PayloadInvalid):
        return " ".join(_(m) for m in error.errors.values())
    if isinstance(error, CaseNotFound):
        return _("No case has this reference.")
    if isinstance(error, Conflict):
        return _("Another action changed this case at the same time: reload and try again.")
    return _(str(error))
