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
from app.refusals import REFUSALS, refusal_text
from app.services import access_log, assignment, letter_drafts, messages, notifications, queues
from app.services.attachments import download
from app.services.calendar import today_local, working_calendar
from app.services.cases import CaseNotFound, Conflict, PayloadInvalid, get_case
from app.services.letters import letter_response
from app.services.letter_drafts import open_triggers
from app.views.case_page import action_forms, attach_errors, clock_rows, officer_choices, workbench_context
from app.views.case_query import query_args
from app.views.staff_registration import receipt_view, register_view, registered_view
from app.views.thread_context import staff_thread
from workflows.machine import TransitionRefused

bp = Blueprint("cases", __name__, url_prefix="/staff")
bp.record_once(labels.register)

ALL_STAFF = tuple(Role)
ACTING = (Role.ADMIN, Role.SUPERVISOR, Role.INFORMATION_OFFICER, Role.COMPLAINTS_OFFICER, Role.HEAD)
REGISTERING = (Role.ADMIN, Role.SUPERVISOR, Role.INFORMATION_OFFICER, Role.COMPLAINTS_OFFICER)
OFFICERS = (Role.INFORMATION_OFFICER.value, Role.COMPLAINTS_OFFICER.value)
DASHBOARD_ROWS = 10

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
    """Officers: my cases and my unit's new cases. Others: overdue, due soon, unassigned (and the head's queue).

    Each queue shows its most urgent rows and a bounded count, and links to the full list.
    """
    today, calendar = today_local(), working_calendar()
    lead = current_app.config["REMINDER_LEAD_WORKING_DAYS"]
    user = current_user
    shown = queues.dashboard(user, today, calendar, lead, size=DASHBOARD_ROWS)
    page = render_template("pages/staff/dashboard.html", queues={q.name: q for q in shown}, today=today, lead=lead,
                           may_register=user.has_role(*REGISTERING), kinds=assignment.visible_kinds(user),
                           may_take=user.role in OFFICERS, links={q.name: query_args(q.wanted, user) for q in shown},
                           bulk=case_lists.bulk_form(), new_replies=messages.unread_replies(user))
    # The lists name the applicants: one access-log insert for the page.
    access_log.record_many(user, [row.case.id for q in shown for row in q.page.rows], "list")
    return page


@bp.route("/cases/<reference>")
@roles_required(*ALL_STAFF)
def case_page(reference):
    """The case: party, clocks, timeline, letters, attachments, and the actions allowed now."""
    case = load_case(reference)
    page = _render_case(case)
    access_log.record(current_user, case.id, "case")
    return page


def _render_case(case, failed=None, status=200, message_form=None, aids=None):
    today = today_local()
    thread = staff_thread(case, current_user, message_form)
    return render_template("pages/staff/case.html", case=case, today=today,
                           clocks=clock_rows(case, today, working_calendar()),
                           forms=action_forms(case, current_user, failed), **thread,
                           outbox=notifications.case_outbox(case),
                           **workbench_context(case, current_user, aids)), status


@bp.route("/cases/<reference>/actions/<trigger>", methods=["POST"])
@roles_required(*ACTING)
def act(reference, trigger):
    """Fire ``trigger`` with the posted form (PRG); invalid input re-renders with per-field messages."""
    case = load_case(reference)
    form_class = action_form_class(case.kind, trigger)
    if form_class is None:
        abort(404)
    if trigger not in open_triggers(case, current_user):
        # A form left open in another tab after the case moved on: its fields are no longer on the
        # page, so say why here rather than re-render errors nobody can see.
        flash(str(REFUSALS["not_allowed_in_state"]), "error")
        return redirect(url_for(".case_page", reference=case.reference))
    form = form_class(prefix=trigger)
    if trigger == "assign":
        form.officer.choices = officer_choices(case)
    if hasattr(form, "for_case"):
        form.for_case(case)
    if not form.validate_on_submit():
        return _render_case(case, (trigger, form), 422)
    try:
        draft = letter_drafts.act(case, trigger, form.payload(), current_user)
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
    if draft is not None:
        flash(_("The letter awaits sign-off (%(role)s) before it is issued; the deadline keeps running.",
                role=labels.label("role", draft.approver_role)), "success")
        return redirect(url_for(".draft_page", draft_id=draft.id))
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
    response = letter_response(letter, as_attachment=True)
    access_log.record(current_user, case.id, "letter", item_id=letter.id)
    return response


@bp.route("/cases/<reference>/attachments/<int:attachment_id>")
@roles_required(*ALL_STAFF)
def attachment(reference, attachment_id):
    """A file attached to the case, as an attachment named for its sniffed type (a PDF is always ``.pdf``)."""
    case = load_case(reference)
    item = db.session.get(Attachment, attachment_id)
    found = download(item) if item is not None and item.case_id == case.id else None
    if found is None:
        abort(404)
    path, content_type, name = found
    response = send_file(path, mimetype=content_type, as_attachment=True, download_name=name, max_age=0)
    access_log.record(current_user, case.id, "attachment", item_id=item.id)
    return response


@bp.route("/cases/new", methods=["GET", "POST"])
@roles_required(*REGISTERING)
def new_case():
    """Register a request or complaint received at the counter, by post, e-mail or a national portal."""
    return register_view()


@bp.route("/cases/<reference>/registered", methods=["GET", "POST"])
@roles_required(*REGISTERING)
def registered(reference):
    """GET (an old link): the case page. POST: the one-time page again in ``?lang=`` (its language switch)."""
    return registered_view(load_case(reference))


@bp.route("/cases/<reference>/receipt", methods=["POST"])
@roles_required(*REGISTERING)
def applicant_receipt(reference):
    """The receipt to hand to the applicant, printing the access code posted back from the one-time page."""
    return receipt_view(load_case(reference))


from app.views import case_messages  # noqa: E402,F401  (the thread's routes, on this blueprint)
from app.views import case_documents, case_letters, text_modules  # noqa: E402,F401  (their routes, on this blueprint)
from app.views import case_deliveries  # noqa: E402,F401  (a letter's delivery by post or hand)
from app.views import case_lists, case_workbench  # noqa: E402,F401  (more routes of this blueprint)
from app.views import case_category  # noqa: E402,F401  (a complaint's category, on this blueprint)
from app.views import case_disclosure, case_redaction, staff_disclosures  # noqa: E402,F401  (the disclosure log)
