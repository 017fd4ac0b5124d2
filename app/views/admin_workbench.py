"""Administration of the workbench: the tag list, and how each unit's new cases are assigned.

Routes of the ``admin`` blueprint (``/staff/admin``). Administrators and supervisors
keep the tag list; administrators set the assignment policies, supervisors may look.
"""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.forms.admin_workbench import POLICY_LABELS, PolicyForm, TagForm
from app.forms.staff_admin import ButtonForm
from app.models.user import Role
from app.services import auto_assignment, case_notes
from app.services.assignment import officers_with_workload
from app.services.calendar import utc_now
from app.services.cases import PayloadInvalid
from app.views.admin import VIEWERS, bp
from app.views.case_page import attach_errors


@bp.route("/tags")
@roles_required(*VIEWERS)
def tags():
    """The tag list, with the create form."""
    return _tags_page(TagForm(formdata=None))


def _tags_page(form, status=200):
    return render_template("pages/staff/admin_tags.html", tags=case_notes.all_tags(), form=form,
                           button=ButtonForm(formdata=None)), status


@bp.route("/tags", methods=["POST"])
@roles_required(*VIEWERS)
def create_tag():
    """Add a tag; a duplicate or empty name re-renders with the message on the field."""
    form = TagForm()
    if not form.validate_on_submit():
        return _tags_page(form, 422)
    try:
        tag = case_notes.create_tag(form.name.data)
    except PayloadInvalid as exc:
        attach_errors(form, exc.errors, _)
        return _tags_page(form, 422)
    flash(_("Tag %(name)s created.", name=tag.name), "success")
    return redirect(url_for(".tags"))


@bp.route("/tags/<int:tag_id>/<any(retire, restore):change>", methods=["POST"])
@roles_required(*VIEWERS)
def change_tag(tag_id, change):
    """Retire a tag (kept on its cases, no longer offered) or offer it again."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        case_notes.set_tag_active(tag_id, change == "restore")
    except LookupError:
        abort(404)
    return redirect(url_for(".tags"))


@bp.route("/assignment")
@roles_required(*VIEWERS)
def assignment_policies():
    """Each unit's assignment policy and its active officers with their open cases."""
    rows = [(unit, policy, PolicyForm(formdata=None, unit=unit, assignment=policy.assignment if policy else "none"),
             officers_with_workload(unit)) for unit, policy in auto_assignment.policies().items()]
    return render_template("pages/staff/admin_assignment.html", rows=rows, policy_labels=POLICY_LABELS,
                           may_edit=current_user.has_role(Role.ADMIN))


@bp.route("/assignment", methods=["POST"])
@roles_required(Role.ADMIN)
def set_assignment_policy():
    """Set a unit's policy (applies to the cases received from now on)."""
    form = PolicyForm()
    if not form.validate_on_submit():
        abort(400)
    auto_assignment.set_policy(form.unit.data, form.assignment.data, current_user, utc_now())
    flash(_("Assignment policy saved."), "success")
    return redirect(url_for(".assignment_policies"))
