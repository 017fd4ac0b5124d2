"""The case page's working aids: internal notes, tags, links between cases, the print view.

Routes of the ``cases`` blueprint. Writing needs an acting staff role (not the
viewer) and a case of the user's unit (``load_case``); invalid input re-renders the
case page with a message on the field.
"""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.forms.case_workbench import ButtonForm, LinkForm, NoteForm, TagsForm
from app.services import case_links, case_notes
from app.services.calendar import today_local, utc_now, working_calendar
from app.services.cases import PayloadInvalid
from app.views.case_page import attach_errors, clock_rows
from app.views.cases import ACTING, ALL_STAFF, _render_case, bp, load_case


@bp.route("/cases/<reference>/notes", methods=["POST"])
@roles_required(*ACTING)
def add_note(reference):
    """Add an internal note (staff only)."""
    case = load_case(reference)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            case_notes.add_note(case, form.text.data, current_user)
            flash(_("Note added."), "success")
            return redirect(url_for(".case_page", reference=case.reference, _anchor="notes"))
        except PayloadInvalid as exc:
            attach_errors(form, exc.errors, _)
    return _render_case(case, status=422, aids={"note": form})


@bp.route("/cases/<reference>/tags", methods=["POST"])
@roles_required(*ACTING)
def set_tags(reference):
    """Put the ticked tags on the case (the others are removed)."""
    case = load_case(reference)
    form = TagsForm()
    if form.validate_on_submit():
        try:
            case_notes.set_tags(case, form.tags.data or [], current_user)
            flash(_("Tags saved."), "success")
            return redirect(url_for(".case_page", reference=case.reference, _anchor="tags"))
        except PayloadInvalid as exc:
            attach_errors(form, exc.errors, _)
    return _render_case(case, status=422, aids={"tags": form})


@bp.route("/cases/<reference>/links", methods=["POST"])
@roles_required(*ACTING)
def add_link(reference):
    """Link the case to another one (related, or this case duplicates it)."""
    case = load_case(reference)
    form = LinkForm()
    if form.validate_on_submit():
        try:
            case_links.link_cases(case, form.reference.data, form.kind.data, current_user)
            flash(_("Cases linked."), "success")
            return redirect(url_for(".case_page", reference=case.reference, _anchor="links"))
        except PayloadInvalid as exc:
            attach_errors(form, exc.errors, _)
    return _render_case(case, status=422, aids={"link": form})


@bp.route("/cases/<reference>/links/<int:link_id>/remove", methods=["POST"])
@roles_required(*ACTING)
def remove_link(reference, link_id):
    """Remove a link (recorded on both cases' timelines)."""
    case = load_case(reference)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        case_links.unlink(case, link_id, current_user)
    except LookupError:
        abort(404)
    flash(_("Link removed."), "success")
    return redirect(url_for(".case_page", reference=case.reference, _anchor="links"))


@bp.route("/cases/<reference>/print")
@roles_required(*ALL_STAFF)
def print_case(reference):
    """The case file for the paper archive: facts, clocks, timeline, letters, notes, links."""
    case = load_case(reference)
    today = today_local()
    return render_template("pages/staff/case_print.html", case=case, today=today,
                           clocks=clock_rows(case, today, working_calendar()), links=case_links.links_of(case),
                           printed_at=utc_now())
