"""Staff pages: an answer's entry in the disclosure log — summary, files, publish, withhold. Routes of ``cases.bp``.

The redaction page and the page images are in ``app.views.case_redaction``. Every
POST is a unit of work of ``app.services.disclosures`` / ``publication``; refusals
come back as a flash (PRG) or the page re-rendered with the form's messages (422).
"""
import json

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import labels
from app.auth import roles_required
from app.forms.disclosure import PublishForm, SummaryForm, TreatmentForm, WithholdForm
from app.refusals import refusal_text
from app.services import disclosures, publication
from app.services.cases import Conflict, PayloadInvalid
from app.services.redaction import REDACTABLE, RedactionError
from app.views.case_page import attach_errors
from app.views.cases import ALL_STAFF, bp, load_case
from workflows.machine import TransitionRefused

MANAGERS = disclosures.MANAGERS


def disclosure_panel(case) -> dict | None:
    """What the case page shows of the answer's publication (None: not an answer that is published)."""
    entry = disclosures.entry_of(case)
    if entry is None and not disclosures.eligible(case):
        return None
    return {"entry": entry, "status": entry.status if entry else "scheduled",
            "due": entry.due_on if entry else disclosures.planned_due(case),
            "may_manage": disclosures.may_manage(current_user, case)}


bp.record_once(lambda state: state.app.jinja_env.globals.update(disclosure_panel=disclosure_panel))


def load_answer(reference):
    """The case, if its answer belongs on the log (404 otherwise; 403 outside the user's unit)."""
    case = load_case(reference)
    if not disclosures.eligible(case) and disclosures.entry_of(case) is None:
        abort(404)
    return case


def _page(case, status=200, **forms):
    entry = disclosures.entry_of(case)
    files = entry.files if entry else []
    summary = forms.get("summary") or SummaryForm(prefix="summary", obj=entry)
    treatments = {f.id: TreatmentForm(prefix=f"file{f.id}", data={"treatment": f.treatment,
                                                                  "reason": f.treatment_reason})
                  .for_file(f.content_type in REDACTABLE) for f in files}
    return render_template("pages/staff/disclosure.html", case=case, entry=entry, files=files,
                           due=entry.due_on if entry else disclosures.planned_due(case),
                           may_manage=disclosures.may_manage(current_user, case), summary_form=summary,
                           withhold_form=forms.get("withhold") or WithholdForm(prefix="withhold"),
                           publish_form=PublishForm(),
                           treatment_forms=treatments, redactable=REDACTABLE, held_problems=held_problems(entry),
                           pending=[d for d in case.released_documents if d.released and
                                    d.id not in {f.released_document_id for f in files}]), status


def held_problems(entry) -> dict:
    """Why the scheduler held ``entry``: file position → problem (``PublicationRefused.problems``)."""
    if entry is None or entry.status != "held" or not entry.hold_reason:
        return {}
    try:
        return json.loads(entry.hold_reason)
    except ValueError:
        return {"0": {"message": entry.hold_reason, "values": {}, "traces": []}}


@bp.route("/cases/<reference>/disclosure")
@roles_required(*ALL_STAFF)
def disclosure_page(reference):
    """The answer's entry: its state and due date, the summary, each file and how it is published."""
    return _page(load_answer(reference))


@bp.route("/cases/<reference>/disclosure/summary", methods=["POST"])
@roles_required(*MANAGERS)
def save_disclosure_summary(reference):
    """Save the reviewed title and summary (refused while they name the applicant)."""
    case = load_answer(reference)
    form = SummaryForm(prefix="summary")
    if not form.validate_on_submit():
        return _page(case, 422, summary=form)
    try:
        disclosures.save_summary(case, form.title.data, form.summary.data, current_user)
    except PayloadInvalid as exc:
        attach_errors(form, exc.errors, _)
        return _page(case, 422, summary=form)
    except (Conflict, PermissionError) as exc:
        return _refused(case, exc)
    flash(_("The published summary is saved."), "success")
    return redirect(url_for(".disclosure_page", reference=case.reference))


@bp.route("/cases/<reference>/disclosure/publish", methods=["POST"])
@roles_required(*MANAGERS)
def publish_answer(reference):
    """Publish the answer on the log now."""
    case = load_answer(reference)
    if not PublishForm().validate_on_submit():
        abort(400)
    try:
        publication.publish(case, current_user)
    except publication.PublicationRefused as exc:
        for position, problem in exc.problems.items():
            flash(_("File %(number)d cannot be published: %(problem)s", number=position,
                    problem=problem_text(problem)), "error")
        return redirect(url_for(".disclosure_page", reference=case.reference))
    except (Conflict, PermissionError, PayloadInvalid, TransitionRefused) as exc:
        return _refused(case, exc)
    flash(_("Published on the disclosure log."), "success")
    return redirect(url_for(".disclosure_page", reference=case.reference))


@bp.route("/cases/<reference>/disclosure/withhold", methods=["POST"])
@roles_required(*MANAGERS)
def withhold_answer(reference):
    """Mark the answer "not for publication" (or take it off the log), with a reason."""
    case = load_answer(reference)
    form = WithholdForm(prefix="withhold")
    if not form.validate_on_submit():
        return _page(case, 422, withhold=form)
    try:
        publication.withhold(case, form.reason.data, current_user)
    except (Conflict, PermissionError, PayloadInvalid, TransitionRefused) as exc:
        return _refused(case, exc)
    flash(_("Marked as not for publication."), "success")
    return redirect(url_for(".disclosure_page", reference=case.reference))


@bp.route("/cases/<reference>/disclosure/files/<int:file_id>/treatment", methods=["POST"])
@roles_required(*MANAGERS)
def set_file_treatment(reference, file_id):
    """Publish a file with its redactions, as is, or not at all (with a reason)."""
    case = load_answer(reference)
    form = TreatmentForm(prefix=f"file{file_id}").for_file(True)
    if not form.validate_on_submit():
        abort(400)
    try:
        disclosures.set_treatment(case, file_id, form.treatment.data, form.reason.data, current_user)
        flash(_("Saved: %(what)s.", what=labels.label("treatment", form.treatment.data)), "success")
    except LookupError:
        abort(404)
    except PayloadInvalid as exc:
        flash(_(next(iter(exc.errors.values()))), "error")
    except (Conflict, PermissionError) as exc:
        return _refused(case, exc)
    return redirect(url_for(".disclosure_page", reference=case.reference, _anchor=f"file-{file_id}"))


def problem_text(problem: dict) -> str:
    """A publication problem (``PublicationRefused.problems`` or a held entry's) in the reader's language."""
    values = dict(problem.get("values") or {})
    if problem.get("traces"):
        values["what"] = ", ".join(labels.label("trace", kind) for kind in problem["traces"])
    return _(problem["message"], **values)


bp.record_once(lambda state: state.app.jinja_env.globals.update(publication_problem=problem_text))


def _refused(case, exc):
    """A refused change as one translated flash, back to the entry's page."""
    if isinstance(exc, TransitionRefused):
        flash(refusal_text(exc), "error")
    elif isinstance(exc, PayloadInvalid):
        flash(" ".join(_(m) for m in exc.errors.values()), "error")
    elif isinstance(exc, RedactionError):
        flash(_(exc.message, **exc.values), "error")
    else:
        flash(_(str(exc)), "error")
    return redirect(url_for(".disclosure_page", reference=case.reference))

