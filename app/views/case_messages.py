"""Staff side of the message thread: write to the applicant, or ask them to clarify the request.

A route of the ``cases`` blueprint (``/staff``); the thread itself is shown by the case
page (``templates/pages/staff/_case_messages.html``, context from
``app.views.thread_context.staff_thread``).
"""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.extensions import db
from app.forms.messages import StaffMessageForm
from app.forms.portal import translate_error
from app.models.user import Role
from app.refusals import refusal_text
from app.services.cases import Conflict, PayloadInvalid
from app.services.messages import post_staff_message
from app.views.cases import _render_case, bp, load_case
from workflows.machine import TransitionRefused

WRITERS = (Role.ADMIN, Role.SUPERVISOR, Role.INFORMATION_OFFICER, Role.COMPLAINTS_OFFICER)


@bp.route("/cases/<reference>/messages", methods=["POST"])
@roles_required(*WRITERS)
def post_message(reference):
    """Send the posted message (PRG); invalid input re-renders the case page with the message kept."""
    case = load_case(reference)
    form = StaffMessageForm()
    if not form.validate_on_submit():
        return _render_case(case, status=422, message_form=form)
    asked = bool(form.clarification.data)
    try:
        post_staff_message(case, form.body.data, actor=current_user, clarification_request=asked)
    except PayloadInvalid as exc:
        form.body.errors = [translate_error("body", message) for message in exc.errors.values()]
        return _render_case(case, status=422, message_form=form)
    except TransitionRefused as exc:
        flash(refusal_text(exc), "error")
        return _back(case)
    except (Conflict, PermissionError) as exc:
        db.session.rollback()
        flash(_(str(exc)), "error")
        return _back(case)
    flash(_("The request for clarification was sent to the applicant.") if asked
          else _("The message was sent to the applicant."), "success")
    return _back(case)


def _back(case):
    return redirect(url_for("cases.case_page", reference=case.reference, _anchor="messages"))
