"""A document released to the applicant with an answer (art. 14, 18): stored outside the web root.

Staff upload documents to a case before the answer; the answer that releases them
stamps ``released_at`` (and ``answered_at`` of that answer). From then on the row
and its file never change and are never deleted: the applicant downloads exactly
what was released, and its SHA-256 proves it.
"""
from app.extensions import db
from app.models.columns import utcnow


class ReleasedDocument(db.Model):
    __tablename__ = "released_documents"

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False, index=True)
    original_name = db.Column(db.String(255), nullable=False)
    stored_name = db.Column(db.String(80), unique=True, nullable=False)
    content_type = db.Column(db.String(100), nullable=False)
    size = db.Column(db.Integer, nullable=False)
    sha256 = db.Column(db.String(64), nullable=False)
    uploaded_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    uploaded_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    released_at = db.Column(db.DateTime)      # the instant of the answer that released it (UTC)

    case = db.relationship("Case", back_populates="released_documents")
    uploaded_by = db.relationship("User")

    @property
    def released(self) -> bool:
        return self.released_at is not None


# Once released, none of these may change, and the row may not be deleted.
RELEASED_FIELDS = ("case_id", "original_name", "stored_name", "content_type", "size", "sha256", "released_at")


def _released_before(connection, document) -> bool:
    """The stored row was already released, whatever the object (maybe expired) now says."""
    table = ReleasedDocument.__table__
    stored = connection.execute(db.select(table.c.released_at).where(table.c.id == document.id)).scalar()
    return stored is not None


@db.event.listens_for(ReleasedDocument, "before_update")
def _released_documents_never_change(mapper, connection, document):
    """Refuse to flush a change to a released document. Raises ValueError."""
    if not _released_before(connection, document):
        return
    state = db.inspect(document)
    changed = [name for name in RELEASED_FIELDS if state.attrs[name].history.has_changes()]
    if changed:
        raise ValueError(f"a released document never changes (tried: {', '.join(changed)})")


@db.event.listens_for(ReleasedDocument, "before_delete")
def _released_documents_stay(mapper, connection, document):
    """Refuse to delete a released document. Raises ValueError."""
    if _released_before(connection, document):
        raise ValueError("a released document is never deleted")
