"""The redaction log of a published file: what was withheld, where (page and box), on which ground.

Stored with the published file (``DisclosureFile.redaction_log``), shown on its public
entry, and printed on a last page of a published PDF in Arabic and French, so the
file carries its own account of what was taken out (NextRequest's practice).
"""
from __future__ import annotations

from app.services.redaction import log_page_html
from workflows.statute import REDACTION_GROUNDS

TITLE = "سجل الحجب — Journal des occultations"
HEADINGS = ("الصفحة — Page", "الموضع (نقط: يسار، أعلى، يمين، أسفل) — Zone (points : gauche, haut, droite, bas)",
            "السبب — Motif")


def log_rows(item) -> list[dict]:
    """``[{"page", "box": [x0, y0, x1, y1], "ground", "article"}]`` of ``item``'s boxes, rounded to the point."""
    return [{"page": b.page, "box": [round(c, 1) for c in (b.x0, b.y0, b.x1, b.y1)], "ground": b.ground,
             "article": REDACTION_GROUNDS[b.ground].article} for b in item.boxes]


def log_html(item) -> str:
    """The log page of a published PDF (escaped HTML): one row per box, the ground in both languages."""
    rows = []
    for row in log_rows(item):
        ground = REDACTION_GROUNDS[row["ground"]]
        where = ", ".join(f"{c:g}" for c in row["box"])
        rows.append((row["page"], where, f"{ground.label_ar} — {ground.label_fr} (art. {ground.article})"))
    return log_page_html(TITLE, HEADINGS, rows)
