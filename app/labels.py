"""Translated labels for the staff pages: states, triggers, roles, channels, outcomes.

Registered as template globals by the staff blueprint (``label(kind, value)``,
``period_label``, ``ground_label``, ``local_dt``). Statutory names (periods and
grounds) come from ``workflows.statute`` in Arabic or French, never re-typed here.
"""
from datetime import datetime, timezone

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from workflows.calendar import MOROCCO
from workflows.statute import GROUNDS, PERIODS

LABELS = {
    "state": {"received": _l("Received"), "assigned": _l("Assigned"), "answered": _l("Answered"),
              "deemed_refused": _l("Deemed refusal"), "appealed": _l("Complaint to the head of the body"),
              "redirected": _l("Redirected"), "closed": _l("Closed")},
    "trigger": {"receive": _l("Receipt"), "assign": _l("Assign"), "extend": _l("Extend the deadline"),
                "answer": _l("Answer"), "redirect": _l("Redirect to the competent body"),
                "withdraw": _l("Withdraw"), "close": _l("Close"),
                "complain_to_head": _l("Register a complaint to the head of the body"),
                "decide": _l("Head's decision"), "reopen": _l("Reopen"), "deem_refusal": _l("Deemed refusal")},
    "kind": {"information_request": _l("Information request"), "complaint": _l("Complaint")},
    "role": {"admin": _l("Administrator"), "supervisor": _l("Supervisor"),
             "information_officer": _l("Designated officer (information)"),
             "complaints_officer": _l("Complaints officer"), "head": _l("Head of the body"),
             "viewer": _l("Viewer (read-only)")},
    "unit": {"information": _l("Access to information"), "complaints": _l("Complaints unit")},
    "channel": {"counter": _l("Counter"), "post": _l("Post"), "email": _l("E-mail"),
                "national_portal": _l("National portal"), "portal": _l("Nafida portal")},
    "outcome": {"granted": _l("Granted"), "partly_granted": _l("Partly granted"), "refused": _l("Refused"),
                "not_held": _l("Not held"), "withdrawn": _l("Withdrawn")},
    "decision": {"upheld": _l("Upheld (the refusal stands)"),
                 "overturned": _l("Overturned (the information is to be delivered)")},
    "access_form": {"consultation": _l("On-site consultation"), "paper_copy": _l("Paper copy"),
                    "electronic_copy": _l("Electronic copy")},
    "complaint_kind": {"complaint": _l("Complaint"), "observation": _l("Observation"),
                       "proposal": _l("Proposal")},
    # Same wording as the portal's (app/forms/portal.py), so one translation serves both.
    "category": {"subsidies": _l("Grants and subsidies to associations"), "roads": _l("Roads and tracks"),
                 "transport": _l("Transport"), "water": _l("Water and sanitation"),
                 "environment": _l("Environment"), "services": _l("Administrative services"),
                 "participation": _l("Citizen participation and petitions"),
                 "urbanism": _l("Urban planning and land use"),
                 "economy": _l("Economic development and investment"), "other": _l("Other")},
    "language": {"ar": "العربية", "fr": "Français"},
    "event": {"transition": _l("Transition"), "assignment": _l("Assignment"), "letter": _l("Letter"),
              "email": _l("E-mail"), "clock": _l("Deadline"), "note": _l("Note"),
              "access_code": _l("Access code re-issued")},
    "holiday_kind": {"holiday": _l("Public holiday"), "closure": _l("Exceptional closure"),
                     "working": _l("Working day")},
    "holiday_status": {"estimated": _l("Estimated"), "confirmed": _l("Confirmed")},
    "letter": {"acknowledgment": _l("Acknowledgment receipt"), "extension_notice": _l("Extension notice"),
               "answer": _l("Answer"), "head_complaint_acknowledgment": _l("Acknowledgment of the complaint to the head"),
               "head_decision": _l("Head's decision"), "complaint_answer": _l("Answer to the complaint"),
               "redirection_notice": _l("Redirection notice")},
}


def label(kind: str, value) -> str:
    """The translated label of ``value`` in the ``kind`` table; the raw value when unknown."""
    if value is None:
        return ""
    return str(LABELS.get(kind, {}).get(value, value))


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


def ground_label(code: str) -> str:
    """The refusal ground's label in the page's language (art. 18 list)."""
    ground = GROUNDS.get(code)
    if ground is None:
        return code
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
    state.app.jinja_env.globals.update(label=label, period_label=period_label, ground_label=ground_label,
                                       local_dt=local_dt)
