"""Delivery of letters (issue 8 §1): letter_deliveries; clocks that await a letter's receipt.

Revision ID: i8b_receipt
Revises: i8a_chain
Create Date: 2026-12-01 01:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i8b_receipt'
down_revision = 'i8a_chain'
branch_labels = None
depends_on = None

RUNNING = sa.text("status = 'running'")


def upgrade():
    op.create_table('letter_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_letter_deliveries_case_id_cases')),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], name=op.f('fk_letter_deliveries_letter_id_letters')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                            name=op.f('fk_letter_deliveries_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_deliveries')),
    sa.UniqueConstraint('letter_id', name=op.f('uq_letter_deliveries_letter_id'))
    )
    with op.batch_alter_table('letter_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_deliveries_case_id'), ['case_id'], unique=False)

    # The partial index is dropped and made again around the table rebuild (SQLite).
    op.drop_index('ix_clocks_running_last_day', table_name='clocks', sqlite_where=RUNNING, postgresql_where=RUNNING)
    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('letter_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_clocks_letter_id_letters'), 'letters', ['letter_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.alter_column('started_on', existing_type=sa.Date(), nullable=True)
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=True)
        batch_op.alter_column('last_day', existing_type=sa.Date(), nullable=True)
        batch_op.alter_column('status', existing_type=sa.String(length=10), type_=sa.String(length=20),
                              existing_nullable=False)
    op.create_index('ix_clocks_running_last_day', 'clocks', ['last_day', 'id'], unique=False,
                    sqlite_where=RUNNING, postgresql_where=RUNNING)


def downgrade():
    op.drop_index('ix_clocks_running_last_day', table_name='clocks', sqlite_where=RUNNING, postgresql_where=RUNNING)
    op.execute("DELETE FROM clocks WHERE status = 'awaiting_delivery'")
    with op.batch_alter_table('clocks', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=20), type_=sa.String(length=10),
                              existing_nullable=False)
        batch_op.alter_column('last_day', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('started_on', existing_type=sa.Date(), nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_clocks_letter_id_letters'), type_='foreignkey')
        batch_op.drop_column('letter_id')
    op.create_index('ix_clocks_running_last_day', 'clocks', ['last_day', 'id'], unique=False,
                    sqlite_where=RUNNING, postgresql_where=RUNNING)

    with op.batch_alter_table('letter_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_deliveries_case_id'))
    op.drop_table('letter_deliveries')
