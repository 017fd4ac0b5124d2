"""The staff registration page (`/staff/cases/new?type=…`), called by the cases blueprint.

The moment of receipt is typed in Casablanca local time and stored as naive UTC;
``app.services.intake`` validates it (not in the future, not before Law 31.13) and
the fields; ``app.services.registration.register_case`` saves the case, its clocks
and the acknowledgment receipt in one unit of work.
"""
from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.forms.staff_registration import REGISTRATION_FORMS
from app.services import assignment
from app.services.attachments import AttachmentError, check_uploads
from app.services.calendar import utc_now
from app.services.intake import IntakeError, clean_case, clean_staff_registration
from app.services.registration import register_case
from app.views.case_page import attach_errors

def register_view():
    """GET: the empty form. POST: register, then redirect to the one-time result page."""
    kind = request.args.get("type", "")
    if kind not in REGISTRATION_FORMS:
        abort(404)
    if kind not in assignment.visible_kinds(current_user):
        abort(403)
    form = REGISTRATION_FORMS[kind]()
    if request.method == "GET" or not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("pages/staff/register.html", form=form, kind=kind), status
    now = utc_now()
    data = form.data_for_intake()
    errors = _errors(kind, form, data, now)
    uploads = _uploads(form)
    if errors or uploads is None:
        attach_errors(form, {form.field_for(k): v for k, v in errors.items()}, _)
        return render_template("pages/staff/register.html", form=form, kind=kind), 422
    received_at = form.received_at_utc()
    try:
        registered = register_case(kind, data, channel=form.channel.data, received_at=received_at,
                                   actor=current_user, now=now, attachments=uploads,
                                   email_verified_by=form.email_verified_by())
    except IntakeError as exc:
        attach_errors(form, {form.field_for(k): v for k, v in exc.errors.items()}, _)
        return render_template("pages/staff/register.html", form=form, kind=kind), 422
    # Post/Redirect/Get: the code waits in the session for one display; a reload of the
    # result page shows the case, and never registers the case twice.
    session["registered"] = {"reference": registered.case.reference, "access_code": registered.access_code}
    return redirect(url_for("cases.registered", reference=registered.case.reference))


def registered_view(case):
    """The reference and the access code, shown once; afterwards the case page."""
    shown = session.pop("registered", None)
    if not shown or shown.get("reference") != case.reference:
        return redirect(url_for("cases.case_page", reference=case.reference))
    receipt = next((letter for letter in case.letters if letter.kind == "acknowledgment"), None)
    return render_template("pages/staff/registered.html", case=case,
                           access_code=shown["access_code"], receipt=receipt)


def _uploads(form):
    """The attached files, checked by content; None (with the field's error set) when one is refused."""
    try:
        return check_uploads(request.files.getlist(form.attachments.name))
    except AttachmentError as exc:
        form.attachments.errors = [_(exc.message, **exc.values)]
        return None


def _errors(kind: str, form, data: dict, now) -> dict[str, str]:
    """Every field error at once: the receipt's channel and moment, then the case fields."""
    errors: dict[str, str] = {}
    received_at = form.received_at_utc()
    try:
        clean_staff_registration({"channel": form.channel.data,
                                  "received_at": received_at.isoformat() if received_at else None}, now)
    except IntakeError as exc:
        errors.update(exc.errors)
    try:
        clean_case(kind, data)
    except IntakeError as exc:
        errors.update(exc.errors)
    return errors
