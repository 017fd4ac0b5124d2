"""Administration: staff accounts and the official holiday table.

Administrators change things; supervisors may look. A change to the holiday table
is recorded with a recompute job that the scheduler process runs
(``app.services.holidays``, ``app.services.recompute``); the page shows its progress.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.auth import roles_required
from app.forms.staff_admin import ButtonForm, HolidayForm, MoveHolidayForm, PasswordResetForm, UserCreateForm
from app.models.user import Role
from app.services import holidays, recompute, staff_accounts
from app.services.calendar import today_local, working_calendar
from app.strict_values import query_number
from app.views.case_page import attach_errors

bp = Blueprint("admin", __name__, url_prefix="/staff/admin")

VIEWERS = (Role.ADMIN, Role.SUPERVISOR)


@bp.route("/")
@roles_required(*VIEWERS)
def index():
    """The administration starts at the staff accounts."""
    return redirect(url_for(".users"))


@bp.route("/users")
@roles_required(*VIEWERS)
def users():
    """Every staff account, with the create form (administrators only)."""
    return _users_page(UserCreateForm(formdata=None))


def _users_page(form, status=200):
    return render_template("pages/staff/admin_users.html", users=staff_accounts.list_users(), form=form,
                           reset_form=PasswordResetForm(formdata=None), button=ButtonForm(formdata=None),
                           may_edit=current_user.has_role(Role.ADMIN)), status


@bp.route("/users", methods=["POST"])
@roles_required(Role.ADMIN)
def create_user():
    """Create an account (role and unit); invalid input re-renders with per-field messages."""
    form = UserCreateForm()
    if not form.validate_on_submit():
        return _users_page(form, 422)
    try:
        user = staff_accounts.create_user(form.username.data, form.full_name.data, form.role.data,
                                          form.unit.data or None, form.password.data,
                                          full_name_ar=form.full_name_ar.data)
    except staff_accounts.AccountError as exc:
        attach_errors(form, exc.errors, _)
        return _users_page(form, 422)
    flash(_("Account %(name)s created.", name=user.username), "success")
    return redirect(url_for(".users"))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@roles_required(Role.ADMIN)
def deactivate_user(user_id):
    """Deactivate an account: its sessions end at once."""
    if ButtonForm().validate_on_submit():
        try:
            user = staff_accounts.deactivate_user(user_id, current_user)
            flash(_("Account %(name)s deactivated; its sessions are ended.", name=user.username), "success")
        except staff_accounts.AccountError as exc:
            flash(_(next(iter(exc.errors.values()))), "error")
    return redirect(url_for(".users"))


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@roles_required(Role.ADMIN)
def reset_password(user_id):
    """Set a new password: the account's other sessions end."""
    form = PasswordResetForm()
    if not form.validate_on_submit():
        flash(_("The new password needs at least 10 characters."), "error")
        return redirect(url_for(".users"))
    try:
        user = staff_accounts.reset_password(user_id, form.password.data)
    except staff_accounts.AccountError:
        abort(404)
    flash(_("Password of %(name)s changed; its sessions are ended.", name=user.username), "success")
    return redirect(url_for(".users") if current_user.is_authenticated else url_for("staff_auth.login"))


@bp.route("/holidays")
@roles_required(*VIEWERS)
def holiday_table():
    """A year's non-working days: the package baseline merged with the official table."""
    return _holidays_page(HolidayForm(formdata=None))


def _year() -> int:
    return query_number(request.args, "year", today_local().year, maximum=2100)


def _holidays_page(form, status=200):
    year = _year()
    rows = holidays.table_rows(year)
    return render_template("pages/staff/admin_holidays.html", year=year, form=form,
                           days=working_calendar().non_working_days(year), rows=rows,
                           table_days={r.day: r for r in rows}, move_form=MoveHolidayForm(formdata=None),
                           jobs=recompute.latest_jobs(),
                           button=ButtonForm(formdata=None), may_edit=current_user.has_role(Role.ADMIN)), status


@bp.route("/holidays", methods=["POST"])
@roles_required(Role.ADMIN)
def add_holiday():
    """Add a date to the official table, then recompute open cases' deadlines."""
    form = HolidayForm()
    if not form.validate_on_submit():
        return _holidays_page(form, 422)
    try:
        job = holidays.add_holiday(form.day.data, form.chosen_key(), name_ar=form.name_ar.data,
                                     name_fr=form.name_fr.data, kind=form.kind.data, status=form.status.data,
                                     actor=current_user)
    except holidays.HolidayError as exc:
        attach_errors(form, {("other_key" if k == "key" else k): v for k, v in exc.errors.items()}, _)
        return _holidays_page(form, 422)
    return _changed(job, form.day.data.year)


@bp.route("/holidays/<int:holiday_id>/move", methods=["POST"])
@roles_required(Role.ADMIN)
def move_holiday(holiday_id):
    """Move a table date (e.g. the moon was sighted a day later), then recompute."""
    form = MoveHolidayForm()
    if not form.validate_on_submit():
        flash(_("Give the new date."), "error")
        return redirect(url_for(".holiday_table", year=_year()))
    return _apply(holidays.move_holiday, holiday_id, form.day.data, actor=current_user)


@bp.route("/holidays/<int:holiday_id>/confirm", methods=["POST"])
@roles_required(Role.ADMIN)
def confirm_holiday(holiday_id):
    """Mark a table date confirmed (the official date was published)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    return _apply(holidays.confirm_holiday, holiday_id, actor=current_user)


@bp.route("/holidays/<int:holiday_id>/remove", methods=["POST"])
@roles_required(Role.ADMIN)
def remove_holiday(holiday_id):
    """Remove a table date (the package baseline applies again), then recompute."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    return _apply(holidays.remove_holiday, holiday_id, actor=current_user)


def _apply(change, *args, **kwargs):
    try:
        job = change(*args, **kwargs)
    except holidays.HolidayError as exc:
        flash(_(next(iter(exc.errors.values()))), "error")
        return redirect(url_for(".holiday_table", year=_year()))
    return _changed(job, _year())


def _changed(job, year: int):
    if job is None:
        flash(_("Holiday table updated. No working day changed: no deadline moves."), "success")
    else:
        days = len(job.changed_days)
        flash(ngettext("Holiday table updated. %(num)d day changed (working or not, estimated or confirmed): "
                       "the deadlines counted over it are being recomputed in the background (progress below).",
                       "Holiday table updated. %(num)d days changed (working or not, estimated or confirmed): "
                       "the deadlines counted over them are being recomputed in the background (progress below).",
                       days), "success")
    return redirect(url_for(".holiday_table", year=year))


from app.views import admin_workbench  # noqa: E402,F401  (tags and assignment policies, on this blueprint)
from app.views import admin_categories  # noqa: E402,F401  (the complaint categories, on this blueprint)
