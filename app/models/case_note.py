"""Internal notes on a case: staff only, never on the status page, in letters or e-mails.

Kept apart from the timeline (``case_events``), whose transitions the applicant's
status page reads, so that no filter mistake can ever show a note to the public.
Notes are never edited or deleted: each is dated and signed.
"""
from app.extensions import db
from app.models.columns import utcnow


class CaseNote(db.Model):
    __tablename__ = "case_notes"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    text = db.Column(db.Text, nullable=False)

    author = db.relationship("User", lazy="joined")
