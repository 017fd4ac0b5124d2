"""Staff pages: letter drafts (write, preview, submit), sign-off (approve, reject) and the approvals queue.

Routes of ``cases.bp``. The action forms of the case page post their "save", "insert a
text module" and "preview" buttons here; the draft page shows one draft with its
preview, and to the approver the approve and reject buttons. Views parse, call one
service (``app.services.letter_drafts``), render.
"""
import io

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.labels import label
from app.extensions import db
from app.forms.drafts import RejectForm
from app.forms.staff import action_form_class
from app.forms.staff_admin import ButtonForm
from app.models.letter_draft import DraftStatus, LetterDraft
from app.models.user import Role
from app.refusals import refusal_text
from app.services import letter_drafts, signoff, text_modules
from app.services.calendar import today_local, working_calendar
from app.services.cases import Conflict, PayloadInvalid
from app.services.letter_facts import LetterUnavailable
from app.services.letter_preview import preview_pdf
from app.strict_values import query_number
from app.views.case_page import attach_errors, clock_rows
from app.views.cases import ACTING, ALL_STAFF, bp, load_case
from workflows.machine import TransitionRefused

APPROVERS = (Role.SUPERVISOR, Role.ADMIN, Role.HEAD)
REFUSED = (TransitionRefused, Conflict, PermissionError, LetterUnavailable)


def letter_panel(case, trigger: str) -> dict:
    """For an action form: does it issue a letter, who signs it off (and for which outcomes), is the user that one."""
    kind = case.spec.letter_after.get(trigger)
    rule = (current_app.config["LETTER_SIGNOFF"].get(kind) or {}) if kind else {}
    role = rule.get("approver")
    return {"letter": kind, "approver": role, "outcomes": rule.get("outcomes") or [],
            "outcome_labels": [label("outcome", o) for o in rule.get("outcomes") or []],
            "is_approver": signoff.is_approver(current_user, role), "modules": bool(text_modules.all_modules())}


bp.record_once(lambda state: state.app.jinja_env.globals.update(
    letter_panel=letter_panel, case_drafts=letter_drafts.drafts_of))


def action_form(case, trigger: str, formdata=None, payload: dict | None = None):
    """The action form of ``trigger`` fitted to ``case``: posted (``formdata``) or filled from a draft's payload."""
    form_class = action_form_class(case.kind, trigger)
    if form_class is None or trigger not in case.spec.letter_after:
        abort(404)
    if formdata is None and payload is not None:
        data = form_class.data_of(payload) if hasattr(form_class, "data_of") else payload
        form = form_class(prefix=trigger, formdata=None, data=data)
    else:
        form = form_class(prefix=trigger, formdata=formdata)
    if hasattr(form, "for_case"):
        form.for_case(case)
    return form


def _with_module(case, form) -> None:
    """The text module chosen in the form, appended to its text in the case's language."""
    field = form._fields.get("module")
    module = text_modules.get_module(int(field.data)) if field is not None and (field.data or "").isdigit() else None
    if module is not None:
        form.text.data = text_modules.insert(form.text.data, module, case.language)


def _refusal(exc) -> str:
    return refusal_text(exc) if isinstance(exc, TransitionRefused) else _(str(exc))


