"""Outgoing e-mails (an outbox): written with the case change, sent by the scheduler process.

``dedup_key`` is unique, so two sweeps that race to queue the same reminder
insert it once. A message that cannot be delivered is retried with a growing
delay (``next_attempt_at``) a bounded number of times, then ends ``failed`` with
its reason (``failure``, ``last_error``), shown on the case page.
"""
from app.extensions import db
from app.models.columns import utcnow


class Notification(db.Model):
    __tablename__ = "notifications"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), index=True)
    dedup_key = db.Column(db.String(200), unique=True, nullable=False)
    recipient = db.Column(db.String(254), nullable=False)
    subject = db.Column(db.String(300), nullable=False)
    body = db.Column(db.Text, nullable=False)
    letter_id = db.Column(db.Integer, db.ForeignKey("letters.id"))
    # pending | sending | sent | failed
    status = db.Column(db.String(10), nullable=False, default="pending", index=True)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    last_error = db.Column(db.Text)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    sent_at = db.Column(db.DateTime)
    claimed_at = db.Column(db.DateTime)   # when a sender claimed it (a stale claim is retried)
    next_attempt_at = db.Column(db.DateTime)   # not before this instant (retry back-off); None: at once
    failure = db.Column(db.String(20))    # why the last attempt failed: refused, deferred, unreachable, invalid…
