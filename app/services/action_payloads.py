"""One JSON Schema per action payload: the API, the staff forms (through ``cases.fire``) and the OpenAPI document.

Each trigger a person fires on a case (``assign``, ``answer``, ``decide`` …) and the
disclosure actions beside them (``publish``, ``withhold_publication``) have ONE
schema here, registered under an OpenAPI component name. ``payload_problems``
checks a payload against it with ``jsonschema`` (Draft 2020-12, the dialect of
OpenAPI 3.1) before any rule of law runs, so a wrong type or a nested value is a
422 with one message per field, never a 500 nor a stored oddity; ``app.openapi``
publishes the same schemas. The rules of law that a schema cannot say (a refusal
names a ground, art. 18; the officer belongs to the unit) stay in
``app.services.action_rules``.

To add a trigger: ``register("record_judgment", "JudgmentPayload", schema)``
(``kind=`` when its payload differs per case kind). A trigger with no schema
registered takes an empty object (or a note).
"""
from __future__ import annotations

from jsonschema import Draft202012Validator

from app.services.remedy_rules import REFERENCE_LIMIT

from workflows.delivery import FIELDS as DELIVERY_FIELDS
from workflows.delivery import TEXT_LIMITS as DELIVERY_LIMITS
from workflows.answer_rules import WITHHELD_PART_LIMIT
from workflows.statute import ANSWER_OUTCOMES, GROUNDS, INADMISSIBILITY_REASONS, HeadDecision, RemedyRuling

IR, COMPLAINT = "information_request", "complaint"
# No C0 control character but tab, line feed and carriage return (as ``intake.text_problem``);
# FILLED also needs one character that is not a space (a blank text counts as absent).
PRINTABLE = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"
FILLED = (r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*[^\s\u0000-\u001f\u007f]"
          r"[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$")
LIMITS = {"text": 10000, "reason": 2000, "competent_body": 300, "officer": 80, "title": 300, "summary": 5000}


def text(limit: int, description: str = "", required: bool = True) -> dict:
    """A string schema: 1 to ``limit`` characters (0 when optional), no control characters."""
    out = {"type": "string", "minLength": 1 if required else 0, "maxLength": limit,
           "pattern": FILLED if required else PRINTABLE}
    return {**out, "description": description} if description else out


def payload(properties: dict, required=(), description: str = "") -> dict:
    """A closed object schema: only ``properties``; ``reason`` (a note for the timeline) always allowed."""
    props = {"reason": text(LIMITS["reason"], "optional note kept on the timeline", required=False), **properties}
    out = {"type": "object", "properties": props, "additionalProperties": False}
    if description:
        out["description"] = description
    return {**out, "required": list(required)} if required else out


NOTE = text(LIMITS["text"], "optional text kept on the timeline", required=False)
GROUND = {"type": "string", "enum": list(GROUNDS)}
DELIVERY = {"type": "object", "additionalProperties": False,
            "description": "how a grant is delivered (art. 14): per form of access, see workflows.delivery",
            "properties": {name: ({"type": ["string", "number"], "description": "dirhams"} if name.endswith("_cost")
                                  else text(DELIVERY_LIMITS.get(name, 40), required=False))
                           for name in dict.fromkeys(f for fields in DELIVERY_FIELDS.values() for f in fields)}}

SCHEMAS: dict[str, dict] = {}          # OpenAPI component name → JSON Schema
_BY_TRIGGER: dict[tuple[str | None, str], str] = {}   # (case kind or None for all, trigger) → component name
_VALIDATORS: dict[str, Draft202012Validator] = {}


def register(trigger: str, name: str, schema: dict, kind: str | None = None) -> None:
    """Give ``trigger`` (on cases of ``kind``, or of every kind) the payload ``schema``, published as ``name``."""
    Draft202012Validator.check_schema(schema)
    SCHEMAS[name] = schema
    _BY_TRIGGER[(kind, trigger)] = name
    _VALIDATORS[name] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_name(kind: str | None, trigger: str) -> str | None:
    """The component name of ``trigger``'s payload on a case of ``kind`` (None: no schema registered)."""
    return _BY_TRIGGER.get((kind, trigger)) or _BY_TRIGGER.get((None, trigger))


