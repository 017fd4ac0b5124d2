"""A recount of running deadlines after the holiday table changed, run by the scheduler process.

The administrator's request records the change and this row; the scheduler (or
``flask calendar recompute``) does the work in batches and writes its progress
here, which the holidays page shows.
"""
from app.extensions import db
from app.models.columns import utcnow


class RecomputeJob(db.Model):
    __tablename__ = "recompute_jobs"

    id = db.Column(db.Integer, primary_key=True)
    requested_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    requested_by_id = db.Column(db.ForeignKey("users.id"))
    reason = db.Column(db.String(200), nullable=False)              # e.g. "added 2026-03-23"
    changed_days = db.Column(db.JSON, nullable=False, default=list)  # ISO dates whose working status changed
    status = db.Column(db.String(10), nullable=False, default="pending", index=True)  # pending|running|done|failed
    total = db.Column(db.Integer)                # running clocks whose span covers a changed day
    processed = db.Column(db.Integer, nullable=False, default=0)
    moved = db.Column(db.Integer, nullable=False, default=0)          # clocks whose dates moved
    cases_moved = db.Column(db.Integer, nullable=False, default=0)
    started_at = db.Column(db.DateTime)
    heartbeat_at = db.Column(db.DateTime)        # last batch committed (a stale one is taken over)
    finished_at = db.Column(db.DateTime)
    error = db.Column(db.Text)

    requested_by = db.relationship("User")
