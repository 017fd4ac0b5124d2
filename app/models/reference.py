"""Reference-number counters: one sequence per kind prefix and year, never reused."""
from app.extensions import db


class ReferenceCounter(db.Model):
    __tablename__ = "reference_counters"

    prefix = db.Column(db.String(8), primary_key=True)
    year = db.Column(db.Integer, primary_key=True)
    last_value = db.Column(db.Integer, nullable=False, default=0)
