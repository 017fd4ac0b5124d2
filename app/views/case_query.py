"""The case-list query string, shared by the staff list page, its exports and the API.

``GET /staff/cases``, ``/staff/cases/export.csv|xlsx``, ``GET /api/v1/cases`` and
``/api/v1/cases/export.csv|xlsx`` take the same parameters:

``q`` free text · ``type`` (kind) · ``state`` · ``outcome`` · ``channel`` ·
``urgent`` (true/false) · ``assignee`` (a username, ``me`` or ``none``) ·
``overdue`` (true/false) · ``received_from`` / ``received_to`` (local dates, included) ·
``tag`` (a tag's name) · ``open`` (true/false) · ``due_to`` (a local date) ·
``stage`` (``head_decision``, ``awaiting_ruling``, ``ruling_delivery``: ``app.services.case_stages``) ·
``sort`` (``priority``, ``newest``, ``oldest``) · ``page`` / ``per_page`` or ``cursor``.
"""
from __future__ import annotations

from datetime import date

from app.extensions import db
from app.models.tag import Tag
from app.models.user import User
from app.services.case_stages import STAGES
from app.services.case_search import MAX_PER_PAGE, SORTS, UNASSIGNED, CaseFilter, SearchInvalid, search_terms
from app.strict_values import calendar_date, collect, whole_number
from workflows.kinds import KINDS, all_states
from workflows.statute import Channel, Outcome

YES, NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
STATES = all_states()
CHOICES = {"state": STATES, "type": KINDS, "outcome": tuple(o.value for o in Outcome),
           "channel": tuple(c.value for c in Channel), "stage": tuple(STAGES), "sort": SORTS}
FLAGS = ("urgent", "overdue", "open")
DATES = ("received_from", "received_to", "due_to")
MAX_QUERY = 200
# Every parameter of a list (what an export link or a "next page" link carries over).
PARAMETERS = ("q", "type", "state", "outcome", "channel", "urgent", "assignee", "overdue", "received_from",
              "received_to", "tag", "open", "due_to", "stage", "sort")


def parse_case_query(args, user) -> tuple[CaseFilter, int, int, str | None]:
    """``(filter, page, per_page, cursor)`` from a query string; ``user`` is who asks (``assignee=me``).

    Raises:
        SearchInvalid: one message per bad parameter (HTTP 422, or the form's field errors).
    """
    errors: dict[str, str] = {}
    values = {name: _choice(args, name, allowed, errors) for name, allowed in CHOICES.items()}
    flags = {name: _flag(args, name, errors) for name in FLAGS}
    days = {name: _date(args, name, errors) for name in DATES}
    q = _text(args, errors)
    wanted = CaseFilter(q=q, state=values["state"], kind=values["type"], outcome=values["outcome"],
                        channel=values["channel"], assignee_id=_assignee(args, user, errors),
                        tag_id=_tag(args, errors), stage=values["stage"], sort=values["sort"] or "priority",
                        **flags, **days)
    page, per_page = _number(args, "page", 1, errors), _number(args, "per_page", 20, errors, MAX_PER_PAGE)
    if wanted.received_from and wanted.received_to and wanted.received_from > wanted.received_to:
        errors["received_to"] = "must not be before received_from"
    if errors:
        raise SearchInvalid(errors)
    return wanted, page, per_page, args.get("cursor") or None


def query_args(wanted: CaseFilter, user=None) -> dict:
    """The query-string parameters that give back ``wanted`` (for links: queues, exports, pages)."""
    out = {"q": wanted.q, "type": wanted.kind, "state": wanted.state, "outcome": wanted.outcome,
           "channel": wanted.channel, "stage": wanted.stage, "sort": None if wanted.sort == "priority" else wanted.sort}
    for name in FLAGS:
        value = getattr(wanted, name)
        out[name] = None if value is None else ("true" if value else "false")
    for name in DATES:
        value = getattr(wanted, name)
        out[name] = value.isoformat() if value else None
    if wanted.assignee_id is UNASSIGNED:
        out["assignee"] = "none"
    elif wanted.assignee_id is not None:
        out["assignee"] = "me" if user is not None and wanted.assignee_id == user.id else _username(wanted)
    if wanted.tag_id is not None:
        out["tag"] = db.session.get(Tag, wanted.tag_id).name
    return {k: v for k, v in out.items() if v}


def _username(wanted) -> str:
    return db.session.get(User, wanted.assignee_id).username


def _choice(args, name, allowed, errors):
    value = args.get(name) or None
    if value and value not in allowed:
        errors[name] = "must be one of: " + ", ".join(allowed)
        return None
    return value


def _flag(args, name, errors) -> bool | None:
    value = (args.get(name) or "").lower()
    if value and value not in YES + NO:
        errors[name] = "true or false"
    return (value in YES) if value in YES + NO else None


def _date(args, name, errors) -> date | None:
    value = args.get(name) or ""
    return collect(errors, calendar_date, value, name) if value else None


def _text(args, errors) -> str | None:
    q = (args.get("q") or "").strip()
    if len(q) > MAX_QUERY:
        errors["q"] = f"at most {MAX_QUERY} characters"
        return None
    try:
        search_terms(q)
    except SearchInvalid as exc:
        errors.update(exc.errors)
        return None
    return q or None


def _assignee(args, user, errors):
    name = args.get("assignee") or ""
    if not name:
        return None
    if name == "none":
        return UNASSIGNED
    if name == "me":
        return user.id
    found = db.session.execute(db.select(User.id).filter_by(username=name)).scalar_one_or_none()
    if found is None:
        errors["assignee"] = "a username, 'me' or 'none'"
    return found


def _tag(args, errors) -> int | None:
    name = (args.get("tag") or "").strip()
    if not name:
        return None
    found = db.session.execute(db.select(Tag.id).filter_by(name=name)).scalar_one_or_none()
    if found is None:
        errors["tag"] = "no tag has this name"
    return found


def _number(args, name: str, default: int, errors: dict, maximum: int = 10**6) -> int:
    value = args.get(name) or ""
    return (collect(errors, whole_number, value, name, maximum=maximum) or default) if value else default
