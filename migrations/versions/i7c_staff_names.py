"""Staff names in both scripts (issue 7 §2): ``full_name_ar`` beside the Latin-script ``full_name``.

Revision ID: i7c_names
Revises: i7b_input (main's head when h7c-language merged main)
Create Date: 2026-12-01 01:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i7c_names'
down_revision = 'i7b_input'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('full_name_ar', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('full_name_ar')
