"""The disclosure log (art. 10): published answers and the register of proactive publications.

An entry (``Disclosure``) is either the answer to one information request (``source``
``answer``, one per case) or a document the body publishes of its own motion
(``register``). Public pages read these tables only, never the case or its party:
what is published is copied here when it is published (outcome, date, grounds of
the withheld parts) or written here by staff (title and summary). Each entry's files
(``DisclosureFile``) point at their source (a released document, or an upload) and,
once published, at the redacted copy the public downloads, with its redaction log.
A ``RedactionBox`` is one area of one page withheld on one ground (art. 7).
"""
from sqlalchemy import DDL, event

from app.extensions import db
from app.models.columns import utcnow

FTS_TABLE = "disclosures_fts"
TRGM_INDEX = "ix_disclosures_document_trgm"


class Disclosure(db.Model):
    __tablename__ = "disclosures"
    # The public log lists published entries newest first; the scheduler reads the due ones.
    __table_args__ = (db.Index("ix_disclosures_status_published", "status", "published_at", "id"),
                      db.Index("ix_disclosures_status_due", "status", "due_on"))

    id = db.Column(db.Integer, primary_key=True)
    source = db.Column(db.String(20), nullable=False)              # answer | register
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), unique=True)
    reference = db.Column(db.String(20), unique=True, nullable=False)
    status = db.Column(db.String(20), nullable=False)               # workflows.disclosure.PublicationState
    due_on = db.Column(db.Date)                                     # answers: publishable from (Casablanca)
    # What staff wrote for the public: nothing of the request is published until reviewed.
    title = db.Column(db.String(300))
    summary = db.Column(db.Text)
    summary_reviewed_at = db.Column(db.DateTime)
    summary_reviewed_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    category = db.Column(db.String(40))                             # register: statute.PUBLICATION_CATEGORIES
    # Copied from the case when published (the public pages never read the case).
    outcome = db.Column(db.String(30))
    answered_on = db.Column(db.Date)
    grounds = db.Column(db.JSON)                                    # the withheld parts' grounds (art. 18)
    published_at = db.Column(db.DateTime)
    published_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))   # None: the scheduler
    withheld_at = db.Column(db.DateTime)
    withheld_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    withheld_reason = db.Column(db.Text)
    hold_reason = db.Column(db.Text)                                # why the scheduler did not publish it
    document = db.Column(db.Text, nullable=False, default="")      # folded text the public search reads
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    # Publishing, withholding and the scheduler's pass serialise on this row.
    version = db.Column(db.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}

    case = db.relationship("Case")
    files = db.relationship("DisclosureFile", back_populates="disclosure", order_by="DisclosureFile.position",
                            cascade="all, delete-orphan")
    published_by = db.relationship("User", foreign_keys=[published_by_id])
    withheld_by = db.relationship("User", foreign_keys=[withheld_by_id])
    summary_reviewed_by = db.relationship("User", foreign_keys=[summary_reviewed_by_id])

    @property
    def is_published(self) -> bool:
        return self.status == "published"


class DisclosureFile(db.Model):
    """A file of an entry: its source (never served publicly) and, once published, the redacted copy."""

    __tablename__ = "disclosure_files"

    id = db.Column(db.Integer, primary_key=True)
    disclosure_id = db.Column(db.Integer, db.ForeignKey("disclosures.id"), nullable=False, index=True)
    position = db.Column(db.Integer, nullable=False)
    released_document_id = db.Column(db.Integer, db.ForeignKey("released_documents.id"), unique=True)
    source_stored_name = db.Column(db.String(80), nullable=False)   # in ATTACHMENTS_DIR
    content_type = db.Column(db.String(100), nullable=False)
    # redact (PDF, image: boxes applied) | unreviewed (office, CSV: not published until marked)
    # | as_is (an officer found nothing to redact) | excluded (not for publication, with a reason)
    treatment = db.Column(db.String(20), nullable=False)
    treatment_reason = db.Column(db.Text)
    stored_name = db.Column(db.String(80), unique=True)             # the published copy
    size = db.Column(db.Integer)
    sha256 = db.Column(db.String(64))
    redaction_log = db.Column(db.JSON)                              # [{"page", "box": [x0, y0, x1, y1], "ground"}]
    published_at = db.Column(db.DateTime)

    disclosure = db.relationship("Disclosure", back_populates="files")
    released_document = db.relationship("ReleasedDocument")
    boxes = db.relationship("RedactionBox", back_populates="file", order_by="(RedactionBox.page, RedactionBox.id)",
                            cascade="all, delete-orphan")


class RedactionBox(db.Model):
    """An area withheld from a published file: page (from 1) and corners in PDF points (images: pixels),
    measured from the page's top-left corner, with its ground (``statute.REDACTION_GROUNDS``)."""

    __tablename__ = "redaction_boxes"

    id = db.Column(db.Integer, primary_key=True)
    file_id = db.Column(db.Integer, db.ForeignKey("disclosure_files.id"), nullable=False, index=True)
    page = db.Column(db.Integer, nullable=False)
    x0 = db.Column(db.Float, nullable=False)
    y0 = db.Column(db.Float, nullable=False)
    x1 = db.Column(db.Float, nullable=False)
    y1 = db.Column(db.Float, nullable=False)
    ground = db.Column(db.String(40), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))

    file = db.relationship("DisclosureFile", back_populates="boxes")

    @property
    def corners(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


# The public search: each engine's own index over the folded ``document`` (as for cases,
# ``app.models.search``): FTS5 trigram on SQLite (external content, three triggers), pg_trgm on PostgreSQL.
SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(document, content='disclosures', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER disclosures_ai AFTER INSERT ON disclosures BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.id, new.document); END",
    f"CREATE TRIGGER disclosures_ad AFTER DELETE ON disclosures BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document) VALUES ('delete', old.id, old.document); END",
    f"CREATE TRIGGER disclosures_au AFTER UPDATE OF document ON disclosures BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document) VALUES ('delete', old.id, old.document); "
    f"INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.id, new.document); END",
)
POSTGRESQL_DDL = (f"CREATE INDEX {TRGM_INDEX} ON disclosures USING gin (document gin_trgm_ops)",)

_table = Disclosure.__table__
for _statement in SQLITE_DDL:
    event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_DDL:
    event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
event.listen(_table, "before_drop", DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite"))
