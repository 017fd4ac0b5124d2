"""Staff change the category of a complaint (a route of the ``cases`` blueprint; audited)."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.forms.complaint_categories import CaseCategoryForm
from app.models.user import Role
from app.services.calendar import utc_now
from app.services.case_category import recategorise
from app.services.cases import Conflict
from app.services.complaint_categories import CategoryError
from app.views.cases import bp, load_case

EDITORS = (Role.ADMIN, Role.SUPERVISOR, Role.COMPLAINTS_OFFICER)


@bp.post("/cases/<reference>/category")
@roles_required(*EDITORS)
def change_category(reference):
    """Put the complaint in another active category; the change is on its timeline."""
    case = load_case(reference)
    if case.is_information_request:
        abort(404)
    form = CaseCategoryForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        changed = recategorise(case, form.category.data, current_user, utc_now())
    except (CategoryError, Conflict) as exc:
        message = next(iter(exc.errors.values())) if isinstance(exc, CategoryError) else str(exc)
        flash(_(message), "error")
        return redirect(url_for(".case_page", reference=case.reference))
    if changed:
        flash(_("Category changed."), "success")
    return redirect(url_for(".case_page", reference=case.reference))
