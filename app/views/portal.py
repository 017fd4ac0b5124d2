"""The public portal: information requests, complaints and the status lookup (no account).

Who may see a case is decided by its reference number and access code, once per
browser session: the code travels only in POST bodies, never in a URL, and is never
put in the session cookie. The session remembers the references the browser proved
it may see (after a lookup).
"""
from datetime import date, datetime

from babel.dates import format_date
from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import normalise
from app.labels import article_label
from app.forms.portal import (COMPLAINT_KIND_LABELS, ComplaintForm, HeadComplaintForm, InformationRequestForm,
                              LetterDownloadForm, RatingForm, ReopenForm, StatusLookupForm, WithdrawForm,
                              refusal_message)
from app.rate_limits import (access_code_limit, attachment_bytes_allowed, charge_attachment_bytes, count_registration,
                             submission_limit)
from app.services import receipt_switch
from app.services.attachments import AttachmentError, check_uploads
from app.services.calendar import utc_now
from app.services.cases import CaseNotFound, Conflict, PayloadInvalid, fire, get_case, rate_answer
from app.services.intake import IntakeError, clean_case
from app.services.letters import letter_response, receipt_response
from app.services.registration import DuplicateSubmission, register_case, reissue_access_code
from app.services.status import case_for_applicant, end_read, status_facts
from app.views.thread_context import applicant_thread
from workflows.calendar import local_date
from workflows.machine import TransitionRefused

bp = Blueprint("portal", __name__)

LOOKED_UP = "portal_status"
REMEMBERED = 5          # references a browser session keeps access to
ACTION_FORMS = {"complain_to_head": HeadComplaintForm, "reopen": ReopenForm, "rate": RatingForm,
                "withdraw": WithdrawForm}
REFUSED = (PayloadInvalid, TransitionRefused, Conflict, PermissionError)


@bp.after_request
def _private(response):
    # Status pages, codes and letters must not be kept by shared caches or the back button.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
def home():
    return render_template("pages/portal/home.html")


@bp.route("/requests/new", methods=["GET", "POST"])
@submission_limit
def new_request():
    """The art. 14 request form; registers the request (channel ``portal``) on POST, with its files."""
    form = InformationRequestForm(language=_lang())
    if request.method == "POST":
        return _submit("information_request", form, "pages/portal/request_form.html")
    return render_template("pages/portal/request_form.html", form=form)


@bp.route("/complaints/new", methods=["GET", "POST"])
@submission_limit
def new_complaint():
    """The complaint form (decree 2.17.265); files are checked before anything is saved."""
    form = ComplaintForm(language=_lang())
    if request.method == "GET":
        return render_template("pages/portal/complaint_form.html", form=form)
    return _submit("complaint", form, "pages/portal/complaint_form.html")


def _submit(kind: str, form, template: str):
    """Check the attached files by content, then register; a refused file re-renders every field's error."""
    try:
        uploads = check_uploads(request.files.getlist(form.attachments.name))
        if not attachment_bytes_allowed(sum(u.size for u in uploads)):
            raise AttachmentError("Too many files were sent from your connection today. Try again tomorrow, "
                                  "or bring them to the Council's office.")
    except AttachmentError as exc:
        form.attachments.errors = [_(exc.message, **exc.values)]
        try:
            clean_case(kind, form.payload())  # show every field's error at once; saves nothing
        except IntakeError as errors:
            form.take_errors(errors.errors)
        return render_template(template, form=form)
    return _register(kind, form, template, uploads)


def _register(kind: str, form, template: str, uploads=()):
    try:
        registered = register_case(kind, form.payload(), channel="portal", attachments=uploads,
                                   submission_key=form.key())
    except IntakeError as exc:
        form.take_errors(exc.errors)
        return render_template(template, form=form)
    except DuplicateSubmission as exc:
        return _already_submitted(exc.reference)
    charge_attachment_bytes(sum(u.size for u in uploads))
    count_registration()
    return _shown_once(registered.case, registered.access_code)


def _already_submitted(reference: str):
    """The same form posted again: never a second case, and a new access code for the first.

    The one-time key proves this browser posted the form that registered ``reference``;
    the page that showed its code was replaced by this answer (a double click, a
    reload), and the code is kept nowhere, so a new one is issued and shown.
    """
    case = _case(reference)
    if case is None:
        abort(404)
    code = reissue_access_code(case, why="form_posted_again")
    return _shown_once(case, code, again=True)


def _shown_once(case, code: str, again: bool = False):
    """The reference and access code, in the answer to the post itself (never in the session or a URL)."""
    return render_template("pages/portal/submitted.html", reference=case.reference, access_code=code,
                           kind=case.kind, emailed=bool(case.party.email), again=again,
                           receipt_form=LetterDownloadForm(formdata=None),
                           switch_token=receipt_switch.token_for(case.reference, again, utc_now()))


@bp.get("/submitted")
def submitted():
    """The code was shown once, in the answer to the submission: it is not shown again."""
    flash(_("The access code is shown only once. Use the code you noted, or the one on your receipt."))
    return redirect(url_for(".status_lookup"))


@bp.post("/receipt/<reference>")
@access_code_limit()
def receipt_with_code(reference: str):
    """The applicant's copy of the receipt, printing the access code posted with it (rendered now, never stored)."""
    code = LetterDownloadForm().access_code.data
    case = case_for_applicant(reference, code)
    if case is None or not any(l.kind == "acknowledgment" for l in case.letters):
        abort(404)
    return receipt_response(case, code)


