"""Fast at scale (issue 6): the partial index on running clocks, the outbox's retry
back-off and failure reason, the holiday recompute jobs.

Revision ID: i6_fast
Revises: i9b_disclosure
Create Date: 2026-11-30 22:21:32.650174

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i6_fast'
down_revision = 'i9b_disclosure'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recompute_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('changed_days', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('processed', sa.Integer(), nullable=False),
    sa.Column('moved', sa.Integer(), nullable=False),
    sa.Column('cases_moved', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_recompute_jobs_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recompute_jobs'))
    )
    with op.batch_alter_table('recompute_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recompute_jobs_status'), ['status'], unique=False)

    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.create_index('ix_clocks_running_last_day', ['last_day', 'id'], unique=False, sqlite_where=sa.text("status = 'running'"), postgresql_where=sa.text("status = 'running'"))

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('failure', sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('failure')
        batch_op.drop_column('next_attempt_at')

    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.drop_index('ix_clocks_running_last_day', sqlite_where=sa.text("status = 'running'"), postgresql_where=sa.text("status = 'running'"))

    with op.batch_alter_table('recompute_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recompute_jobs_status'))

    op.drop_table('recompute_jobs')
