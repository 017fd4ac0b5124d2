"""Administration of the complaint categories (routes of the ``admin`` blueprint).

Administrators add, rename, reorder and deactivate; supervisors may look. A code
never changes, so the cases filed under a category keep it.
"""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.forms.complaint_categories import CategoryEditForm, CategoryForm
from app.models.user import Role
from app.services import complaint_categories
from app.services.complaint_categories import CategoryError
from app.views.admin import VIEWERS, bp
from app.views.case_page import attach_errors


@bp.get("/categories")
@roles_required(*VIEWERS)
def categories():
    """Every category, in order, with the forms to add and edit (administrators)."""
    return _page(CategoryForm(formdata=None))


def _page(form, status=200, failed=None):
    rows = complaint_categories.all_categories()
    edits = {c.id: (failed[1] if failed and failed[0] == c.id else
                    CategoryEditForm(formdata=None, obj=c, prefix=f"c{c.id}")) for c in rows}
    return render_template("pages/staff/admin_categories.html", rows=rows, form=form, edits=edits,
                           may_edit=current_user.has_role(Role.ADMIN)), status


@bp.post("/categories")
@roles_required(Role.ADMIN)
def add_category():
    """Add a category; invalid input re-renders with per-field messages (422)."""
    form = CategoryForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        category = complaint_categories.create_category(form.code.data, form.name_ar.data, form.name_fr.data)
    except CategoryError as exc:
        attach_errors(form, exc.errors, _)
        return _page(form, 422)
    flash(_("Category %(code)s added.", code=category.code), "success")
    return redirect(url_for(".categories"))


@bp.post("/categories/<int:category_id>")
@roles_required(Role.ADMIN)
def edit_category(category_id):
    """Rename, reorder, activate or deactivate a category."""
    form = CategoryEditForm(prefix=f"c{category_id}")
    if not form.validate_on_submit():
        return _page(CategoryForm(formdata=None), 422, (category_id, form))
    try:
        category = complaint_categories.update_category(category_id, form.name_ar.data, form.name_fr.data,
                                                        form.position.data, bool(form.active.data))
    except CategoryError as exc:
        if "id" in exc.errors:
            abort(404)
        attach_errors(form, exc.errors, _)
        return _page(CategoryForm(formdata=None), 422, (category_id, form))
    flash(_("Category %(code)s saved.", code=category.code), "success")
    return redirect(url_for(".categories"))
