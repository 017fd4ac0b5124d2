"""Three indexes fewer to maintain on every write (issue 6): each duplicated another.

``ix_cases_kind`` is the first column of ``ix_cases_kind_received``,
``ix_cases_kind_priority`` and ``ix_cases_kind_received_on``; ``ix_clocks_status`` is the
first column of ``ix_clocks_status_last_day``; ``ix_clocks_last_day`` serves no query
(running clocks are read through ``ix_clocks_running_last_day``, others through
``ix_clocks_status_last_day``). A holiday recompute rewrites tens of thousands of case
and clock rows, and every row written rewrote these entries too.

Revision ID: i6b_indexes
Revises: i7c_names
Create Date: 2026-12-01 10:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'i6b_indexes'
down_revision = 'i7c_names'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_kind')
    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.drop_index('ix_clocks_status')
        batch_op.drop_index('ix_clocks_last_day')


def downgrade():
    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.create_index('ix_clocks_last_day', ['last_day'], unique=False)
        batch_op.create_index('ix_clocks_status', ['status'], unique=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_kind', ['kind'], unique=False)
