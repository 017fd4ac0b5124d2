"""the chain of remedies after the head of the body (arts. 20–21) and the inadmissible outcome

Revision ID: i8a_chain
Revises: i8c_dates
Create Date: 2026-12-01

Adds to cases the reason of an inadmissible request and the remedies recorded
after the head of the body (complaint to the CDAI and its decision, court case and
judgment). Cases whose head upheld the refusal were closed at once before this
revision; they stay closed (their CDAI window clock, if still running, runs on).
"""
import sqlalchemy as sa
from alembic import op

revision = "i8a_chain"
down_revision = "i8c_dates"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("inadmissible_reason", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("remedies", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("remedies")
        batch.drop_column("inadmissible_reason")
