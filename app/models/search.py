"""The folded search document of a case, and each engine's full-text index over it.

``case_search`` holds one row per case: ``app.text_folding.fold`` of its reference,
applicant name, CNIE number, subject and text, kept up to date on every flush by
``app.models.case_index``. The index over it is the engine's own:

* SQLite: an FTS5 table ``case_search_fts`` with the ``trigram`` tokenizer, over
  ``case_search`` as external content, kept in step by three triggers;
* PostgreSQL: a GIN ``pg_trgm`` index ``ix_case_search_document_trgm``.

Both answer "does the document contain this folded term" (a term of 3 characters or
more) from the index, so the same query finds the same cases on both engines. They
are created with the table (``create_all`` here, the ``i5b_find`` migration in a
deployment); ``SEARCH_OBJECTS`` names them for the schema comparison, which does not
know engine-specific objects.
"""
from sqlalchemy import DDL, event

from app.extensions import db

FTS_TABLE = "case_search_fts"
TRGM_INDEX = "ix_case_search_document_trgm"

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(document, content='case_search', content_rowid='case_id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER case_search_ai AFTER INSERT ON case_search BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.case_id, new.document); END",
    f"CREATE TRIGGER case_search_ad AFTER DELETE ON case_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document) VALUES ('delete', old.case_id, old.document); END",
    f"CREATE TRIGGER case_search_au AFTER UPDATE ON case_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document) VALUES ('delete', old.case_id, old.document); "
    f"INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.case_id, new.document); END",
)
POSTGRESQL_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
POSTGRESQL_DDL = (f"CREATE INDEX {TRGM_INDEX} ON case_search USING gin (document gin_trgm_ops)",)
# Engine-specific objects (FTS5's shadow tables start with its name) the models do not declare.
SEARCH_OBJECTS = (FTS_TABLE, TRGM_INDEX,
                  "disclosures_fts", "ix_disclosures_document_trgm")   # the disclosure log's (app.models.disclosure)


def is_search_object(name: str | None) -> bool:
    """True for the engine-specific search objects (for Alembic's ``include_object``)."""
    return bool(name) and any(name == o or name.startswith(o + "_") for o in SEARCH_OBJECTS)


class CaseSearchDocument(db.Model):
    __tablename__ = "case_search"

    case_id = db.Column(db.Integer, db.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    document = db.Column(db.Text, nullable=False, default="")


_table = CaseSearchDocument.__table__
event.listen(db.metadata, "before_create", DDL(POSTGRESQL_EXTENSION).execute_if(dialect="postgresql"))
for _statement in SQLITE_DDL:
    event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_DDL:
    event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
event.listen(_table, "before_drop", DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite"))