@bp.route("/status", methods=["GET", "POST"])
@access_code_limit(methods=["POST"])
def status_lookup():
    """Reference + access code → the status page; a wrong code and an unknown reference look alike."""
    if request.method == "GET":
        form = StatusLookupForm(formdata=None, reference=request.args.get("reference", "")[:20])
        return render_template("pages/portal/status_lookup.html", form=form, failed=False)
    form = StatusLookupForm()
    case = case_for_applicant(form.reference.data, form.access_code.data)
    if case is None:
        # The reference stays as typed (a person corrects the code); the code field is emptied.
        kept = StatusLookupForm(formdata=None, reference=(form.reference.data or "")[:20])
        return render_template("pages/portal/status_lookup.html", form=kept, failed=True)
    _remember(LOOKED_UP, case.reference)
    return redirect(url_for(".status", reference=case.reference))


@bp.get("/status/<reference>")
def status(reference: str):
    """What the applicant may see of the case (no personal data), and what they may do."""
    case = _looked_up(reference)
    if case is None:
        return redirect(url_for(".status_lookup", reference=reference))
    return render_status(case)


def render_status(case, reply_form=None, code: int = 200):
    """The status page of ``case``, with its message thread (``reply_form``: a reply kept as posted)."""
    facts = status_facts(case)
    complaint_kind = COMPLAINT_KIND_LABELS.get(case.complaint_kind or "")
    end_read()
    forms = {action: ACTION_FORMS[action](formdata=None) for action in facts["applicant_actions"]
             if action in ACTION_FORMS}
    return render_template("pages/portal/status.html", facts=facts, forms=forms, complaint_kind=complaint_kind,
                           **applicant_thread(case, reply_form)), code


@bp.route("/status/<reference>/letters/<int:letter_id>", methods=["GET", "POST"])
@access_code_limit()
def letter(reference: str, letter_id: int):
    """A letter addressed to the applicant: POST with the access code, or GET after a lookup."""
    if request.method == "POST":
        case = case_for_applicant(reference, LetterDownloadForm().access_code.data)
    else:
        case = _looked_up(reference)
    found = next((l for l in case.letters if l.id == letter_id), None) if case else None
    if found is None:
        abort(404)
    return _pdf(found, reference)


@bp.post("/status/<reference>/actions/<action>")
def act(reference: str, action: str):
    """An applicant action from the status page; a refusal changes nothing and says why."""
    case = _looked_up(reference)
    if case is None:
        return redirect(url_for(".status_lookup", reference=reference))
    if action not in ACTION_FORMS:
        abort(404)
    form = ACTION_FORMS[action]()
    if not form.validate():
        flash(next(iter(form.errors.values()))[0], "error")
        return redirect(url_for(".status", reference=reference))
    try:
        _perform(case, action, form)
        flash(str(_DONE[action]))
    except REFUSED as exc:
        flash(refusal_message(exc, _long_date), "error")
    return redirect(url_for(".status", reference=reference))


@bp.post("/status/forget")
def forget():
    """Forget, on this browser, the files looked up (for a shared computer)."""
    session.pop(LOOKED_UP, None)
    session.pop("portal_receipts", None)   # kept by earlier versions
    flash(_("This browser no longer has access to your file. The access code will be asked again."))
    return redirect(url_for(".home"))


def _perform(case, action: str, form) -> None:
    if action == "rate":
        rate_answer(case, form.rating.data)
        return
    text = (getattr(form, "text", None) and form.text.data or "").strip()
    fire(case, action, {"text": text} if text else {}, applicant=True)


_DONE = {
    "complain_to_head": _l("Your complaint to the head of the body was registered. "
                           "Its acknowledgment is listed among your letters."),
    "reopen": _l("Your complaint was reopened."),
    "rate": _l("Thank you: your rating was recorded."),
    "withdraw": _l("Your file was withdrawn."),
}


def _case(reference: str | None):
    reference = normalise.reference(reference or "")
    try:
        return get_case(reference) if reference else None
    except CaseNotFound:
        return None


def _looked_up(reference: str):
    reference = normalise.reference(reference)
    return _case(reference) if reference in session.get(LOOKED_UP, ()) else None


def _remember(key: str, reference: str) -> None:
    kept = [r for r in session.get(key, []) if r != reference]
    session[key] = kept[-(REMEMBERED - 1):] + [reference]


def _pdf(letter, reference: str):
    return letter_response(letter, as_attachment=True)


def _lang() -> str:
    return str(get_locale() or "ar")


@bp.app_template_filter("portal_date")
def _long_date(value) -> str:
    """A Casablanca date (ISO text, date, or naive-UTC ISO instant) written out in the page's language."""
    if isinstance(value, str) and "T" in value:
        value = local_date(datetime.fromisoformat(value.rstrip("Z")))
    elif isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, format="full", locale="ar_MA" if _lang() == "ar" else "fr_MA")


@bp.app_template_filter("portal_article")
def _article(article: str) -> str:
    """``16`` → "art. 16" / "المادة 16"; the decree's reference is named as such (``labels.article_label``)."""
    return article_label(article)


from app.views import portal_messages  # noqa: E402,F401  (the applicant's replies, on this blueprint)
from app.views import portal_documents  # noqa: E402,F401  (the released documents' route, on this blueprint)
from app.views import receipt_language  # noqa: E402,F401  (the one-time receipt in the other language)
