"""Translated labels for the staff pages: states, triggers, roles, channels, outcomes.

Registered as template globals by the staff blueprint (``label(kind, value)``,
``period_label``, ``ground_label``, ``local_dt``). Statutory names (periods and
grounds) come from ``workflows.statute`` in Arabic or French, never re-typed here.
"""
from datetime import datetime, timezone

from flask_babel import get_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from app.services.complaint_categories import active_categories, category_name
from app.services.file_types import size_label
from workflows.calendar import MOROCCO
from workflows.statute import (GROUNDS, INADMISSIBILITY_REASONS, PERIODS, PUBLICATION_CATEGORIES, REDACTION_GROUNDS,
                               Counting)

LABELS = {
    "state": {"received": _l("Received"), "assigned": _l("Assigned"), "answered": _l("Answered"),
              "deemed_refused": _l("Deemed refusal"), "appealed": _l("Complaint to the head of the body"),
              "redirected": _l("Redirected"), "closed": _l("Closed"),
              "head_upheld": _l("Refusal upheld by the head: CDAI window"),
              "head_silent": _l("No decision of the head in time: CDAI window"),
              "at_cdai": _l("Complaint before the CDAI"),
              "cdai_for_body": _l("CDAI ruled for the body: court window"),
              "cdai_silent": _l("No decision of the CDAI in time: court window"),
              "in_court": _l("Before the administrative court")},
    "trigger": {"receive": _l("Receipt"), "assign": _l("Assign"), "extend": _l("Extend the deadline"),
                "answer": _l("Answer"), "redirect": _l("Redirect to the competent body"),
                "withdraw": _l("Withdraw"), "close": _l("Close"),
                "complain_to_head": _l("Register a complaint to the head of the body"),
                "decide": _l("Head's decision"), "reopen": _l("Reopen"), "deem_refusal": _l("Deemed refusal"),
                "take": _l("Take this case"), "rule_not_urgent": _l("Rule that the request is not urgent (art. 17)"),
                "deem_head_silence": _l("Head's silence"),
                "complain_to_cdai": _l("Record the complaint to the CDAI (art. 20)"),
                "record_cdai_decision": _l("Record the CDAI's decision"),
                "deem_cdai_silence": _l("CDAI's silence"),
                "record_court_case": _l("Record the case before the administrative court (art. 21)"),
                "record_judgment": _l("Record the judgment"),
                "lapse_remedy": _l("Remedy window lapsed")},
    "kind": {"information_request": _l("Information request"), "complaint": _l("Complaint")},
    "role": {"admin": _l("Administrator"), "supervisor": _l("Supervisor"),
             "information_officer": _l("Designated officer (information)"),
             "complaints_officer": _l("Complaints officer"), "head": _l("Head of the body"),
             "viewer": _l("Viewer (read-only)")},
    "unit": {"information": _l("Access to information"), "complaints": _l("Complaints unit")},
    "channel": {"counter": _l("Counter"), "post": _l("Post"), "email": _l("E-mail"),
                "national_portal": _l("National portal"), "portal": _l("Nafida portal")},
    "outcome": {"granted": _l("Granted"), "partly_granted": _l("Partly granted"), "refused": _l("Refused"),
                "not_held": _l("Not held"), "withdrawn": _l("Withdrawn"), "inadmissible": _l("Inadmissible")},
    "ruling": {"for_applicant": _l("For the applicant (the information is to be delivered)"),
               "for_body": _l("For the body (the refusal stands)")},
    "decision": {"upheld": _l("Upheld (the refusal stands)"),
                 "overturned": _l("Overturned (the information is to be delivered)")},
    "access_form": {"consultation": _l("On-site consultation"), "paper_copy": _l("Paper copy"),
                    "electronic_copy": _l("Electronic copy")},
    "complaint_kind": {"complaint": _l("Complaint"), "observation": _l("Observation"),
                       "proposal": _l("Proposal")},
    "language": {"ar": "العربية", "fr": "Français"},
    "event": {"transition": _l("Transition"), "assignment": _l("Assignment"), "letter": _l("Letter"),
              "email": _l("E-mail"), "clock": _l("Deadline"), "note": _l("Note"), "tag": _l("Tags"),
              "link": _l("Linked case"), "category": _l("Category changed"),
              "message": _l("Message"), "clarification": _l("Request for clarification"),
              "document": _l("Document"), "download": _l("Download"), "draft": _l("Draft letter")},
    "draft_status": {"draft": _l("Being written"), "submitted": _l("Awaiting sign-off"), "rejected": _l("Returned to its author"),
                     "issued": _l("Issued"), "cancelled": _l("Dropped")},
    "holiday_kind": {"holiday": _l("Public holiday"), "closure": _l("Exceptional closure"),
                     "working": _l("Working day")},
    "holiday_status": {"estimated": _l("Estimated"), "confirmed": _l("Confirmed")},
    "letter": {"acknowledgment": _l("Acknowledgment receipt"), "extension_notice": _l("Extension notice"),
               "answer": _l("Answer"), "head_complaint_acknowledgment": _l("Acknowledgment of the complaint to the head"),
               "head_decision": _l("Head's decision"), "complaint_answer": _l("Answer to the complaint"),
               "redirection_notice": _l("Redirection notice"),
               "not_urgent_notice": _l("Notice: request not urgent (art. 17)")},
}
# h5-public: personal data (Law 09-08), access codes, and the access log's "what".
LABELS["event"].update(personal_data=_l("Personal data"), access_code=_l("Access code"))
# A letter's receipt by the applicant (LAW.md §4.5), the applicant's rating, the disclosure log.
LABELS["event"].update(delivery=_l("Letter received"), rating=_l("Rating of the answer"),
                       publication=_l("Publication"))
