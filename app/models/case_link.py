"""Links between cases: related cases, or a case that duplicates another.

One row per pair, seen from both cases. ``related`` reads the same both ways;
``duplicate`` means ``case_id`` duplicates ``linked_id`` (the original).
"""
from enum import Enum

from app.extensions import db
from app.models.columns import utcnow


class LinkKind(str, Enum):
    RELATED = "related"
    DUPLICATE = "duplicate"   # case_id duplicates linked_id


class CaseLink(db.Model):
    __tablename__ = "case_links"
    __table_args__ = (db.UniqueConstraint("case_id", "linked_id"),
                      db.CheckConstraint("case_id <> linked_id", name="not_itself"))

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    linked_id = db.Column(db.Integer, db.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = db.Column(db.String(20), nullable=False)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    case = db.relationship("Case", foreign_keys=[case_id])
    linked = db.relationship("Case", foreign_keys=[linked_id])
