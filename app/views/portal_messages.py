"""The applicant's replies from the status page: a message, with documents, after the lookup.

A route of the ``portal`` blueprint. Only a browser session that proved the reference
and access code (the status lookup) may post; the form carries a CSRF token; the
files are checked by content before anything is saved; the attempts are throttled
like the lookup itself.
"""
from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _

from app.rate_limits import access_code_limit
from app.forms.messages import ReplyForm
from app.forms.portal import translate_error
from app.services.attachments import AttachmentError, applicant_rules, check_uploads
from app.services.cases import Conflict, PayloadInvalid
from app.services.messages import post_applicant_reply
from app.views.portal import _looked_up, bp, render_status


@bp.post("/status/<reference>/messages")
@access_code_limit()
def reply(reference: str):
    """Post the applicant's message; a refused one re-renders the page with its text kept."""
    case = _looked_up(reference)
    if case is None:
        return redirect(url_for(".status_lookup", reference=reference))
    form = ReplyForm()
    if not form.validate():
        return render_status(case, form, 400)
    try:
        uploads = check_uploads(request.files.getlist(form.attachments.name),
                                applicant_rules(current_app.config["MESSAGE_MAX_ATTACHMENTS"]))
        post_applicant_reply(case, form.body.data, uploads)
    except AttachmentError as exc:
        form.attachments.errors = [_(exc.message, **exc.values)]
        return render_status(case, form, 422)
    except PayloadInvalid as exc:
        form.body.errors = [str(translate_error("body", message)) for message in exc.errors.values()]
        return render_status(case, form, 422)
    except Conflict:
        flash(_("Your file was changed at the same moment by the administration. Please try again."), "error")
        return redirect(url_for(".status", reference=case.reference, _anchor="messages"))
    flash(_("Your message was sent. It is kept in your file."), "success")
    return redirect(url_for(".status", reference=case.reference, _anchor="messages"))
