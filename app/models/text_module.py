"""A text module: a reusable paragraph in Arabic and French, inserted into answers (issue 5 §4)."""
from app.extensions import db
from app.models.columns import utcnow


class TextModule(db.Model):
    __tablename__ = "text_modules"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False, unique=True)
    body_ar = db.Column(db.Text, nullable=False)
    body_fr = db.Column(db.Text, nullable=False)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    created_by = db.relationship("User")

    def body(self, language: str) -> str:
        """The paragraph in ``language`` (``ar`` or ``fr``)."""
        return self.body_fr if language == "fr" else self.body_ar
