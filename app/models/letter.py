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
    delivery = db.relationship("LetterDelivery", back_populates="letter", uselist=False,
                               cascade="all, delete-orphan")


# What was sent: none of it may change once issued (a new letter is a new row).
ISSUED_FIELDS = ("case_id", "kind", "language", "issued_at", "issued_by_id", "sha256", "pdf")


@db.event.listens_for(Letter, "before_update")
def _issued_letters_never_change(mapper, connection, letter):
    """Refuse to flush a change to an issued letter. Raises ValueError."""
    state = db.inspect(letter)
    changed = [name for name in ISSUED_FIELDS if state.attrs[name].history.has_changes()]
    if changed:
        raise ValueError(f"an issued letter never changes (tried: {', '.join(changed)})")
