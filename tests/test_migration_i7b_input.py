"""Migration i7b_input: organisations' columns, and stored card numbers and phones in their canonical spelling."""
from flask_migrate import upgrade
from sqlalchemy import text

from app import MIGRATIONS_DIR, create_app
from app.extensions import db
from config import TestConfig
from tests.test_migrations import empty_database_url  # noqa: F401

PARTIES = [  # id, id_number as stored before, phone as stored before → after
    (1, "sh ١٢٣٤٥٦", "06 61 23 45 67", "SH123456", "+212661234567"),
    (2, "BE-123456", "+212 5 28 89 12 34", "BE123456", "+212528891234"),
    (3, "SH123456", None, "SH123456", None),
    (4, "x\u200f12", "not a phone", "X12", "not a phone"),
]


def test_upgrade_rewrites_stored_identities_and_makes_everyone_a_person(empty_database_url, tmp_path):  # noqa: F811
    class Config(TestConfig):
        INSTANCE_DIR = tmp_path
        SQLALCHEMY_DATABASE_URI = empty_database_url

    fresh = create_app(Config)
    with fresh.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="i7b_input-1")
        with db.engine.begin() as conn:
            for pid, id_number, phone, _, _ in PARTIES:
                conn.execute(text("INSERT INTO parties (id, first_name, last_name, id_number, address, phone) "
                                  "VALUES (:id, 'أحمد', 'البناني', :n, 'العيون', :p)"),
                             {"id": pid, "n": id_number, "p": phone})
        upgrade(directory=str(MIGRATIONS_DIR), revision="i7b_input")
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, id_number, phone, applicant_type, organisation_name "
                                     "FROM parties ORDER BY id")).all()
        db.engine.dispose()
    assert [tuple(r) for r in rows] == [(pid, n, p, "person", None) for pid, _, _, n, p in PARTIES]
