"""An issued letter: the PDF as sent, with its SHA-256; never changed after issue."""
from app.extensions import db
from app.models.columns import utcnow


class Letter(db.Model):
    __tablename__ = "letters"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False, index=True)
    kind = db.Column(db.String(40), nullable=False)
    language = db.Column(db.String(2), nullable=False)
    issued_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    issued_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    sha256 = db.Column(db.String(64), nullable=False)
    pdf = db.deferred(db.Column(db.LargeBinary, nullable=False))

    case = db.relationship("Case", back_populates="letters")
