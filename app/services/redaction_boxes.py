"""Marking what to withhold in a file of the disclosure log: boxes drawn, found by text, or the applicant's identity.

Each box is one area of one page, with its ground from the art. 7 exceptions
(``workflows.statute.REDACTION_GROUNDS``); nothing is removed from the source file —
the boxes are applied to the published copy (``app.services.redaction``). Each change
is a unit of work with a ``publication`` event on the case's timeline.
"""
from __future__ import annotations

from datetime import datetime

from app.extensions import db
from app.models.disclosure import DisclosureFile, RedactionBox
from app.services.attachments import attachments_dir
from app.services import identity
from app.services.calendar import utc_now
from app.services.cases import PayloadInvalid, unit_of_work
from app.services.disclosures import check_manager, ensure_entry, record, touch
from app.services.redaction import PDF, REDACTABLE, Box, find_text, page_sizes
from workflows.statute import REDACTION_GROUNDS

MIN_SIDE = 2.0            # points (pixels): a smaller box is a slip of the mouse
TEXT_LIMIT = 200          # characters of the words searched (the message says 200)


def source_bytes(item: DisclosureFile) -> bytes:
    """The file as released (or uploaded), read from ``ATTACHMENTS_DIR``. Raises FileNotFoundError."""
    return (attachments_dir() / item.source_stored_name).read_bytes()


def boxes_of(item: DisclosureFile) -> list[Box]:
    """``item``'s boxes as ``redaction.Box`` values, each labelled with its article."""
    return [Box(b.page, b.x0, b.y0, b.x1, b.y1, label=f"art. {REDACTION_GROUNDS[b.ground].article}")
            for b in item.boxes]


def _file(case, file_id: int, now: datetime):
    entry = ensure_entry(case, now)
    item = next((f for f in entry.files if f.id == file_id), None)
    if item is None:
        raise LookupError("no such file in this entry")
    if item.content_type not in REDACTABLE:
        raise PayloadInvalid({"file": "Only PDF and image files can be redacted."})
    return entry, item


def clamp(page: int, corners, sizes) -> tuple[float, float, float, float]:
    """``corners`` (any order) kept inside page ``page`` of ``sizes``.

    Raises:
        PayloadInvalid: no such page, a corner not a number, or a box smaller than ``MIN_SIDE``.
    """
    if not isinstance(page, int) or not 1 <= page <= len(sizes):
        raise PayloadInvalid({"page": "Choose a page of the document."})
    try:
        x0, y0, x1, y1 = (float(c) for c in corners)
    except (TypeError, ValueError):
        raise PayloadInvalid({"box": "Give four numbers: left, top, right, bottom."}) from None
    width, height = sizes[page - 1]
    x0, x1 = sorted((min(max(x0, 0.0), width), min(max(x1, 0.0), width)))
    y0, y1 = sorted((min(max(y0, 0.0), height), min(max(y1, 0.0), height)))
    if x1 - x0 < MIN_SIDE or y1 - y0 < MIN_SIDE:
        raise PayloadInvalid({"box": "The box must lie on the page and not be empty."})
    return x0, y0, x1, y1


def _check_ground(ground) -> None:
    if ground not in REDACTION_GROUNDS:
        raise PayloadInvalid({"ground": "Choose the ground of this redaction (art. 7)."})


def add_box(case, file_id: int, page, corners, ground, actor, now: datetime | None = None) -> RedactionBox:
    """Withhold one area of page ``page`` of a file on ``ground``, and commit.

    Raises:
        PermissionError, Conflict (entry published or changed concurrently), LookupError
        (no such file), PayloadInvalid (``page``, ``box``, ``ground``, or a file that cannot be redacted).
    """
    now = now or utc_now()
    check_manager(actor, case)
    _check_ground(ground)
    with unit_of_work(case):
        entry, item = _file(case, file_id, now)
        x0, y0, x1, y1 = clamp(page, corners, page_sizes(source_bytes(item), item.content_type))
        touch(entry, now)
        box = RedactionBox(page=page, x0=x0, y0=y0, x1=x1, y1=y1, ground=ground, created_at=now,
                           created_by_id=actor.id)
        item.boxes.append(box)
        record(entry, "redaction", actor, now, file=item.position, page=page, ground=ground)
    return box


def add_text_boxes(case, file_id: int, needles, ground, actor, now: datetime | None = None) -> int:
    """Withhold every place of a PDF where one of ``needles`` appears, on ``ground``; commit; how many boxes.

    Raises as ``add_box``; ``PayloadInvalid({"text": …})`` for an empty or too long text.
    """
    now = now or utc_now()
    check_manager(actor, case)
    _check_ground(ground)
    needles = [n.strip() for n in needles if isinstance(n, str) and n.strip()]
    if not needles or any(len(n) > TEXT_LIMIT for n in needles):
        raise PayloadInvalid({"text": "Write the words to withhold (at most 200 characters)."})
    with unit_of_work(case):
        entry, item = _file(case, file_id, now)
        if item.content_type != PDF:
            raise PayloadInvalid({"text": "Text can be searched in a PDF only: draw the boxes on an image."})
        data = source_bytes(item)
        found = _outermost([b for n in needles for b in find_text(data, n)],
                           [Box(b.page, *b.corners) for b in item.boxes])
        touch(entry, now)
        for box in found:
            item.boxes.append(RedactionBox(page=box.page, x0=box.x0, y0=box.y0, x1=box.x1, y1=box.y1,
                                           ground=ground, created_at=now, created_by_id=actor.id))
        record(entry, "redaction", actor, now, file=item.position, found=len(found), ground=ground)
    return len(found)


def _inside(inner: Box, outer: Box) -> bool:
    return (inner.page == outer.page and inner.x0 >= outer.x0 - 0.5 and inner.y0 >= outer.y0 - 0.5
            and inner.x1 <= outer.x1 + 0.5 and inner.y1 <= outer.y1 + 0.5)


def _outermost(found: list[Box], existing: list[Box]) -> list[Box]:
    """``found`` without the boxes lying inside another (a last name inside the full name, a box already marked)."""
    kept: list[Box] = []
    for box in sorted(found, key=lambda b: -(b.x1 - b.x0) * (b.y1 - b.y0)):
        if not any(_inside(box, other) for other in kept + existing):
            kept.append(box)
    return kept


def applicant_needles(party) -> list[str]:
    """How the applicant's identity may be written in a document: full name both ways, last name,
    CNIE number, e-mail, phone as stored (E.164) and as people write it (``identity.phone_spellings``)."""
    if party is None or party.anonymised_at is not None:
        return []
    values = [f"{party.first_name} {party.last_name}", f"{party.last_name} {party.first_name}", party.last_name,
              party.id_number, party.email, *identity.phone_spellings(party.phone)]
    return list(dict.fromkeys(v.strip() for v in values if v and len(v.strip()) >= 3))


def remove_box(case, box_id: int, actor, now: datetime | None = None) -> None:
    """Remove one box of ``case``'s entry and commit. Raises PermissionError, Conflict, LookupError."""
    now = now or utc_now()
    check_manager(actor, case)
    with unit_of_work(case):
        entry = ensure_entry(case, now)
        box = next((b for f in entry.files for b in f.boxes if b.id == box_id), None)
        if box is None:
            raise LookupError("no such box in this entry")
        touch(entry, now)
        record(entry, "unredaction", actor, now, file=box.file.position, page=box.page, ground=box.ground)
        box.file.boxes.remove(box)
        db.session.delete(box)