LABELS["access"] = {"case": _l("Case page"), "list": _l("List of cases"), "letter": _l("Letter downloaded"),
                    "attachment": _l("Attachment downloaded"), "export_json": _l("Export (JSON)"),
                    "export_pdf": _l("Export (PDF)"), "rectification": _l("Correction form")}
LABELS["email_confirmed_by"] = {"link": _l("confirmation link"), "access_code_link": _l("new access code link"),
                                "counter": _l("at the counter")}
LABELS["party_field"] = {"first_name": _l("First name"), "last_name": _l("Last name"),
                         "id_number": _l("CNIE or residence-card number"), "address": _l("Postal address"),
                         "email": _l("E-mail"), "phone": _l("Phone")}
LABELS["token_status"] = {"active": _l("In force"), "expired": _l("Lapsed"), "revoked": _l("Revoked")}


def label(kind: str, value) -> str:
    """The translated label of ``value`` in the ``kind`` table; the raw value when unknown."""
    if value is None:
        return ""
    if not isinstance(value, (str, int)):   # a stored oddity (a list, an object): shown as text, never a crash
        return str(value)
    if kind in DYNAMIC:
        return DYNAMIC[kind](value)
    return str(LABELS.get(kind, {}).get(value, value))


def case_kind_label(case) -> str:
    """What ``case`` is, by its own name: an information request, or a complaint, an observation or
    a proposal (decree 2.17.265) — never "complaint" for the other two."""
    if case.kind == "complaint":
        return label("complaint_kind", case.complaint_kind or "complaint")
    return label("kind", case.kind)


def staff_name(user) -> str:
    """A staff member's name in the page's script (Arabic or Latin: ``User.name_in``); "" for None."""
    if user is None:
        return ""
    return user.name_in("fr" if _french() else "ar")


def category_label(code: str | None) -> str:
    """A complaint category's name in the page's language (the administrator's table)."""
    return category_name(code, "fr" if _french() else "ar")


def category_choices() -> list[SelectChoice]:
    """The active complaint categories as select options, in the administrator's order."""
    lang = "fr" if _french() else "ar"
    return options((c.code, c.name(lang)) for c in active_categories())


# Label tables kept in the database rather than in the catalogues.
def inadmissibility_label(code: str) -> str:
    """Why a request is inadmissible, in the page's language, with its article (workflows.statute)."""
    reason = INADMISSIBILITY_REASONS.get(code)
    if reason is None:
        return code
    text = reason.label_fr if _french() else reason.label_ar
    return f"{text} {gettext('(art. %(article)s)', article=reason.article)}"


def inadmissibility_choices() -> list[SelectChoice]:
    """An option per reason of inadmissibility, in the page's language, with its article."""
    return options((code, inadmissibility_label(code)) for code in INADMISSIBILITY_REASONS)


DYNAMIC = {"category": category_label, "inadmissible_reason": inadmissibility_label}


def choices(kind: str) -> list[SelectChoice]:
    """The options of a select field from a label table (labels stay lazy)."""
    return options(LABELS[kind].items())


def options(pairs) -> list[SelectChoice]:
    """``(value, label)`` pairs as select-field options."""
    return [SelectChoice(value=value, label=text) for value, text in pairs]


def _french() -> bool:
    return str(get_locale() or "ar") == "fr"


def period_label(name: str) -> str:
    """The statutory period's name in the page's language (workflows.statute)."""
    rule = PERIODS.get(name)
    if rule is None:
        return name
    return rule.label_fr if _french() else rule.label_ar


def day_count(days: int, counting: Counting | str) -> str:
    """``days`` with its unit in the page's language and plural form: "20 يوم عمل", "60 jours"."""
    if Counting(counting) is Counting.WORKING:
        return ngettext("%(num)d working day", "%(num)d working days", days)
    return ngettext("%(num)d day", "%(num)d days", days)


