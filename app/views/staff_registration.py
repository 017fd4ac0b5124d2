"""The staff registration page (`/staff/cases/new?type=…`), called by the cases blueprint.

The moment of receipt is typed in Casablanca local time and stored as naive UTC;
``app.services.intake`` validates it (not in the future, not before Law 31.13) and
the fields; ``app.services.registration.register_case`` saves the case, its clocks
and the acknowledgment receipt in one unit of work. The access code is shown in the
answer to the post itself (never kept in the session cookie); the applicant's receipt
that prints it is rendered on demand from the code posted back.
"""
from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.forms.staff_admin import ButtonForm
from app.forms.staff_registration import REGISTRATION_FORMS
from app.services import assignment, receipt_switch
from app.services.attachments import AttachmentError, check_uploads
from app.services.calendar import utc_now
from app.services.intake import IntakeError, clean_case, clean_staff_registration
from app.services.letters import receipt_response
from app.services.references import access_code_matches
from app.services.registration import DuplicateSubmission, register_case, reissue_access_code
from app.services.signed_links import LinkInvalid
from app.views.case_page import attach_errors

def register_view():
    """GET: the empty form. POST: register, and answer with the one-time result page."""
    kind = request.args.get("type", "")
    if kind not in REGISTRATION_FORMS:
        abort(404)
    if kind not in assignment.visible_kinds(current_user):
        abort(403)
    form = REGISTRATION_FORMS[kind]()
    if request.method == "GET":
        return render_template("pages/staff/register.html", form=form, kind=kind)
    valid = form.validate_on_submit()
    if getattr(form, "csrf_token", None) is not None and form.csrf_token.errors:
        return render_template("pages/staff/register.html", form=form, kind=kind), 422
    now = utc_now()
    data = form.data_for_intake()
    errors = _errors(kind, form, data, now)
    uploads = _uploads(form)
    if not valid or errors or uploads is None:
        # Every error at once: the form's own checks, then the service's for the fields still without one.
        mapped = {form.field_for(k): v for k, v in errors.items()}
        attach_errors(form, {f: m for f, m in mapped.items() if not getattr(getattr(form, f, None), "errors", None)}, _)
        return render_template("pages/staff/register.html", form=form, kind=kind), 422
    received_at = form.received_at_utc()
    try:
        registered = register_case(kind, data, channel=form.channel.data, received_at=received_at,
                                   actor=current_user, now=now, attachments=uploads, submission_key=form.key(),
                                   email_verified_by=form.email_verified_by())
    except IntakeError as exc:
        attach_errors(form, {form.field_for(k): v for k, v in exc.errors.items()}, _)
        return render_template("pages/staff/register.html", form=form, kind=kind), 422
    except DuplicateSubmission as exc:
        # The same form posted again (a reload, a double click): the page that showed
        # the code is gone and the code is kept nowhere, so the case gets a new one.
        from app.views.cases import load_case

        case = load_case(exc.reference)
        return _shown_once(case, reissue_access_code(case, actor=current_user, why="form_posted_again"), again=True)
    return _shown_once(registered.case, registered.access_code)


def _shown_once(case, code: str, again: bool = False):
    """The reference and the access code, in the answer to the post (never in the session or a URL)."""
    return render_template("pages/staff/registered.html", case=case, access_code=code, again=again,
                           receipt_form=ButtonForm(formdata=None),
                           switch_token=receipt_switch.token_for(case.reference, again, utc_now()))


def registered_view(case):
    """GET, an old link to the one-time page: the code is not shown again, the case page is.

    POST, the page's language switch: the same page in the chosen language while the
    signed token is fresh and the posted code is still the case's (``receipt_switch``).
    """
    if request.method == "POST" and ButtonForm().validate_on_submit():
        try:
            receipt = receipt_switch.shown_again(request.form.get("receipt", ""),
                                                 request.form.get("access_code", ""), utc_now())
        except LinkInvalid:
            receipt = None
        if receipt is not None and receipt.case.id == case.id:
            return _shown_once(case, receipt.access_code, again=receipt.again)
    return redirect(url_for("cases.case_page", reference=case.reference))


def receipt_view(case):
    """The applicant's receipt printing the access code posted with it (rendered now, never stored)."""
    code = request.form.get("access_code", "")
    if not ButtonForm().validate_on_submit() or not access_code_matches(case.access_code_hash, code):
        abort(404)
    return receipt_response(case, code)


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
