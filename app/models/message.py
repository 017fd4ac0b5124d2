"""A message of a case's thread: the office writes to the applicant, the applicant replies.

A staff message may be a request for clarification (LAW.md §4.7). Applicant messages
stay unread until the assigned officer opens the thread (``read_at``); a staff
message is read by the office when written. Files the applicant adds to a reply are
``Attachment`` rows pointing at the message.
"""
from enum import Enum

from app.extensions import db
from app.models.columns import utcnow


class Sender(str, Enum):
    STAFF = "staff"
    APPLICANT = "applicant"


class Message(db.Model):
    __tablename__ = "messages"
    # The dashboard looks for unread replies: a short range of NULL read_at values.
    __table_args__ = (db.Index("ix_messages_read_at", "read_at"),)

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False, index=True)
    sender = db.Column(db.String(10), nullable=False)              # Sender
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"))   # the staff member, if staff
    body = db.Column(db.Text, nullable=False)
    clarification = db.Column(db.Boolean, nullable=False, default=False)  # a request for clarification
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)   # UTC
    read_at = db.Column(db.DateTime)                                      # UTC; when the office read it

    case = db.relationship("Case")
    author = db.relationship("User")
    attachments = db.relationship("Attachment", back_populates="message", order_by="Attachment.id")

    @property
    def from_applicant(self) -> bool:
        return self.sender == Sender.APPLICANT.value
