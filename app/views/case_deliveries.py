"""Staff page action: record how a letter reached the applicant, by post or by hand (issue 8 §1).

A route of ``cases.bp``; the form is on the case page, under each letter not yet delivered.
"""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.auth import roles_required
from app.models.user import Role
from app.extensions import db
from app.forms.delivery import DeliveryCorrectionForm, DeliveryForm
from app.refusals import refusal_text
from app.services.cases import Conflict, PayloadInvalid
from app.services.delivery_corrections import correct_delivery, may_correct
from app.services.letter_deliveries import LetterNotFound, may_record, record_delivery
from app.views.cases import REGISTERING, bp, load_case
from workflows.machine import TransitionRefused

FIELD_ERRORS = {
    "delivered_on": _l("The delivery date must be a date from the letter's issue to today."),
    "method": _l("Choose delivery by post or by hand."),
    "reason": _l("Say why the delivery is corrected."),
}


bp.record_once(lambda state: state.app.jinja_env.globals.update(
    may_record_delivery=lambda case: may_record(current_user, case),
    may_correct_delivery=lambda: may_correct(current_user)))


@bp.route("/cases/<reference>/letters/<int:letter_id>/delivery", methods=["POST"])
@roles_required(*REGISTERING)
def record_delivery_page(reference, letter_id):
    """Record the delivery date of a letter; the windows that awaited it start on that date."""
    return _submit(reference, letter_id, DeliveryForm(), record_delivery, _("Delivery recorded."))


@bp.route("/cases/<reference>/letters/<int:letter_id>/delivery/correction", methods=["POST"])
@roles_required(Role.ADMIN, Role.SUPERVISOR)
def correct_delivery_page(reference, letter_id):
    """A supervisor corrects a delivery staff recorded; the windows from it are counted again."""
    return _submit(reference, letter_id, DeliveryCorrectionForm(), correct_delivery, _("Delivery corrected."))


def _submit(reference, letter_id, form, service, done: str):
    """Validate ``form``, call ``service(case, letter_id, body, actor=...)``, flash the outcome, back to the letters."""
    case = load_case(reference)
    back = redirect(url_for(".case_page", reference=case.reference) + "#letters")
    if not form.validate_on_submit():
        # The form's own messages (a missing or malformed date is not "out of range"), in field order.
        said = [str(m) for name in ("method", "delivered_on", "reason") for m in form.errors.get(name, ())]
        flash(" ".join(said) or str(FIELD_ERRORS["delivered_on"]), "error")
        return back
    try:
        service(case, letter_id, form.body(), actor=current_user)
    except LetterNotFound:
        abort(404)
    except PermissionError:
        abort(403)
    except PayloadInvalid as exc:
        flash("; ".join(str(FIELD_ERRORS.get(field, message)) for field, message in exc.errors.items()), "error")
        return back
    except (TransitionRefused, Conflict) as exc:
        db.session.rollback()
        flash(refusal_text(exc) if isinstance(exc, TransitionRefused) else _("The case was changed meanwhile: "
                                                                              "reload and try again."), "error")
        return back
    flash(done, "success")
    return back
