"""Provisional dates (issue 8 §3): a clock whose count depends on an estimated holiday.

Revision ID: i8c_dates
Revises: i6_fast
Create Date: 2026-12-01 01:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i8c_dates'
down_revision = 'i6_fast'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provisional', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.drop_column('provisional')
