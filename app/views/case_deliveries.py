"""Staff page action: record how a letter reached the applicant, by post or by hand (issue 8 §1).

A route of ``cases.bp``; the form is on the case page, under each letter not yet delivered.
"""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.auth import roles_required
from app.extensions import db
from app.forms.delivery import DeliveryForm
from app.refusals import refusal_text
from app.services.cases import Conflict, PayloadInvalid
from app.services.letter_deliveries import LetterNotFound, may_record, record_delivery
from app.views.cases import REGISTERING, bp, load_case
from workflows.machine import TransitionRefused

FIELD_ERRORS = {
    "delivered_on": _l("The delivery date must be a date from the letter's issue to today."),
    "method": _l("Choose delivery by post or by hand."),
}


bp.record_once(lambda state: state.app.jinja_env.globals.update(
    may_record_delivery=lambda case: may_record(current_user, case)))


@bp.route("/cases/<reference>/letters/<int:letter_id>/delivery", methods=["POST"])
@roles_required(*REGISTERING)
def record_delivery_page(reference, letter_id):
    """Record the delivery date of a letter; the windows that awaited it start on that date."""
    case = load_case(reference)
    form = DeliveryForm()
    back = redirect(url_for(".case_page", reference=case.reference) + "#letters")
    if not form.validate_on_submit():
        flash(str(FIELD_ERRORS["delivered_on"]), "error")
        return back
    try:
        record_delivery(case, letter_id, form.body(), actor=current_user)
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
    flash(_("Delivery recorded."), "success")
    return back
