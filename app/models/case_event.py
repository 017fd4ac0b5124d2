"""The case timeline: every transition, assignment, letter and e-mail."""
from app.extensions import db
from app.models.columns import utcnow


class CaseEvent(db.Model):
    __tablename__ = "case_events"
    # Statistics count the remedies (complaint to the head, CDAI, court) by trigger.
    __table_args__ = (db.Index("ix_case_events_trigger_case", "trigger", "case_id"),)

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False, index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    actor_label = db.Column(db.String(120), nullable=False, default="system")
    kind = db.Column(db.String(20), nullable=False)  # transition, assignment, letter, email, clock, note
    trigger = db.Column(db.String(40))
    from_state = db.Column(db.String(30))
    to_state = db.Column(db.String(30))
    reason = db.Column(db.Text)
    data = db.Column(db.JSON, nullable=False, default=dict)

    case = db.relationship("Case", back_populates="events")
    actor = db.relationship("User")
