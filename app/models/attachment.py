"""A file an applicant attached (to a submission or a message), stored outside the web root."""
from app.extensions import db
from app.models.columns import utcnow


class Attachment(db.Model):
    __tablename__ = "attachments"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False, index=True)
    original_name = db.Column(db.String(255), nullable=False)
    stored_name = db.Column(db.String(80), unique=True, nullable=False)
    content_type = db.Column(db.String(100), nullable=False)
    size = db.Column(db.Integer, nullable=False)
    sha256 = db.Column(db.String(64), nullable=False)
    uploaded_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    # Set when the file came with a message of the thread (None: with the submission).
    message_id = db.Column(db.Integer, db.ForeignKey("messages.id"), index=True)

    case = db.relationship("Case", back_populates="attachments")
    message = db.relationship("Message", back_populates="attachments")
