"""public side: staff sessions, API tokens, access log, e-mail confirmation, retention

Revision ID: i7a_public
Revises: i5a_deliver
Create Date: 2026-12-02 09:00:00

- ``staff_sessions``: server-side record of each staff sign-in (signing out ends it everywhere).
- ``api_tokens``: named, expiring, revocable bearer tokens; the one token a user had
  (``users.api_token_hash``) is carried over with 90 days to live, then the column goes.
- ``access_log``: who viewed or downloaded which case's personal data.
- ``parties``: e-mail confirmation and anonymisation dates; an index on the CNIE number
  (export of everything held about one applicant).
- ``cases.closed_at`` indexed: the retention job reads cases closed before a date.
"""
from datetime import datetime, timedelta, timezone

from alembic import op
import sqlalchemy as sa


revision = 'i7a_public'
down_revision = 'i5a_deliver'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('staff_sessions',
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_staff_sessions_user_id_users')),
    sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_staff_sessions'))
    )
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users')),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_api_tokens_revoked_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('access_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=20), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=5), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_access_log_case_id_cases')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_access_log_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_log'))
    )
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.create_index('ix_access_log_case_id_id', ['case_id', 'id'], unique=False)
        batch_op.create_index('ix_access_log_user_id_id', ['user_id', 'id'], unique=False)

    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('email_confirmed_by', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_parties_id_number'), ['id_number'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_closed_at'), ['closed_at'], unique=False)

    _carry_tokens_over()
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_api_token_hash'), type_='unique')
        batch_op.drop_column('api_token_hash')


def _carry_tokens_over():
    """Each user's single token becomes a named token that expires in 90 days."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('api_token_hash', sa.String))
    tokens = sa.table('api_tokens', sa.column('user_id', sa.Integer), sa.column('name', sa.String),
                      sa.column('token_hash', sa.String), sa.column('created_at', sa.DateTime),
                      sa.column('expires_at', sa.DateTime))
    conn = op.get_bind()
    rows = conn.execute(sa.select(users.c.id, users.c.api_token_hash)
                        .where(users.c.api_token_hash.is_not(None))).all()
    if rows:
        conn.execute(tokens.insert(), [{"user_id": uid, "name": "token", "token_hash": digest,
                                        "created_at": now, "expires_at": now + timedelta(days=90)}
                                       for uid, digest in rows])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('api_token_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_api_token_hash'), ['api_token_hash'])

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_closed_at'))

    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parties_id_number'))
        batch_op.drop_column('anonymised_at')
        batch_op.drop_column('email_confirmed_by')
        batch_op.drop_column('email_confirmed_at')

    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_index('ix_access_log_user_id_id')
        batch_op.drop_index('ix_access_log_case_id_id')
    op.drop_table('access_log')

    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))
    op.drop_table('api_tokens')

    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_sessions_user_id'))
    op.drop_table('staff_sessions')
