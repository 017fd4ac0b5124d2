"""h2-find: queues and taking work, search, notes, tags, links, auto-assignment

Adds to ``cases`` the art. 17 ruling and the derived list columns (body deadline,
priority) with their indexes; the tables of notes, tags, links, unit policies and
the folded search documents; and each engine's full-text index over them: an FTS5
table (trigram) with its triggers on SQLite, the pg_trgm extension and a GIN index on
PostgreSQL. Existing cases get their derived columns and search documents.

Revision ID: i5b_find
Revises: i7a_public
Create Date: 2026-12-01 09:00:00
"""
from alembic import op
import sqlalchemy as sa

from app.models.search import POSTGRESQL_DDL, POSTGRESQL_EXTENSION, SQLITE_DDL
from app.text_folding import fold
from workflows.statute import PERIODS, Party

# revision identifiers, used by Alembic.
revision = 'i5b_find'
down_revision = 'i7a_public'
branch_labels = None
depends_on = None

BODY_PERIODS = tuple(sorted(name for name, rule in PERIODS.items() if rule.party is Party.BODY))


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('urgency_ruled_out_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('body_deadline', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('priority', sa.SmallInteger(), nullable=False, server_default='2'))
        batch_op.create_index('ix_cases_priority', ['priority', 'body_deadline', 'id'], unique=False)
        batch_op.create_index('ix_cases_kind_priority', ['kind', 'priority', 'body_deadline', 'id'], unique=False)
        batch_op.create_index('ix_cases_received', ['received_at', 'id'], unique=False)
        batch_op.create_index('ix_cases_kind_received', ['kind', 'received_at', 'id'], unique=False)

    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_tags_name'))
    )
    op.create_table('case_tags',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_tags_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_case_tags_tag_id_tags')),
    sa.PrimaryKeyConstraint('case_id', 'tag_id', name=op.f('pk_case_tags'))
    )
    with op.batch_alter_table('case_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_tags_tag_id'), ['tag_id'], unique=False)

    op.create_table('case_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_case_notes_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_notes_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_notes'))
    )
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_notes_case_id'), ['case_id'], unique=False)

    op.create_table('case_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('linked_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('case_id <> linked_id', name=op.f('ck_case_links_not_itself')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_links_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_case_links_created_by_id_users')),
    sa.ForeignKeyConstraint(['linked_id'], ['cases.id'], name=op.f('fk_case_links_linked_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_links')),
    sa.UniqueConstraint('case_id', 'linked_id', name=op.f('uq_case_links_case_id'))
    )
    with op.batch_alter_table('case_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_links_linked_id'), ['linked_id'], unique=False)

    op.create_table('unit_policies',
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('assignment', sa.String(length=20), nullable=False),
    sa.Column('rotation', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_unit_policies_updated_by_id_users')),
    sa.PrimaryKeyConstraint('unit', name=op.f('pk_unit_policies'))
    )

    op.create_table('case_search',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_search_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_search'))
    )
    _create_search_index()
    _backfill()


def _create_search_index():
    """The engine's own full-text index over ``case_search`` (see ``app.models.search``)."""
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for statement in SQLITE_DDL:
            op.execute(statement)
    elif dialect == 'postgresql':
        available = op.get_bind().execute(sa.text(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).scalar()
        if not available:
            raise RuntimeError("PostgreSQL's pg_trgm extension is needed (package postgresql-contrib)")
        op.execute(POSTGRESQL_EXTENSION)
        for statement in POSTGRESQL_DDL:
            op.execute(statement)


def _backfill():
    """Derived list columns in SQL; search documents folded in Python (one folding, ``app.text_folding``)."""
    bind = op.get_bind()
    periods = ", ".join(f"'{p}'" for p in BODY_PERIODS)
    bind.execute(sa.text(
        "UPDATE cases SET body_deadline = (SELECT min(last_day) FROM clocks WHERE clocks.case_id = cases.id "
        f"AND clocks.status = 'running' AND clocks.period IN ({periods}))"))
    bind.execute(sa.text(
        "UPDATE cases SET priority = CASE WHEN body_deadline IS NULL THEN 2 WHEN urgent THEN 0 ELSE 1 END"))
    rows = bind.execute(sa.text(
        "SELECT cases.id, reference, first_name, last_name, id_number, subject, information_requested, "
        "description FROM cases JOIN parties ON parties.id = cases.party_id")).all()
    documents = [{"case_id": row[0], "document": " ".join(f for f in map(fold, row[1:]) if f)} for row in rows]
    if documents:
        bind.execute(sa.text("INSERT INTO case_search (case_id, document) VALUES (:case_id, :document)"),
                     documents)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        op.execute("DROP TABLE IF EXISTS case_search_fts")
    op.drop_table('case_search')
    op.drop_table('unit_policies')
    with op.batch_alter_table('case_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_links_linked_id'))
    op.drop_table('case_links')
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_notes_case_id'))
    op.drop_table('case_notes')
    with op.batch_alter_table('case_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_tags_tag_id'))
    op.drop_table('case_tags')
    op.drop_table('tags')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_kind_received')
        batch_op.drop_index('ix_cases_received')
        batch_op.drop_index('ix_cases_kind_priority')
        batch_op.drop_index('ix_cases_priority')
        batch_op.drop_column('priority')
        batch_op.drop_column('body_deadline')
        batch_op.drop_column('urgency_ruled_out_at')