def pdf_inline(pdf: bytes, name: str):
    """A draft's PDF shown in the browser (never cached)."""
    response = send_file(io.BytesIO(pdf), mimetype="application/pdf", download_name=name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/cases/<reference>/drafts/<trigger>", methods=["POST"])
@roles_required(*ACTING)
def compose(reference, trigger):
    """Save the action form as a draft (inserting the chosen text module, if asked), then show the draft."""
    case = load_case(reference)
    form = action_form(case, trigger, request.form)
    if "insert" in request.form:
        _with_module(case, form)
    try:
        draft = letter_drafts.save(case, trigger, form.payload(), current_user)
    except PayloadInvalid as exc:
        flash("; ".join(_(m) for m in exc.errors.values()), "error")
        return redirect(url_for(".case_page", reference=case.reference))
    except REFUSED as exc:
        db.session.rollback()
        flash(_refusal(exc), "error")
        return redirect(url_for(".case_page", reference=case.reference))
    flash(_("Draft saved."), "success")
    return redirect(url_for(".draft_page", draft_id=draft.id))


@bp.route("/cases/<reference>/drafts/<trigger>/preview", methods=["POST"])
@roles_required(*ACTING)
def preview(reference, trigger):
    """The letter the posted form would issue, as a PDF marked as a draft (nothing is saved)."""
    case = load_case(reference)
    form = action_form(case, trigger, request.form)
    if "insert" in request.form:
        _with_module(case, form)
    return _preview(case, trigger, form.payload(), signer=current_user)


def _preview(case, trigger, payload, signer):
    try:
        pdf = preview_pdf(case, trigger, payload, signer=signer)
    except PayloadInvalid as exc:
        return render_template("pages/staff/draft_errors.html", case=case, trigger=trigger,
                               errors={k: _(v) for k, v in exc.errors.items()}), 422
    except REFUSED as exc:
        return render_template("pages/staff/draft_errors.html", case=case, trigger=trigger,
                               errors={"": _refusal(exc)}), 409
    return pdf_inline(pdf, f"{case.reference}-{trigger}-draft.pdf")


def load_draft(draft_id: int) -> LetterDraft:
    """The draft ``draft_id`` if the user may see its case (404 / 403)."""
    draft = db.session.get(LetterDraft, draft_id)
    if draft is None:
        abort(404)
    load_case(draft.case.reference)
    return draft


@bp.route("/drafts/<int:draft_id>")
@roles_required(*ALL_STAFF)
def draft_page(draft_id):
    """One draft: its letter's preview, its fields (editable by its writers), sign-off for its approver."""
    draft = load_draft(draft_id)
    return _render_draft(draft)


def _render_draft(draft, form=None, status=200):
    case = draft.case
    writable = draft.status in (DraftStatus.DRAFT.value, DraftStatus.REJECTED.value, DraftStatus.SUBMITTED.value)
    may_write = writable and letter_drafts.may_write(case, draft.trigger, current_user) and (
        draft.status != DraftStatus.SUBMITTED.value or draft.author_id == current_user.id)
    form = form or action_form(case, draft.trigger, payload=draft.payload or {})
    return render_template(
        "pages/staff/draft.html", draft=draft, case=case, form=form, may_write=may_write,
        may_approve=draft.status == DraftStatus.SUBMITTED.value and signoff.is_approver(
            current_user, draft.approver_role),
        clocks=clock_rows(case, today_local(), working_calendar()), button=ButtonForm(formdata=None),
        reject_form=RejectForm(formdata=None)), status


@bp.route("/drafts/<int:draft_id>", methods=["POST"])
@roles_required(*ACTING)
def update_draft(draft_id):
    """Rewrite the draft from its form (and insert a text module, if asked)."""
    draft = load_draft(draft_id)
    form = action_form(draft.case, draft.trigger, request.form)
    if "insert" in request.form:
        _with_module(draft.case, form)
    try:
        letter_drafts.save(draft.case, draft.trigger, form.payload(), current_user, draft=draft)
    except PayloadInvalid as exc:
        attach_errors(form, exc.errors, _)
        return _render_draft(draft, form, 422)
    except REFUSED as exc:
        db.session.rollback()
        flash(_refusal(exc), "error")
    else:
        flash(_("Draft saved."), "success")
    return redirect(url_for(".draft_page", draft_id=draft.id))


@bp.route("/drafts/<int:draft_id>/preview.pdf")
@roles_required(*ALL_STAFF)
def draft_preview(draft_id):
    """The draft's letter as it would be issued now, marked as a draft."""
    draft = load_draft(draft_id)
    return _preview(draft.case, draft.trigger, draft.payload or {}, signer=letter_drafts.signer_of(draft, None))


def _decide(draft_id, run, done: str):
    draft = load_draft(draft_id)
    try:
        run(draft)
    except PayloadInvalid as exc:
        form = action_form(draft.case, draft.trigger, payload=draft.payload or {})
        attach_errors(form, exc.errors, _)
        db.session.rollback()
        return _render_draft(draft, form, 422)
    except REFUSED as exc:
        db.session.rollback()
        flash(_refusal(exc), "error")
        return redirect(url_for(".draft_page", draft_id=draft_id))
    flash(done, "success")
    if draft.status == DraftStatus.ISSUED.value:
        return redirect(url_for(".case_page", reference=draft.case.reference))
    return redirect(url_for(".draft_page", draft_id=draft_id))


@bp.route("/drafts/<int:draft_id>/submit", methods=["POST"])
@roles_required(*ACTING)
def submit_draft(draft_id):
    """Submit the draft: issued at once, or sent for sign-off when its letter needs one."""
    return _decide(draft_id, lambda d: letter_drafts.submit(d, current_user),
                   _("The draft was submitted."))


@bp.route("/drafts/<int:draft_id>/approve", methods=["POST"])
@roles_required(*APPROVERS)
def approve_draft(draft_id):
    """Sign off: the action is taken and the letter issued."""
    return _decide(draft_id, lambda d: letter_drafts.approve(d, current_user),
                   _("Approved: the letter was issued."))


@bp.route("/drafts/<int:draft_id>/reject", methods=["POST"])
@roles_required(*APPROVERS)
def reject_draft(draft_id):
    """Return the draft to its author with a reason."""
    form = RejectForm()
    reason = form.reason.data if form.validate_on_submit() else None
    return _decide(draft_id, lambda d: letter_drafts.reject(d, current_user, reason),
                   _("The draft was returned to its author."))


@bp.route("/drafts/<int:draft_id>/discard", methods=["POST"])
@roles_required(*ACTING)
def discard_draft(draft_id):
    """Drop the draft."""
    return _decide(draft_id, lambda d: letter_drafts.discard(d, current_user), _("The draft was dropped."))


@bp.route("/approvals")
@roles_required(*APPROVERS)
def approvals():
    """Drafts awaiting my sign-off, the most urgent deadline first (the clock keeps running)."""
    today = today_local()
    result = signoff.awaiting(current_user, today, working_calendar(), query_number(request.args, "page"))
    return render_template("pages/staff/approvals.html", result=result, today=today)
