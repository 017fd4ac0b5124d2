"""Tags: a short list kept by administrators and supervisors, put on cases by staff.

A managed list rather than free text, so that one subject is one tag (not
"presse", "Presse" and "press") and a filter or a count by tag means something.
A retired tag stays on the cases that carry it and in the filters, but is no
longer offered for new cases.
"""
from app.extensions import db
from app.models.columns import utcnow

case_tags = db.Table(
    "case_tags",
    db.Column("case_id", db.Integer, db.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    db.Column("tag_id", db.Integer, db.ForeignKey("tags.id"), primary_key=True, index=True),
)


class Tag(db.Model):
    __tablename__ = "tags"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(60), unique=True, nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
