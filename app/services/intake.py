"""What an applicant must give: the art. 14 request fields and the complaint fields.

One validator for the portal forms, the staff forms and the API, so a rule lives once.
"""
import re
from datetime import datetime

from app import normalise
from app.models.party import APPLICANT_TYPES, ORGANISATION, PERSON
from app.services import complaint_categories, identity
from app.strict_values import ValueInvalid, instant
from workflows.kinds import CaseKind
from workflows.statute import AccessForm, Channel, ComplaintKind

LANGUAGES = ("ar", "fr")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NAME_FIELDS = ("first_name", "last_name", "organisation_name")
# An organisation's registration: trade register (RC), ICE (15 digits), an association's receipt …
REGISTRATION_NUMBER = re.compile(r"[A-Z0-9/]{1,40}")
LAW_IN_FORCE = datetime(2019, 3, 12)                   # Law 31.13 in force (art. 30)
LIMITS = {"first_name": 120, "last_name": 120, "id_number": 40, "address": 500, "email": 254,
          "phone": 40, "information_requested": 5000, "urgency_reason": 2000, "subject": 300,
          "description": 10000, "category": 60, "organisation_name": 300, "registration_number": 40}


class IntakeError(ValueError):
    """Invalid input: ``errors`` maps field names (dotted for the party) to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def text_problem(value, limit: int) -> str | None:
    """Why ``value`` is not acceptable free text (None when it is).

    Text must be a string of at most ``limit`` characters, without control characters
    (NUL cannot be stored by PostgreSQL) or unpaired surrogates (not valid UTF-8).
    """
    if not isinstance(value, str):
        return "must be text"
    if CONTROL_CHARACTERS.search(value):
        return "contains control characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains characters that are not valid text"
    if len(value.strip()) > limit:
        return f"at most {limit} characters"
    return None


def _text(data: dict, name: str, errors: dict, prefix: str = "", required: bool = True) -> str | None:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors[prefix + name] = "this field is required"
        return None
    problem = text_problem(value, LIMITS.get(name, 1000))
    if problem:
        errors[prefix + name] = problem
        return None
    return value.strip()


def _choice(data: dict, name: str, allowed, errors: dict, default=None):
    value = data.get(name, default)
    if value not in allowed:
        errors[name] = "must be one of: " + ", ".join(allowed)
    return value


def clean_party(data, errors: dict, prefix: str) -> dict:
    """Validate the applicant's identity and contact (art. 14), in their canonical forms.

    Names lose invisible controls (``app.normalise.name``); the card number, phone and
    e-mail are read in any script's digits and stored in one spelling
    (``app.services.identity``): ``SH123456``, E.164 ``+212612345678``, an address
    deliverable without SMTPUTF8.
    """
    if not isinstance(data, dict):
        errors[prefix.rstrip(".")] = "must be an object with the applicant's identity"
        return {}
    data = {**data, **{n: normalise.name(data.get(n)) for n in NAME_FIELDS if n in data}}
    if "address" in data:
        data["address"] = normalise.address(data["address"])
    party = {n: _text(data, n, errors, prefix) for n in ("first_name", "last_name", "id_number", "address")}
    party["email"] = _text(data, "email", errors, prefix, required=False)
    party["phone"] = _text(data, "phone", errors, prefix, required=False)
    party.update(_organisation(data, errors, prefix))
    for name, clean in (("id_number", identity.clean_id_number), ("email", identity.clean_email),
                        ("phone", identity.clean_phone)):
        if party[name]:
            party[name], problem = clean(party[name])
            if problem:
                errors[prefix + name] = problem
    return party


def _organisation(data: dict, errors: dict, prefix: str) -> dict:
    """``applicant_type`` and, for an organisation (art. 4), its name and registration number.

    An organisation acts through its representative: ``first_name``, ``last_name`` and
    ``id_number`` are then the representative's.
    """
    kind = data.get("applicant_type") or PERSON
    if kind not in APPLICANT_TYPES:
        errors[prefix + "applicant_type"] = "must be one of: " + ", ".join(APPLICANT_TYPES)
        return {"applicant_type": PERSON, "organisation_name": None, "registration_number": None}
    if kind == PERSON:
        return {"applicant_type": PERSON, "organisation_name": None, "registration_number": None}
    name = _text(data, "organisation_name", errors, prefix)
    number = _text(data, "registration_number", errors, prefix, required=False)
    number = normalise.compact_identifier(number) if number else None
    if number and not REGISTRATION_NUMBER.fullmatch(number):
        errors[prefix + "registration_number"] = "letters and digits only"
    return {"applicant_type": ORGANISATION, "organisation_name": name, "registration_number": number}


def clean_information_request(data: dict) -> dict:
    """Validate an information request (art. 14; urgency art. 17).

    Raises:
        IntakeError: with one message per invalid field.
    """
    errors: dict[str, str] = {}
    out = {"party": clean_party(data.get("applicant"), errors, "applicant."),
           "information_requested": _text(data, "information_requested", errors)}
    urgent = data.get("urgent", False)
    if not isinstance(urgent, bool):
        errors["urgent"] = "must be true or false"
    out["urgent"] = urgent is True
    out["urgency_reason"] = _text(data, "urgency_reason", errors, required=out["urgent"])
    if out["urgent"] and "urgency_reason" in errors and errors["urgency_reason"] == "this field is required":
        errors["urgency_reason"] = "an urgent request states why it concerns life, safety or freedom (art. 17)"
    out["access_form"] = _choice(data, "access_form", [f.value for f in AccessForm], errors)
    out["language"] = _choice(data, "language", LANGUAGES, errors, default="ar")
    if errors:
        raise IntakeError(errors)
    return out


def clean_complaint(data: dict) -> dict:
    """Validate a complaint, observation or proposal (decree 2.17.265).

    Raises:
        IntakeError: with one message per invalid field.
    """
    errors: dict[str, str] = {}
    out = {"party": clean_party(data.get("complainant"), errors, "complainant."),
           "complaint_kind": _choice(data, "kind", [k.value for k in ComplaintKind], errors),
           "category": _choice(data, "category", complaint_categories.active_codes(), errors,
                               default=complaint_categories.DEFAULT_CODE),
           "subject": _text(data, "subject", errors),
           "description": _text(data, "description", errors),
           "language": _choice(data, "language", LANGUAGES, errors, default="ar")}
    if errors:
        raise IntakeError(errors)
    return out


def clean_case(kind: str, data: dict) -> dict:
    """Validate the fields of a case of ``kind`` (see ``clean_information_request``, ``clean_complaint``).

    Raises:
        IntakeError: with one message per invalid field.
        ValueError: ``kind`` is not a kind of case.
    """
    return CLEANERS[CaseKind(kind)](data)


CLEANERS = {CaseKind.INFORMATION_REQUEST: clean_information_request, CaseKind.COMPLAINT: clean_complaint}


def clean_staff_registration(data: dict, now: datetime, require_offset: bool = False) -> tuple[str, datetime]:
    """Channel and moment of receipt of a case registered by staff (art. 14).

    Args:
        data: ``channel`` and ``received_at`` (ISO-8601; naive means UTC).
        now: the current instant, naive UTC.
        require_offset: refuse a time without ``Z`` or an offset (the API: a bare time
            is ambiguous between UTC and Africa/Casablanca, and moves day 0 near midnight).

    Returns:
        ``(channel, received_at)`` with ``received_at`` naive UTC.

    Raises:
        IntakeError: unknown channel, unreadable, future or pre-2019 date.
    """
    errors: dict[str, str] = {}
    channel = _choice(data, "channel", [c.value for c in Channel], errors)
    received_at = parse_instant(data.get("received_at"), now, errors, require_offset=require_offset)
    if errors:
        raise IntakeError(errors)
    return channel, received_at


def parse_instant(value, now: datetime, errors: dict, field: str = "received_at",
                  require_offset: bool = False) -> datetime | None:
    """An ISO-8601 instant as naive UTC; None (and an error) when absent, unreadable or out of range."""
    if value is None or value == "":
        return now
    try:
        moment = instant(normalise.identifier(value) if isinstance(value, str) else value, field,
                         require_offset=require_offset)
    except ValueInvalid as exc:
        errors[field] = exc.reason
        return None
    if moment > now:
        errors[field] = "the moment of receipt cannot be in the future"
    elif moment < LAW_IN_FORCE:
        errors[field] = "before Law 31.13 came into force (12 March 2019)"
    return moment
