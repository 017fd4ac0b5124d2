"""Per unit: how new cases are assigned on receipt (none, round robin, least loaded)."""
from enum import Enum

from app.extensions import db
from app.models.columns import utcnow


class AssignmentPolicy(str, Enum):
    NONE = "none"                  # new cases wait in the unit's queue
    ROUND_ROBIN = "round_robin"    # in turn, among the unit's active officers
    LEAST_LOADED = "least_loaded"  # to the active officer with the fewest open cases


class UnitPolicy(db.Model):
    __tablename__ = "unit_policies"

    unit = db.Column(db.String(30), primary_key=True)
    assignment = db.Column(db.String(20), nullable=False, default=AssignmentPolicy.NONE.value)
    # Bumped by one atomic UPDATE per auto-assigned case: its row lock makes concurrent
    # receipts of the unit take their turns one after the other.
    rotation = db.Column(db.Integer, nullable=False, default=0)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))

    updated_by = db.relationship("User")
