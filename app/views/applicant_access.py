"""The applicant's own access: confirming an e-mail address, getting a new access code.

Both start from a link e-mailed to the applicant. Opening a link (GET) changes
nothing, since mail scanners open links too; a button (POST, CSRF) does the change.
Every route is rate-limited with the access-code routes (``app.rate_limits``).
"""
from flask import Blueprint, render_template, request

from app.forms.applicant_access import ConfirmForm, LostCodeForm
from app.rate_limits import access_code_limit, reissue_limit
from app.services import access_code_recovery, email_confirmation
from app.services.calendar import utc_now
from app.services.cases import Conflict

bp = Blueprint("applicant", __name__)


@bp.after_request
def _private(response):
    # Pages with new codes and personal links: never cached, never replayed from history.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
@access_code_limit()
def confirm_email(token: str):
    """Confirm the e-mail address a link was sent to; the letters held back are then e-mailed."""
    try:
        case = email_confirmation.case_for_link(token, utc_now())
    except email_confirmation.LinkInvalid:
        return render_template("pages/portal/email_confirm.html", invalid=True), 404
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        email_confirmation.confirm(token, utc_now())
        return render_template("pages/portal/email_confirm.html", done=True, reference=case.reference)
    already = case.party.email_confirmed_at is not None
    return render_template("pages/portal/email_confirm.html", form=form, reference=case.reference,
                           done=already)


@bp.route("/access-code/lost", methods=["GET", "POST"])
@reissue_limit
def lost_code():
    """Ask for a link to a new access code; the same answer whether the reference exists or not."""
    form = LostCodeForm()
    if request.method == "POST" and form.validate_on_submit():
        access_code_recovery.request_link(form.reference.data, utc_now())
        return render_template("pages/portal/access_code_lost.html", form=None, sent=True)
    if request.method == "GET":
        form.reference.data = (request.args.get("reference") or "")[:20]
    return render_template("pages/portal/access_code_lost.html", form=form, sent=False)


@bp.route("/access-code/new/<token>", methods=["GET", "POST"])
@access_code_limit()
def new_code(token: str):
    """From the e-mailed link: a button, then the new access code, shown once (the old one stops working)."""
    try:
        case = access_code_recovery.case_for_link(token, utc_now())
    except access_code_recovery.LinkInvalid:
        return render_template("pages/portal/access_code_new.html", invalid=True), 404
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            case, code = access_code_recovery.redeem(token, utc_now())
        except (access_code_recovery.LinkInvalid, Conflict):
            return render_template("pages/portal/access_code_new.html", invalid=True), 404
        return render_template("pages/portal/access_code_new.html", reference=case.reference, access_code=code)
    return render_template("pages/portal/access_code_new.html", form=form, reference=case.reference)

