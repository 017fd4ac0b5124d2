"""Input in any script (issue 7 §1): organisations as applicants (art. 4), and the identity
numbers and phones already stored rewritten in their one canonical spelling.

CNIE / residence-card numbers: NFKC, digits of any script made ASCII, invisible controls,
spaces and dashes removed, upper case. Phones: E.164 (region MA) when libphonenumber
reads them as a valid number; a value it cannot read is left as it was (staff correct it
on the personal-data page). Self-contained: the rules are copied here, not imported,
so that later changes to the application do not change what this migration did.

Revision ID: i7b_input
Revises: i8b_receipt
Create Date: 2026-12-01 01:50:00

"""
import re
import unicodedata

from alembic import op
import phonenumbers
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'i7b_input'
down_revision = 'i8b_receipt'
branch_labels = None
depends_on = None

INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
BATCH = 1000


def _identifier(value):
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", value))
    return re.sub(r"\d", lambda m: str(unicodedata.decimal(m.group())), text).strip()


def _id_number(value):
    return re.sub(r"[\s\-_.]+", "", _identifier(value)).upper() if value else value


def _phone(value):
    if not value:
        return value
    try:
        number = phonenumbers.parse(_identifier(value), "MA")
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def upgrade():
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applicant_type', sa.String(length=20), server_default='person',
                                      nullable=False))
        batch_op.add_column(sa.Column('organisation_name', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('registration_number', sa.String(length=40), nullable=True))
    _normalise_stored_identities()


def _normalise_stored_identities():
    parties = sa.table('parties', sa.column('id', sa.Integer), sa.column('id_number', sa.String),
                       sa.column('phone', sa.String))
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(sa.select(parties.c.id, parties.c.id_number, parties.c.phone)
                                  .where(parties.c.id > last).order_by(parties.c.id).limit(BATCH)).all()
        if not rows:
            break
        for row in rows:
            id_number, phone = _id_number(row.id_number), _phone(row.phone)
            if (id_number, phone) != (row.id_number, row.phone):
                connection.execute(sa.update(parties).where(parties.c.id == row.id)
                                   .values(id_number=id_number, phone=phone))
        last = rows[-1].id


def downgrade():
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_column('registration_number')
        batch_op.drop_column('organisation_name')
        batch_op.drop_column('applicant_type')
