"""Staff case pages: dashboard and queues, the case page and its actions, letters, attachments.

Every route checks the role (``roles_required``) and the unit: information officers
see only information requests, complaints officers only complaints (``may_see``).
Views parse, call one service, render; a transition is ``app.services.cases.fire``.
"""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import labels
from app.auth import roles_required
from app.extensions import db
from app.forms.staff import action_form_class
from app.models.attachment import Attachment
from app.models.letter import Letter
from app.models.user import Role
from app.refusals import refusal_text
from app.services import assignment, notifications
from app.services.calendar import today_local, working_calendar
from app.services.cases import CaseNotFound, Conflict, PayloadInvalid, fire, get_case
from app.services.letters import letter_response
from app.views.case_page import action_forms, attach_errors, clock_rows, officer_choices
from app.views.staff_registration import receipt_view, register_view, registered_view
from workflows.machine import TransitionRefused

bp = Blueprint("cases", __name__, url_prefix="/staff")
bp.record_once(labels.register)

ALL_STAFF = tuple(Role)
ACTING = (Role.ADMIN, Role.SUPERVISOR, Role.INFORMATION_OFFICER, Role.COMPLAINTS_OFFICER, Role.HEAD)
REGISTERING = (Role.ADMIN, Role.SUPERVISOR, Role.INFORMATION_OFFICER, Role.COMPLAINTS_OFFICER)
OFFICERS = (Role.INFORMATION_OFFICER.value, Role.COMPLAINTS_OFFICER.value)

def load_case(reference: str):
    """The case ``reference`` if the current user's role and unit cover it (404 / 403)."""
    try:
        case = get_case(reference)
    except CaseNotFound:
        abort(404)
    if not assignment.may_see(current_user, case):
        abort(403)
    return case


@bp.route("/")
@roles_required(*ALL_STAFF)
def dashboard():
    """Officers: my cases by due date. Others: unassigned, due soon, overdue (and the head's queue)."""
    today, calendar = today_local(), working_calendar()
    lead = current_app.config["REMINDER_LEAD_WORKING_DAYS"]
    user, queues = current_user, {}
    if user.role in OFFICERS:
        queues["mine"] = assignment.my_cases(user, today, calendar)
    else:
        if user.has_role(Role.HEAD):
            queues["appealed"] = assignment.awaiting_head(user, today, calendar)
        queues["overdue"] = assignment.overdue(user, today, calendar)
        queues["due_soon"] = assignment.due_soon(user, today, calendar, lead)
        queues["unassigned"] = assignment.unassigned(user, today, calendar)
    return render_template("pages/staff/dashboard.html", queues=queues, today=today, lead=lead,
                           may_register=user.has_role(*REGISTERING),
                           kinds=assignment.visible_kinds(user))


@bp.route("/cases/<reference>")
@roles_required(*ALL_STAFF)
def case_page(reference):
    """The case: party, clocks, timeline, letters, attachments, and the actions allowed now."""
    case = load_case(reference)
    return _render_case(case)


def _render_case(case, failed=None, status=200):
    today = today_local()
    return render_template("pages/staff/case.html", case=case, today=today,
                           clocks=clock_rows(case, today, working_calendar()),
                           forms=action_forms(case, current_user, failed),
                           outbox=notifications.case_outbox(case)), status


@bp.route("/cases/<reference>/actions/<trigger>", methods=["POST"])
@roles_required(*ACTING)
def act(reference, trigger):
    """Fire ``trigger`` with the posted form (PRG); invalid input re-renders with per-field messages."""
    case = load_case(reference)
    form_class = action_form_class(case.kind, trigger)
    if form_class is None:
        abort(404)
    form = form_class(prefix=trigger)
    if trigger == "assign":
        form.officer.choices = officer_choices(case)
    if not form.validate_on_submit():
        return _render_case(case, (trigger, form), 422)
    try:
        fire(case, trigger, form.payload(), actor=current_user)
    except PayloadInvalid as exc:
        attach_errors(form, exc.errors, _)
        return _render_case(case, (trigger, form), 422)
    except TransitionRefused as exc:
        flash(refusal_text(exc), "error")
        return redirect(url_for(".case_page", reference=case.reference))
    except (Conflict, PermissionError) as exc:
        db.session.rollback()
        flash(_(str(exc)), "error")
        return redirect(url_for(".case_page", reference=case.reference))
    flash(_("Done: %(action)s.", action=labels.label("trigger", trigger)), "success")
    return redirect(url_for(".case_page", reference=case.reference))


@bp.route("/cases/<reference>/letters/<int:letter_id>.pdf")
@roles_required(*ALL_STAFF)
def letter_pdf(reference, letter_id):
    """An issued letter, exactly as stored (PDF)."""
    case = load_case(reference)
    letter = db.session.get(Letter, letter_id)
    if letter is None or letter.case_id != case.id:
        abort(404)
    return letter_response(letter, as_attachment=True)


@bp.route("/cases/<reference>/attachments/<int:attachment_id>")
@roles_required(*ALL_STAFF)
def attachment(reference, attachment_id):
    """A file attached to the case, from the attachments folder (outside the web root)."""
    case = load_case(reference)
    item = db.session.get(Attachment, attachment_id)
    if item is None or item.case_id != case.id:
        abort(404)
    path = current_app.config["ATTACHMENTS_DIR"] / item.stored_name
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=item.content_type, as_attachment=True, download_name=item.original_name)


@bp.route("/cases/new", methods=["GET", "POST"])
@roles_required(*REGISTERING)
def new_case():
    """Register a request or complaint received at the counter, by post, e-mail or a national portal."""
    return register_view()


@bp.route("/cases/<reference>/registered")
@roles_required(*REGISTERING)
def registered(reference):
    """The one-time page is the answer to the registration itself: this shows the case."""
    return registered_view(load_case(reference))


@bp.route("/cases/<reference>/receipt", methods=["POST"])
@roles_required(*REGISTERING)
def applicant_receipt(reference):
    """The receipt to hand to the applicant, printing the access code posted back from the one-time page."""
    return receipt_view(load_case(reference))
