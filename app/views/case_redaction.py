"""Staff pages: marking what to withhold in a file before publication. Routes of ``cases.bp``.

The page shows one page of the file as an image (rendered by PyMuPDF on the server)
inside an SVG whose coordinates are the page's own (PDF points, image pixels), with
the boxes drawn on it. ``static/js/redaction.js`` lets staff draw a box with the
mouse or a finger; without JavaScript the same form takes the page number and the
four corners, and another withholds words wherever they appear in a PDF.
"""
from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import roles_required
from app.forms.disclosure import BoxForm, PublishForm, TextBoxForm
from app.services import disclosures, redaction_boxes
from app.services.cases import Conflict, PayloadInvalid
from app.services.redaction import REDACTABLE, RedactionError, page_sizes, redact, render_page
from app.strict_values import query_number
from app.views.case_disclosure import MANAGERS, load_answer
from app.views.cases import ALL_STAFF, bp


def _file(case, file_id: int):
    entry = disclosures.entry_of(case)
    item = next((f for f in entry.files if f.id == file_id), None) if entry else None
    if item is None or item.content_type not in REDACTABLE:
        abort(404)
    return entry, item


def _sizes(item):
    try:
        return page_sizes(redaction_boxes.source_bytes(item), item.content_type)
    except (RedactionError, FileNotFoundError):
        return []


@bp.route("/cases/<reference>/disclosure/files/<int:file_id>")
@roles_required(*ALL_STAFF)
def redaction_page(reference, file_id, box_form=None, text_form=None, status=200):
    """One page of the file with its boxes, the forms to add boxes, and the list of boxes with their grounds."""
    case = load_answer(reference)
    entry, item = _file(case, file_id)
    sizes = _sizes(item)
    number = min(query_number(request.args, "page"), max(len(sizes), 1))
    box_form = box_form or BoxForm(prefix="box", data={"page": number}).with_grounds()
    text_form = text_form or TextBoxForm(prefix="words").with_grounds()
    return render_template("pages/staff/redaction.html", case=case, entry=entry, item=item, sizes=sizes,
                           number=number, size=sizes[number - 1] if sizes else (0, 0),
                           boxes=[b for b in item.boxes if b.page == number], all_boxes=item.boxes,
                           box_form=box_form, text_form=text_form, button=PublishForm(),
                           editable=disclosures.may_manage(current_user, case) and entry.status in disclosures.EDITABLE,
                           is_pdf=item.content_type == "application/pdf"), status


@bp.route("/cases/<reference>/disclosure/files/<int:file_id>/pages/<int:page>.png")
@roles_required(*ALL_STAFF)
def page_image(reference, file_id, page):
    """A page of the file as PNG; ``?preview=1``: as it will be published (boxes applied)."""
    case = load_answer(reference)
    _entry, item = _file(case, file_id)
    try:
        data = redaction_boxes.source_bytes(item)
        if request.args.get("preview"):
            data = redact(data, item.content_type, redaction_boxes.boxes_of(item))
        png = render_page(data, item.content_type, page)
    except (RedactionError, FileNotFoundError):
        abort(404)
    response = make_response(png)
    response.headers["Content-Type"] = "image/png"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/cases/<reference>/disclosure/files/<int:file_id>/boxes", methods=["POST"])
@roles_required(*MANAGERS)
def add_redaction_box(reference, file_id):
    """Withhold one area (drawn, or typed as page and corners) on a ground of art. 7."""
    case = load_answer(reference)
    form = BoxForm(prefix="box").with_grounds()
    if not form.validate_on_submit():
        return redaction_page(reference, file_id, box_form=form, status=422)
    corners = (form.x0.data, form.y0.data, form.x1.data, form.y1.data)
    try:
        redaction_boxes.add_box(case, file_id, form.page.data, corners, form.ground.data, current_user)
    except PayloadInvalid as exc:
        for name, message in exc.errors.items():
            getattr(form, {"box": "x0"}.get(name, name), form.page).errors.append(_(message))
        return redaction_page(reference, file_id, box_form=form, status=422)
    except (Conflict, PermissionError, LookupError, RedactionError) as exc:
        return _refused(case, file_id, form.page.data, exc)
    flash(_("Redaction added."), "success")
    return redirect(url_for(".redaction_page", reference=case.reference, file_id=file_id, page=form.page.data))


@bp.route("/cases/<reference>/disclosure/files/<int:file_id>/boxes/text", methods=["POST"])
@roles_required(*MANAGERS)
def add_text_redaction(reference, file_id):
    """Withhold the given words wherever they appear in the PDF."""
    case = load_answer(reference)
    form = TextBoxForm(prefix="words").with_grounds()
    if not form.validate_on_submit():
        return redaction_page(reference, file_id, text_form=form, status=422)
    return _by_text(case, file_id, [form.text.data], form.ground.data)


@bp.route("/cases/<reference>/disclosure/files/<int:file_id>/boxes/applicant", methods=["POST"])
@roles_required(*MANAGERS)
def redact_applicant(reference, file_id):
    """Withhold the applicant's name, CNIE number, e-mail and phone wherever the PDF has them (personal data)."""
    case = load_answer(reference)
    if not PublishForm().validate_on_submit():
        abort(400)
    return _by_text(case, file_id, redaction_boxes.applicant_needles(case.party), "personal_data")


def _by_text(case, file_id, needles, ground):
    try:
        found = redaction_boxes.add_text_boxes(case, file_id, needles, ground, current_user)
    except (Conflict, PermissionError, LookupError, RedactionError, PayloadInvalid) as exc:
        return _refused(case, file_id, 1, exc)
    if found:
        flash(_("Redactions added: %(count)d.", count=found), "success")
    else:
        flash(_("Not found in the document's text (a scanned page has none: draw the boxes)."), "error")
    return redirect(url_for(".redaction_page", reference=case.reference, file_id=file_id))


@bp.route("/cases/<reference>/disclosure/boxes/<int:box_id>/remove", methods=["POST"])
@roles_required(*MANAGERS)
def remove_redaction_box(reference, box_id):
    """Remove one box."""
    case = load_answer(reference)
    if not PublishForm().validate_on_submit():
        abort(400)
    entry = disclosures.entry_of(case)
    box = next((b for f in (entry.files if entry else []) for b in f.boxes if b.id == box_id), None)
    if box is None:
        abort(404)
    file_id, page = box.file_id, box.page
    try:
        redaction_boxes.remove_box(case, box_id, current_user)
    except (Conflict, PermissionError, LookupError) as exc:
        return _refused(case, file_id, page, exc)
    flash(_("Redaction removed."), "success")
    return redirect(url_for(".redaction_page", reference=case.reference, file_id=file_id, page=page))


def _refused(case, file_id, page, exc):
    if isinstance(exc, LookupError):
        abort(404)
    if isinstance(exc, PayloadInvalid):
        flash(" ".join(_(m) for m in exc.errors.values()), "error")
    elif isinstance(exc, RedactionError):
        flash(_(exc.message, **exc.values), "error")
    else:
        flash(_(str(exc)), "error")
    return redirect(url_for(".redaction_page", reference=case.reference, file_id=file_id, page=page))
