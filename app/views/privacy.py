"""Staff pages for the applicant's rights (Law 09-08) and the access log.

- ``/staff/cases/<reference>/personal-data``: correct the identity and contact
  (audited on the timeline), export everything held (JSON, PDF), give a new
  access code at the counter;
- ``/staff/admin/access-log``: who viewed or downloaded which case's personal data.

Every route checks the role and the case's unit (``load_case``); every view of
personal data is logged (``app.services.access_log``).
"""
from flask import (Blueprint, Response, current_app, flash, json, redirect, render_template, request, session,
                   url_for)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app import labels
from app.auth import roles_required
from app.forms.privacy import RectificationForm
from app.forms.staff_admin import ButtonForm
from app.models.user import Role
from app.services import access_code_recovery, access_log, personal_data
from app.services.calendar import utc_now
from app.services.cases import Conflict
from app.services.intake import IntakeError
from app.services.personal_data_document import export_pdf
from app.strict_values import query_number
from app.views.case_page import attach_errors
from app.views.cases import REGISTERING, load_case

bp = Blueprint("privacy", __name__, url_prefix="/staff")
bp.record_once(labels.register)


@bp.record_once
def _notice_global(state):
    """``privacy_notice(kind)`` for the forms' information notice (``templates/pages/_personal_data_notice.html``)."""
    state.app.jinja_env.globals["privacy_notice"] = notice_facts
    if state.app.config.get("NAFIDA_ENV") == "production" and not state.app.config.get("CNDP_REFERENCE"):
        state.app.logger.warning("CNDP_REFERENCE is not set: the forms' notice cannot cite the CNDP declaration")


def notice_facts(kind: str) -> dict:
    """What the Law 09-08 notice of a ``kind`` form states: mandatory fields, retention, contact, CNDP."""
    config = current_app.config
    lang = "fr" if str(get_locale() or "ar") == "fr" else "ar"
    return {"kind": kind, "mandatory": personal_data.MANDATORY_FIELDS[kind],
            "months": config["PERSONAL_DATA_RETENTION_MONTHS"], "cndp": config.get("CNDP_REFERENCE") or "",
            "contact": config.get("PRIVACY_CONTACT_EMAIL") or "",
            "body": config["INSTITUTION"]["body_" + lang], "region": config["INSTITUTION"]["region_" + lang]}

NEW_CODE = "privacy_new_code"
REFUSALS = {"anonymised": _l("The personal data of this case were anonymised: there is nothing to correct."),
            "unchanged": _l("Nothing was changed.")}


@bp.route("/cases/<reference>/personal-data", methods=["GET", "POST"])
@roles_required(*REGISTERING)
def rectify(reference):
    """GET: the applicant's data in a form. POST: correct them (reason required), then back to the case."""
    case = load_case(reference)
    form = RectificationForm(data=_current(case) if request.method == "GET" else None)
    if request.method == "POST" and form.validate_on_submit():
        try:
            personal_data.rectify(case, form.party(), email_verified=form.email_verified.data,
                                  reason=form.reason.data, actor=current_user, now=utc_now())
        except IntakeError as exc:
            attach_errors(form, exc.errors, _)
        except personal_data.RectificationRefused as exc:
            flash(str(REFUSALS[exc.code]), "error")
        except Conflict:
            flash(_("The case was changed at the same moment. Reload and try again."), "error")
        else:
            flash(_("The applicant's personal data were corrected; the timeline keeps the former values."),
                  "success")
            return redirect(url_for("cases.case_page", reference=case.reference))
    page = render_template("pages/staff/personal_data.html", case=case, form=form,
                           button=ButtonForm(formdata=None), new_code=_new_code(case))
    access_log.record(current_user, case.id, "rectification")
    return page, (422 if request.method == "POST" else 200)


@bp.get("/cases/<reference>/personal-data.json")
@roles_required(*REGISTERING)
def export_json(reference):
    """Everything held about the applicant, as a JSON file (right of access, art. 7)."""
    case = load_case(reference)
    data = personal_data.export(case, current_user, utc_now())
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{case.reference}-personal-data.json"'
    access_log.record(current_user, case.id, "export_json")
    return response


@bp.get("/cases/<reference>/personal-data.pdf")
@roles_required(*REGISTERING)
def export_document(reference):
    """Everything held about the applicant, as a PDF in the case's language."""
    case = load_case(reference)
    pdf = export_pdf(case, personal_data.export(case, current_user, utc_now()))
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{case.reference}-personal-data.pdf"'
    access_log.record(current_user, case.id, "export_pdf")
    return response


@bp.post("/cases/<reference>/access-code")
@roles_required(*REGISTERING)
def new_access_code(reference):
    """At the counter, after checking the applicant's identity card: a new access code, shown once."""
    case = load_case(reference)
    if ButtonForm().validate_on_submit():
        code = access_code_recovery.reissue_at_counter(case, current_user, utc_now())
        session[NEW_CODE] = {"reference": case.reference, "access_code": code}
        flash(_("A new access code was issued: give it to the applicant now. The previous one no longer works."),
              "success")
    return redirect(url_for(".rectify", reference=case.reference))


def _new_code(case):
    shown = session.pop(NEW_CODE, None)
    return shown["access_code"] if shown and shown.get("reference") == case.reference else None


def _current(case) -> dict:
    party = case.party
    return {name: getattr(party, name) for name in personal_data.FIELDS}


@bp.get("/admin/access-log")
@roles_required(Role.ADMIN)
def access_log_page():
    """The access log, newest first, 50 a page; filter by case reference or username."""
    reference = (request.args.get("reference") or "").strip().upper()[:20] or None
    username = (request.args.get("user") or "").strip()[:80] or None
    log = access_log.entries(query_number(request.args, "page"), reference=reference, username=username)
    return render_template("pages/staff/access_log.html", log=log, reference=reference or "",
                           username=username or "")
