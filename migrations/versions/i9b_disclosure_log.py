"""disclosure log (art. 10): published answers, the register of proactive publications, redaction boxes

Revision ID: i9b_disclosure
Revises: i9a_stats
Create Date: 2026-11-30

Adds the disclosure log's entries, their files (source, published copy, redaction
log) and redaction boxes; each engine's own full-text index over the entries' folded
search text (FTS5 trigram on SQLite, pg_trgm on PostgreSQL, as ``app.models.disclosure``
creates them); and an index on the cases' outcome and answer instant for the scheduler.
Nothing is backfilled: the scheduler makes the entries of past answers
(``DISCLOSURE_PUBLISH_SINCE`` leaves out the answers given before a date).
"""
from alembic import op
import sqlalchemy as sa


revision = 'i9b_disclosure'
down_revision = 'i9a_stats'
branch_labels = None
depends_on = None

# Frozen copies of app.models.disclosure's statements (a migration never follows later model changes).
FTS_TABLE = 'disclosures_fts'
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
POSTGRESQL_DDL = ("CREATE EXTENSION IF NOT EXISTS pg_trgm",
                  "CREATE INDEX ix_disclosures_document_trgm ON disclosures USING gin (document gin_trgm_ops)")


def upgrade():
    op.create_table('disclosures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('summary_reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('summary_reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=True),
    sa.Column('outcome', sa.String(length=30), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('grounds', sa.JSON(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('withheld_at', sa.DateTime(), nullable=True),
    sa.Column('withheld_by_id', sa.Integer(), nullable=True),
    sa.Column('withheld_reason', sa.Text(), nullable=True),
    sa.Column('hold_reason', sa.Text(), nullable=True),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_disclosures_case_id_cases')),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_disclosures_published_by_id_users')),
    sa.ForeignKeyConstraint(['summary_reviewed_by_id'], ['users.id'], name=op.f('fk_disclosures_summary_reviewed_by_id_users')),
    sa.ForeignKeyConstraint(['withheld_by_id'], ['users.id'], name=op.f('fk_disclosures_withheld_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosures')),
    sa.UniqueConstraint('case_id', name=op.f('uq_disclosures_case_id')),
    sa.UniqueConstraint('reference', name=op.f('uq_disclosures_reference'))
    )
    op.create_index('ix_disclosures_status_due', 'disclosures', ['status', 'due_on'], unique=False)
    op.create_index('ix_disclosures_status_published', 'disclosures', ['status', 'published_at', 'id'], unique=False)

    op.create_table('disclosure_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('disclosure_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('released_document_id', sa.Integer(), nullable=True),
    sa.Column('source_stored_name', sa.String(length=80), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('treatment', sa.String(length=20), nullable=False),
    sa.Column('treatment_reason', sa.Text(), nullable=True),
    sa.Column('stored_name', sa.String(length=80), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('redaction_log', sa.JSON(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'], name=op.f('fk_disclosure_files_disclosure_id_disclosures')),
    sa.ForeignKeyConstraint(['released_document_id'], ['released_documents.id'], name=op.f('fk_disclosure_files_released_document_id_released_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure_files')),
    sa.UniqueConstraint('released_document_id', name=op.f('uq_disclosure_files_released_document_id')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_disclosure_files_stored_name'))
    )
    op.create_index('ix_disclosure_files_disclosure_id', 'disclosure_files', ['disclosure_id'], unique=False)

    op.create_table('redaction_boxes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('x0', sa.Float(), nullable=False),
    sa.Column('y0', sa.Float(), nullable=False),
    sa.Column('x1', sa.Float(), nullable=False),
    sa.Column('y1', sa.Float(), nullable=False),
    sa.Column('ground', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_redaction_boxes_created_by_id_users')),
    sa.ForeignKeyConstraint(['file_id'], ['disclosure_files.id'], name=op.f('fk_redaction_boxes_file_id_disclosure_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_redaction_boxes'))
    )
    op.create_index('ix_redaction_boxes_file_id', 'redaction_boxes', ['file_id'], unique=False)

    op.create_index('ix_cases_outcome_answered', 'cases', ['outcome', 'answered_at'], unique=False)
    _create_search_index()


def _create_search_index():
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DDL if dialect == 'sqlite' else POSTGRESQL_DDL if dialect == 'postgresql' else ():
        op.execute(statement)


def downgrade():
    op.drop_index('ix_cases_outcome_answered', table_name='cases')
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    op.drop_table('redaction_boxes')
    op.drop_table('disclosure_files')
    op.drop_table('disclosures')
