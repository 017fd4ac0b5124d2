"""Staff pages: the disclosure log as staff see it (every state), and the register of proactive
publications (art. 10). Routes of ``cases.bp``."""
from dataclasses import replace

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.forms.disclosure import RegisterForm, TakeDownForm
from app.services import disclosure_log, disclosures, proactive_register, released_documents
from app.services.attachments import AttachmentError, check_uploads
from app.services.cases import PayloadInvalid
from app.strict_values import query_number
from app.views.case_disclosure import MANAGERS
from app.views.case_page import attach_errors
from app.views.cases import ALL_STAFF, bp
from workflows.disclosure import PublicationState
from workflows.machine import TransitionRefused

TABS = ("scheduled", "held", "published", "withheld")


@bp.route("/disclosures")
@roles_required(*ALL_STAFF)
def disclosure_log_page():
    """The log's entries in one state (scheduled first: the soonest due), paginated, with the register's form."""
    status = request.args.get("status", PublicationState.SCHEDULED.value)
    status = status if status in TABS else PublicationState.SCHEDULED.value
    page = disclosure_log.staff_list(status, query_number(request.args, "page"),
                                     current_app.config["DISCLOSURES_PER_PAGE"])
    return render_template("pages/staff/disclosures.html", page=page, status=status, tabs=TABS,
                           may_manage=disclosures.may_manage(current_user), take_down=TakeDownForm(prefix="down"))


@bp.route("/disclosures/register/new", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def new_register_entry():
    """Add a document to the register of proactive publications: published at once."""
    form = RegisterForm().with_categories()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("pages/staff/register_new.html", form=form), 200 if request.method == "GET" else 422
    from app.views.case_documents import upload_limit   # that module imports cases.bp's loader: import late

    request.max_content_length = upload_limit()
    try:
        uploads = check_uploads(request.files.getlist(form.files.name), _register_rules())
        entry = proactive_register.add_document(form.title.data, form.description.data, form.category.data,
                                                uploads, current_user)
    except AttachmentError as exc:
        form.files.errors = [_(exc.message, **exc.values)]
        return render_template("pages/staff/register_new.html", form=form), 422
    except PayloadInvalid as exc:
        attach_errors(form, exc.errors, _)
        return render_template("pages/staff/register_new.html", form=form), 422
    flash(_("Published on the disclosure log: %(reference)s.", reference=entry.reference), "success")
    return redirect(url_for(".disclosure_log_page", status="published"))


def _register_rules():
    """As released documents (types checked by content, bytes per file), with the register's number of files."""
    return replace(released_documents.document_rules(), max_files=current_app.config["REGISTER_DOCUMENTS_MAX_FILES"])


@bp.route("/disclosures/<reference>/take-down", methods=["POST"])
@roles_required(*MANAGERS)
def take_down_register_entry(reference):
    """Take a document of the register off the log, with a reason."""
    form = TakeDownForm(prefix="down")
    if not form.validate_on_submit():
        flash(_("Give the reason."), "error")
        return redirect(url_for(".disclosure_log_page", status="published"))
    try:
        proactive_register.take_down(reference, form.reason.data, current_user)
        flash(_("Taken off the disclosure log: %(reference)s.", reference=reference), "success")
    except LookupError:
        flash(_("Only a document of the register is taken down here; an answer from its case's page."), "error")
    except (PayloadInvalid, TransitionRefused, PermissionError) as exc:
        flash(_(getattr(exc, "message", None) or str(exc)), "error")
    return redirect(url_for(".disclosure_log_page", status="published"))
