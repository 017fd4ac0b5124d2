"""Links between cases: related cases, and duplicates of an earlier case.

A link is one row, seen from both cases: "related to X" on both sides, or
"duplicate of X" on the duplicate and "X duplicates this case" on the original.
Each link and unlink is on both cases' timelines (kind ``link``).
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_

from app.extensions import db
from app.models.case import Case
from app.models.case_link import CaseLink, LinkKind
from app.services.assignment import may_see
from app.services.calendar import utc_now
from app.services.cases import CaseNotFound, PayloadInvalid, get_case
from app.services.timeline import record_event

KINDS = tuple(k.value for k in LinkKind)


@dataclass(frozen=True)
class LinkView:
    """A link as seen from one case: ``role`` is ``related``, ``duplicate_of`` or ``duplicated_by``."""

    link: CaseLink
    other: Case
    role: str


def links_of(case) -> list[LinkView]:
    """Every link of ``case``, in both directions, oldest first."""
    stmt = (db.select(CaseLink).where(or_(CaseLink.case_id == case.id, CaseLink.linked_id == case.id))
            .order_by(CaseLink.id))
    out = []
    for link in db.session.scalars(stmt):
        mine = link.case_id == case.id
        other = link.linked if mine else link.case
        role = "related" if link.kind == LinkKind.RELATED.value else ("duplicate_of" if mine else "duplicated_by")
        out.append(LinkView(link, other, role))
    return out


def link_cases(case, other_reference, kind, actor, now: datetime | None = None) -> CaseLink:
    """Link ``case`` to the case ``other_reference`` and commit.

    ``kind`` ``duplicate`` says that ``case`` duplicates the other (the original).

    Raises:
        PayloadInvalid: unknown kind, no such case (or one ``actor`` may not see), the
            case itself, or the two already linked.
    """
    if kind not in KINDS:
        raise PayloadInvalid({"kind": "related or duplicate"})
    other = _visible(other_reference, actor)
    if other.id == case.id:
        raise PayloadInvalid({"reference": "a case cannot be linked to itself"})
    if any(v.other.id == other.id for v in links_of(case)):
        raise PayloadInvalid({"reference": "these cases are already linked"})
    now = now or utc_now()
    link = CaseLink(case_id=case.id, linked_id=other.id, kind=kind, created_by_id=actor.id, created_at=now)
    db.session.add(link)
    record_event(case, "link", actor, at=now, data={"action": "linked", "kind": kind, "other": other.reference,
                                                    "role": "duplicate_of" if kind == "duplicate" else kind})
    record_event(other, "link", actor, at=now, data={"action": "linked", "kind": kind, "other": case.reference,
                                                     "role": "duplicated_by" if kind == "duplicate" else kind})
    db.session.commit()
    return link


def unlink(case, link_id: int, actor, now: datetime | None = None) -> None:
    """Remove the link ``link_id`` of ``case`` and commit.

    Raises:
        LookupError: ``case`` has no such link.
    """
    view = next((v for v in links_of(case) if v.link.id == link_id), None)
    if view is None:
        raise LookupError(link_id)
    now = now or utc_now()
    for one, two in ((case, view.other), (view.other, case)):
        record_event(one, "link", actor, at=now, data={"action": "unlinked", "kind": view.link.kind,
                                                       "other": two.reference})
    db.session.delete(view.link)
    db.session.commit()


def _visible(reference, actor) -> Case:
    try:
        other = get_case((reference or "").strip().upper() if isinstance(reference, str) else "")
    except CaseNotFound:
        raise PayloadInvalid({"reference": "no case has this reference"}) from None
    if not may_see(actor, other):
        raise PayloadInvalid({"reference": "no case has this reference"})
    return other
