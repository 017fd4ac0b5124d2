"""The official holiday table, which overrides the `holidays` package (LAW.md §3)."""
from app.extensions import db
from app.models.columns import utcnow


class Holiday(db.Model):
    __tablename__ = "holidays"

    id = db.Column(db.Integer, primary_key=True)
    day = db.Column(db.Date, nullable=False, unique=True)
    key = db.Column(db.String(40), nullable=False)          # eid_al_fitr, closure, …
    name_ar = db.Column(db.String(120), nullable=False)
    name_fr = db.Column(db.String(120), nullable=False)
    kind = db.Column(db.String(10), nullable=False, default="holiday")  # holiday | closure | working
    status = db.Column(db.String(10), nullable=False, default="estimated")  # estimated | confirmed
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
