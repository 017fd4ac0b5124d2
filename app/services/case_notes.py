"""Internal notes and tags on a case: staff working aids, never shown to the applicant.

Notes live in their own table (``case_notes``), never in the timeline the status
page reads, and no letter or e-mail template is given them. Tags come from the list
kept by administrators and supervisors (``app.models.tag``).
"""
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models.case_note import CaseNote
from app.models.tag import Tag
from app.services.calendar import utc_now
from app.services.cases import PayloadInvalid
from app.services.intake import text_problem
from app.services.timeline import record_event

NOTE_LIMIT = 5000
TAG_NAME_LIMIT = 60


def add_note(case, text, author, now: datetime | None = None) -> CaseNote:
    """Add a staff-only note to ``case`` and commit.

    Raises:
        PayloadInvalid: ``{"text": …}`` when the text is empty, too long or not plain text.
    """
    problem = text_problem(text, NOTE_LIMIT) if isinstance(text, str) and text.strip() else "write the note"
    if problem:
        raise PayloadInvalid({"text": problem})
    note = CaseNote(case_id=case.id, author=author, at=now or utc_now(), text=text.strip())
    db.session.add(note)
    db.session.commit()
    return note


def active_tags() -> list[Tag]:
    """The tags offered for cases, by name."""
    return list(db.session.scalars(db.select(Tag).filter_by(active=True).order_by(Tag.name)))


def all_tags() -> list[Tag]:
    """Every tag, retired ones too (filters and the admin page), by name."""
    return list(db.session.scalars(db.select(Tag).order_by(Tag.name)))


def set_tags(case, tag_ids, actor, now: datetime | None = None) -> tuple[list[str], list[str]]:
    """Put exactly the tags ``tag_ids`` on ``case`` (a retired tag it already has may stay) and commit.

    The change is on the timeline (kind ``tag``: added and removed names). Returns
    ``(added, removed)`` names.

    Raises:
        PayloadInvalid: ``{"tags": …}`` when an id is not an active tag's.
    """
    wanted = {int(i) for i in tag_ids}
    current = {t.id: t for t in case.tags}
    offered = {t.id: t for t in active_tags()}
    unknown = wanted - set(offered) - set(current)
    if unknown:
        raise PayloadInvalid({"tags": "choose among the tags offered"})
    added = [offered[i] for i in sorted(wanted - set(current))]
    removed = [t for i, t in current.items() if i not in wanted]
    if added or removed:
        case.tags = [t for t in case.tags if t.id in wanted] + added
        record_event(case, "tag", actor, at=now or utc_now(),
                     data={"added": [t.name for t in added], "removed": [t.name for t in removed]})
        db.session.commit()
    return [t.name for t in added], [t.name for t in removed]


def create_tag(name) -> Tag:
    """Add a tag to the list and commit.

    Raises:
        PayloadInvalid: ``{"name": …}`` empty, too long, or already a tag.
    """
    name = name.strip() if isinstance(name, str) else name
    problem = text_problem(name, TAG_NAME_LIMIT) if name else "give the tag a name"
    if problem:
        raise PayloadInvalid({"name": problem})
    tag = Tag(name=" ".join(name.split()))
    try:
        with db.session.begin_nested():
            db.session.add(tag)
    except IntegrityError:
        raise PayloadInvalid({"name": "a tag with this name exists already"}) from None
    db.session.commit()
    return tag


def set_tag_active(tag_id: int, active: bool) -> Tag:
    """Retire a tag (no longer offered; it stays on its cases and in the filters) or offer it again.

    Raises:
        LookupError: no such tag.
    """
    tag = db.session.get(Tag, tag_id)
    if tag is None:
        raise LookupError(tag_id)
    tag.active = active
    db.session.commit()
    return tag
