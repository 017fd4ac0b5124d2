"""h1-deliver (issue 5 §1, §4): released documents, letter drafts and their sign-off, text modules;
an answer's withheld parts and delivery details on cases.

Revision ID: i5a_deliver
Revises: i5c_talk
Create Date: 2026-11-30 22:18:44.018884

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i5a_deliver'
down_revision = 'i5c_talk'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('text_modules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body_ar', sa.Text(), nullable=False),
    sa.Column('body_fr', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_text_modules_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_text_modules')),
    sa.UniqueConstraint('title', name=op.f('uq_text_modules_title'))
    )
    op.create_table('letter_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=40), nullable=False),
    sa.Column('letter_kind', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('approver_role', sa.String(length=30), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('approver_id', sa.Integer(), nullable=True),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['approver_id'], ['users.id'], name=op.f('fk_letter_drafts_approver_id_users')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_letter_drafts_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_letter_drafts_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_drafts'))
    )
    with op.batch_alter_table('letter_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_drafts_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_letter_drafts_status_approver_role', ['status', 'approver_role'], unique=False)

    op.create_table('released_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('released_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_released_documents_case_id_cases')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_released_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_released_documents')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_released_documents_stored_name'))
    )
    with op.batch_alter_table('released_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_released_documents_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withheld', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('delivery', sa.JSON(), nullable=True))



def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('delivery')
        batch_op.drop_column('withheld')

    with op.batch_alter_table('released_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_released_documents_case_id'))

    op.drop_table('released_documents')
    with op.batch_alter_table('letter_drafts', schema=None) as batch_op:
        batch_op.drop_index('ix_letter_drafts_status_approver_role')
        batch_op.drop_index(batch_op.f('ix_letter_drafts_case_id'))

    op.drop_table('letter_drafts')
    op.drop_table('text_modules')