def triggers_of(name: str) -> list[str]:
    """The triggers (``kind:trigger`` when per kind) that take the payload ``name``, for the docs."""
    return [trigger if kind is None else f"{kind}:{trigger}" for (kind, trigger), n in _BY_TRIGGER.items()
            if n == name]


def payload_problems(kind: str | None, trigger: str, data) -> dict[str, str]:
    """``{field: message}`` for each way ``data`` breaks ``trigger``'s schema (empty when it fits).

    Fields are dotted paths (``withheld.0.ground``); the payload's own problems are under ``payload``.
    """
    name = schema_name(kind, trigger)
    if name is None:
        return {} if isinstance(data, dict) else {"payload": "a JSON object"}
    errors: dict[str, str] = {}
    for error in sorted(_VALIDATORS[name].iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = ".".join(str(p) for p in error.absolute_path)
        for field in _fields_named(error) or [""]:
            errors.setdefault(".".join(p for p in (path, field) if p) or "payload", _message(error))
    return errors


def stored_grounds(value) -> list[str]:
    """The known ground codes of a stored ``grounds`` value, whatever an old bug or a hand edit left there."""
    return [g for g in value if isinstance(g, str) and g in GROUNDS] if isinstance(value, list) else []


def stored_withheld(value) -> list[dict]:
    """The well-formed ``{"part", "ground"}`` items of a stored ``withheld`` value (art. 18)."""
    if not isinstance(value, list):
        return []
    return [{"part": p["part"], "ground": p["ground"]} for p in value
            if isinstance(p, dict) and isinstance(p.get("part"), str) and isinstance(p.get("ground"), str)]


def stored_delivery(value) -> dict:
    """A stored ``delivery`` value as a flat dict of text or numbers (empty when malformed)."""
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}


def _fields_named(error) -> list[str]:
    """The missing fields (``required``) or the unknown ones (``additionalProperties``) the error is about."""
    if error.validator == "required":
        return [f for f in error.validator_value if f not in error.instance]
    if error.validator == "additionalProperties":
        return sorted(str(f) for f in set(error.instance) - set(error.schema.get("properties", {})))
    return []


MESSAGES = {"required": "required", "additionalProperties": "not a field of this action",
            "type": "must be of type {}", "enum": "must be one of: {}", "maxLength": "at most {} characters",
            "minLength": "must not be empty", "pattern": "contains control characters",
            "uniqueItems": "each value at most once", "minimum": "at least {}", "maximum": "at most {}",
            "format": "must be a {} (ISO 8601)"}


def _message(error) -> str:
    """A short English reason: which rule of the schema the value breaks."""
    value = error.validator_value
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    template = MESSAGES.get(error.validator)
    return template.format(value) if template else error.message[:200]


register("assign", "AssignPayload", payload(
    {"officer": text(LIMITS["officer"], "username of an active officer of the case's unit")},
    required=("officer",), description="assign (supervisor)"))
register("take", "TakePayload", payload({}, description="take a new unassigned case of one's unit"))
register("rule_not_urgent", "NotUrgentPayload", payload(
    {}, required=("reason",), description="rule_not_urgent, with its reasons (art. 17)"))
register("extend", "ExtendPayload", payload(
    {}, required=("reason",), description="extend (once, before the deadline; art. 16/17), with its reasons"))
register("answer", "AnswerPayload", payload({
    "outcome": {"type": "string", "enum": sorted(o.value for o in ANSWER_OUTCOMES)},
    "grounds": {"type": "array", "items": GROUND, "uniqueItems": True,
                "description": "refusal grounds: required when refused, none when granted (art. 18)"},
    "text": text(LIMITS["text"], "the reasoned answer"),
    "withheld": {"type": "array", "description": "partly granted: each withheld part with its ground (art. 18)",
                 "items": {"type": "object", "additionalProperties": False, "required": ["part", "ground"],
                           "properties": {"part": text(WITHHELD_PART_LIMIT), "ground": GROUND}}},
    "documents": {"type": "array", "items": {"type": "integer", "minimum": 1}, "uniqueItems": True,
                  "description": "ids of the case's documents released with the answer"},
    "delivery": DELIVERY,
    "inadmissible_reason": {"type": "string", "enum": list(INADMISSIBILITY_REASONS),
                            "description": "required when the outcome is inadmissible, and only then"},
}, required=("outcome", "text"), description="answer an information request (art. 18)"), kind=IR)
register("answer", "ComplaintAnswerPayload", payload(
    {"text": text(LIMITS["text"], "the answer to the complainant")}, required=("text",),
    description="answer a complaint, observation or proposal (decree 2.17.265): a text, no outcome"),
    kind=COMPLAINT)