def clock_length(days: int, counting: Counting | str, extension_days: int = 0) -> str:
    """A clock's length with its unit, an extension added: "20 يوم عمل", "20 + 20 jours ouvrables"."""
    if not extension_days:
        return day_count(days, counting)
    return f"{days} + {day_count(extension_days, counting)}"


def clock_span(clock) -> str:
    """A Clock row's length: its period's days, plus its extension's (``extended_by``) when extended."""
    rule = PERIODS.get(clock.period)
    if rule is None:
        return ""
    extension = PERIODS.get(clock.extended_by or "")
    return clock_length(rule.days, rule.counting, extension.days if extension else 0)


def article_label(article: str | None) -> str:
    """``16`` → "art. 16" / "المادة 16"; the decree's reference → "decree No. 2.17.265" in the page's language."""
    if not article:
        return ""
    if article.replace(".", "").replace("–", "").isdigit():
        return gettext("art. %(number)s", number=article)
    return gettext("decree No. 2.17.265")


def period_length(name: str) -> str:
    """The length of statutory period ``name`` with its unit (working or calendar days), from workflows.statute."""
    rule = PERIODS[name]
    return day_count(rule.days, rule.counting)


def ground_label(code: str) -> str:
    """The refusal ground's label in the page's language (art. 18 list)."""
    ground = GROUNDS.get(code) if isinstance(code, str) else None
    if ground is None:
        return str(code)   # an unknown or malformed stored value: shown as text (escaped), never a crash
    return ground.label_fr if _french() else ground.label_ar


def ground_choices() -> list[SelectChoice]:
    """An option ``"label (art. N)"`` per refusal ground, in the page's language."""
    return options((code, f"{ground_label(code)} {gettext('(art. %(article)s)', article=g.article)}")
                   for code, g in GROUNDS.items())


def local_dt(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored naive-UTC instant shown in Africa/Casablanca local time."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(MOROCCO).strftime(fmt)


def register(state) -> None:
    """Blueprint ``record_once`` hook: expose the helpers to every template."""
    from app.event_labels import event_actor, event_reason

    state.app.jinja_env.globals.update(event_actor=event_actor, event_reason=event_reason)
    state.app.jinja_env.globals.update(label=label, period_label=period_label, ground_label=ground_label,
                                       local_dt=local_dt, day_count=day_count, period_length=period_length,
                                       clock_length=clock_length, clock_span=clock_span,
                                       article_label=article_label, case_kind_label=case_kind_label,
                                       staff_name=staff_name, file_size=size_label,
                                       category_options=category_choices,
                                       redaction_ground_label=redaction_ground_label,
                                       publication_category_label=publication_category_label)


# --- h9b-disclosure: the disclosure log (art. 10) ---
LABELS["event"].update(publication=_l("Disclosure log"))
LABELS["publication"] = {"scheduled": _l("Scheduled for publication"), "held": _l("Held for review"),
                         "published": _l("Published"), "withheld": _l("Not for publication")}
LABELS["treatment"] = {"redact": _l("Published with its redactions"), "unreviewed": _l("Awaiting review"),
                       "as_is": _l("Published as is (no redaction needed)"), "excluded": _l("Not published")}
LABELS["publication_action"] = {"published": _l("Published"), "withheld": _l("Not for publication"),
                                "held": _l("Held for review"), "summary": _l("Published summary reviewed"),
                                "treatment": _l("File's publication changed"), "redaction": _l("Redaction added"),
                                "unredaction": _l("Redaction removed")}
LABELS["trace"] = {"name": _l("name"), "id_number": _l("CNIE number"), "email": _l("e-mail"), "phone": _l("phone")}


def redaction_ground_label(code: str) -> str:
    """An art. 7 exception's name in the page's language (``statute.REDACTION_GROUNDS``)."""
    ground = REDACTION_GROUNDS.get(code)
    if ground is None:
        return code
    return ground.label_fr if _french() else ground.label_ar


def redaction_ground_choices() -> list[SelectChoice]:
    """An option ``"label (art. 7)"`` per ground a redaction may rest on."""
    return options((code, f"{redaction_ground_label(code)} {gettext('(art. %(article)s)', article=g.article)}")
                   for code, g in REDACTION_GROUNDS.items())


def publication_category_label(code: str | None) -> str:
    """A category of art. 10's proactive publication in the page's language."""
    category = PUBLICATION_CATEGORIES.get(code or "")
    if category is None:
        return code or ""
    return category.label_fr if _french() else category.label_ar


def publication_category_choices() -> list[SelectChoice]:
    """The categories of art. 10 as select options, in the statute's order."""
    return options((code, publication_category_label(code)) for code in PUBLICATION_CATEGORIES)


# --- h8c-dates: a date corrected after a holiday-table change (issue 8 §3) ---
LABELS["event"].update(correction=_l("Date correction"))
