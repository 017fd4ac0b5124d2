"""The case timeline as staff read it: who acted and why, in the page's language.

Services record a reason they write themselves as a code and its parameters in the
event's data (``data["reason_code"]``, ``data["reason_params"]``: ``app.services.timeline``);
``CaseEvent.reason`` holds only what a person wrote. Events recorded before the codes
carry an English sentence; ``LEGACY`` reads those back into codes, so no English
reaches an Arabic page. Registered as template globals ``event_reason`` and ``event_actor``.
"""
from __future__ import annotations

import re

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.labels import label, period_label, staff_name

REASONS = {
    "received_via": _l("Received by: %(channel)s"),
    "taken_from_queue": _l("Taken from the unit's queue"),
    "clarification_sent": _l("Request for clarification sent to the applicant"),
    "message_sent": _l("Message sent to the applicant"),
    "by_applicant": _l("By the applicant"),
    "category_changed": _l("Category changed"),
    "letter_issued": _l("Letter issued: %(kind)s"),
    "clock_started": _l("Time limit started: %(period)s"),
    "clock_extended": _l("Time limit extended: %(period)s"),
    "clock_stopped": _l("Time limit stopped: %(period)s"),
    "clock_restarted": _l("Time limit restarted by the applicant's reply: %(period)s"),
    "clock_awaiting_receipt": _l("Time limit starts on the applicant's receipt: %(period)s"),
    "clock_started_on_delivery": _l("Time limit started on delivery: %(period)s"),
    "letter_delivered": _l("Letter delivered: %(kind)s, %(method)s"),
    "letter_delivery_corrected": _l("Delivery corrected: %(kind)s, %(method)s"),
    "clock_rebased_on_correction": _l("Time limit counted again from the corrected delivery: %(period)s"),
    "reopened_by_late_filing": _l("Case reopened: the filing was proved made within the time limit (%(period)s)"),
}
DELIVERY_METHODS = {"email": _l("by e-mail (sent)"), "portal": _l("on the status page"), "post": _l("by post"),
                    "hand": _l("by hand")}

# How each parameter is shown: a channel, a letter kind or a period by its label.
PARAMS = {"channel": lambda v: label("channel", v), "kind": lambda v: label("letter", v), "period": period_label,
          "method": lambda v: str(DELIVERY_METHODS.get(v, v))}

LEGACY = [
    (re.compile(r"^received via (?P<channel>\w+)$"), "received_via"),
    (re.compile(r"^taken from the unit's queue$"), "taken_from_queue"),
    (re.compile(r"^request for clarification sent to the applicant$"), "clarification_sent"),
    (re.compile(r"^message sent to the applicant$"), "message_sent"),
    (re.compile(r"^by the applicant$"), "by_applicant"),
    (re.compile(r"^category changed$"), "category_changed"),
    (re.compile(r"^letter issued: (?P<kind>\w+)$"), "letter_issued"),
    (re.compile(r"^(?P<period>\w+) started$"), "clock_started"),
    (re.compile(r"^(?P<period>\w+) extended by \w+$"), "clock_extended"),
    (re.compile(r"^(?P<period>\w+) (met|expired|replaced)$"), "clock_stopped"),
    (re.compile(r"^(?P<period>\w+) restarted from the applicant's reply$"), "clock_restarted"),
    (re.compile(r"^(?P<period>\w+) awaits the applicant's receipt$"), "clock_awaiting_receipt"),
    (re.compile(r"^(?P<period>\w+) started on delivery$"), "clock_started_on_delivery"),
    (re.compile(r"^(?P<kind>\w+) delivered \((?P<method>\w+)\)$"), "letter_delivered"),
]
BY_APPLICANT_PREFIX = "by the applicant: "


def reason_text(code: str, params: dict | None = None) -> str:
    """The sentence of reason ``code`` with its ``params`` shown by their labels; the code itself if unknown."""
    template = REASONS.get(code)
    if template is None:
        return code
    shown = {name: PARAMS.get(name, str)(value) for name, value in (params or {}).items()}
    return str(template) % shown if shown else str(template)


def event_reason(event) -> str:
    """What the timeline shows as ``event``'s reason, in the page's language.

    A coded reason is translated; a person's text is shown as written, after "By the
    applicant:" when the applicant wrote it; a legacy English sentence is read back to its code.
    """
    data = event.data or {}
    code, text = data.get("reason_code"), event.reason or ""
    if code is None and text.startswith(BY_APPLICANT_PREFIX):
        code, text = "by_applicant", text.removeprefix(BY_APPLICANT_PREFIX)
    if code is None:
        for pattern, legacy_code in LEGACY:
            match = pattern.match(text)
            if match:
                return reason_text(legacy_code, match.groupdict())
        return text
    said = reason_text(code, data.get("reason_params"))
    return f"{said}: {text}" if text else said


def event_actor(event) -> str:
    """Who acted: a staff member by name in the page's language, else the applicant or the system."""
    if event.actor is not None:
        return staff_name(event.actor)
    if event.actor_label == "applicant" or (event.data or {}).get("reason_code") == "by_applicant" \
            or (event.reason or "").startswith(BY_APPLICANT_PREFIX) or event.reason == "by the applicant":
        # The person who filed, by the name of what they filed (a complaint's author is no "applicant").
        return gettext("Complainant") if event.case.kind == "complaint" else gettext("Applicant")
    if event.actor_label in ("system", "", None):
        return gettext("System")
    return event.actor_label