register("decide", "DecidePayload", payload(
    {"decision": {"type": "string", "enum": [d.value for d in HeadDecision]},
     "text": text(LIMITS["text"], "the reasons of the decision")},
    required=("decision", "text"), description="decide (the head of the body, art. 19)"))
register("redirect", "RedirectPayload", payload(
    {"competent_body": text(LIMITS["competent_body"]), "text": NOTE},
    required=("competent_body",), description="redirect (complaint outside competence)"))
register("reopen", "ObjectionPayload", payload(
    {"text": text(LIMITS["text"], "what the complainant objects to")}, required=("text",),
    description="reopen (a complaint): what the complainant objects to"))
register("complain_to_head", "HeadComplaintPayload", payload({
    "text": text(LIMITS["text"], "what the applicant objects to, as received"),
    "received_at": {"type": "string", "format": "date-time", "maxLength": 40,
                    "description": "for a complaint received on paper: the moment the head received it, ISO 8601 "
                                   "with Z or an offset; its Africa/Casablanca date is day 0 of the head's decision "
                                   "period (art. 19). Not in the future, not before the answer. Absent: received now."},
}, required=("text",), description="complain_to_head (art. 19): what the applicant objects to"))
register("withdraw", "NotePayload", payload({"text": NOTE}, description="withdraw, close: an optional note"))
_BY_TRIGGER[(None, "close")] = "NotePayload"
_BY_TRIGGER[(None, "deem_refusal")] = "NotePayload"
register("publish", "PublishPayload", payload(
    {"title": text(LIMITS["title"], required=False), "summary": text(LIMITS["summary"], required=False)},
    description="publish on the disclosure log (art. 10): optional reviewed title and summary of the request "
                "(refused while they name the applicant or give their contact details)"))
register("withhold_publication", "WithholdPayload", payload(
    {}, required=("reason",), description="withhold_publication: why the answer is not published"))


# The remedies after the head of the body (arts. 20–21); the dates' place in the law's windows
# is the workflow's guards' business (``workflows.remedies``).
DATE = {"type": "string", "format": "date", "maxLength": 10, "description": "Africa/Casablanca local date, YYYY-MM-DD"}
RULING = {"type": "string", "enum": [r.value for r in RemedyRuling],
          "description": "for_applicant: the body must deliver (a delivery clock starts); for_body: the refusal stands"}


def _filing(reference: str, whom: str, description: str) -> dict:
    return payload({"filed_on": DATE, reference: text(REFERENCE_LIMIT, f"the {whom}'s reference of the case")},
                   required=("filed_on", reference), description=description)


register("complain_to_cdai", "CdaiComplaintPayload", _filing(
    "cdai_reference", "CDAI", "complain_to_cdai: the applicant's complaint to the CDAI, filed within 30 days of "
    "the head's decision or silence (art. 20)"))
register("record_court_case", "CourtCasePayload", _filing(
    "court_reference", "court", "record_court_case: the case before the administrative court, filed within 60 "
    "days of the CDAI's decision or silence (art. 21)"))
register("record_cdai_decision", "RulingPayload", payload(
    {"decided_on": DATE, "decision": RULING}, required=("decided_on", "decision"),
    description="record_cdai_decision (art. 20) or record_judgment (art. 21)"))
_BY_TRIGGER[(None, "record_judgment")] = "RulingPayload"
# The sweep's own triggers (silences and lapsed windows) carry at most a note.
for _trigger in ("deem_head_silence", "deem_cdai_silence", "lapse_remedy"):
    _BY_TRIGGER[(None, _trigger)] = "NotePayload"
