"""Staff pages: the text modules, reusable paragraphs in Arabic and French (supervisors keep them).

Routes of ``cases.bp``; the list is paginated. Officers insert modules into their
answers from the answer form (``case_letters``).
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.forms.drafts import TextModuleForm
from app.forms.staff_admin import ButtonForm
from app.models.user import Role
from app.services import text_modules
from app.strict_values import query_number
from app.views.case_page import attach_errors
from app.views.cases import bp

KEEPERS = (Role.SUPERVISOR, Role.ADMIN)


def _page_number() -> int:
    return query_number(request.args, "page")


def _list_page(form, status=200):
    result = text_modules.list_modules(_page_number())
    return render_template("pages/staff/text_modules.html", result=result, form=form,
                           button=ButtonForm(formdata=None)), status


@bp.route("/text-modules")
@roles_required(*KEEPERS)
def text_module_list():
    """Every text module by title, with the form to add one."""
    return _list_page(TextModuleForm(formdata=None))


@bp.route("/text-modules", methods=["POST"])
@roles_required(*KEEPERS)
def create_text_module():
    """Add a text module; invalid input re-renders with per-field messages."""
    form = TextModuleForm()
    if not form.validate_on_submit():
        return _list_page(form, 422)
    try:
        module = text_modules.save_module(form.fields(), current_user)
    except text_modules.TextModuleInvalid as exc:
        attach_errors(form, exc.errors, _)
        return _list_page(form, 422)
    flash(_("Text module saved: %(title)s.", title=module.title), "success")
    return redirect(url_for(".text_module_list"))


def _module(module_id: int):
    module = text_modules.get_module(module_id)
    if module is None:
        abort(404)
    return module


@bp.route("/text-modules/<int:module_id>", methods=["GET", "POST"])
@roles_required(*KEEPERS)
def edit_text_module(module_id):
    """Change a text module (letters already issued keep their text)."""
    module = _module(module_id)
    form = TextModuleForm(obj=module) if request.method == "GET" else TextModuleForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            text_modules.save_module(form.fields(), current_user, module)
        except text_modules.TextModuleInvalid as exc:
            attach_errors(form, exc.errors, _)
        else:
            flash(_("Text module saved: %(title)s.", title=module.title), "success")
            return redirect(url_for(".text_module_list"))
    status = 422 if request.method == "POST" else 200
    return render_template("pages/staff/text_module.html", module=module, form=form,
                           button=ButtonForm(formdata=None)), status


@bp.route("/text-modules/<int:module_id>/delete", methods=["POST"])
@roles_required(*KEEPERS)
def delete_text_module(module_id):
    """Delete a text module."""
    module = _module(module_id)
    title = module.title
    text_modules.delete_module(module)
    flash(_("Text module deleted: %(title)s.", title=title), "success")
    return redirect(url_for(".text_module_list"))
