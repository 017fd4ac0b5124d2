"""The complaint categories (decree 2.17.265 submissions), kept by an administrator.

A case stores the category's ``code``, which never changes once created, so a
category renamed or made inactive keeps its cases (and their statistics).
"""
from app.extensions import db
from app.models.columns import utcnow


class ComplaintCategory(db.Model):
    __tablename__ = "complaint_categories"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(60), unique=True, nullable=False)
    name_ar = db.Column(db.String(200), nullable=False)
    name_fr = db.Column(db.String(200), nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    position = db.Column(db.Integer, nullable=False, default=0)   # order in the lists
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    def name(self, lang: str) -> str:
        """The name in ``lang`` (``ar`` or ``fr``)."""
        return self.name_fr if lang == "fr" else self.name_ar
