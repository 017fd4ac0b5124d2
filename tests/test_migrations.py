"""Migrations: one head, and upgrading an empty database gives exactly the models' schema."""
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from app import MIGRATIONS_DIR, create_app
from app.extensions import db
from app.models.search import is_search_object
from config import TestConfig, database_url
from tests.conftest import PG_URL


def test_one_migration_head(app):
    with app.app_context():
        script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config(str(MIGRATIONS_DIR)))
        assert len(script.get_heads()) == 1


@pytest.fixture
def empty_database_url(tmp_path):
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    url = make_url(database_url(PG_URL))
    name = f"nafida_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_matches_the_models(empty_database_url, tmp_path):
    class Config(TestConfig):
        INSTANCE_DIR = tmp_path
        SQLALCHEMY_DATABASE_URI = empty_database_url

    fresh = create_app(Config)
    with fresh.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": not_search_object})
            diff = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert diff == []


def not_search_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave out each engine's own full-text objects (FTS5 tables, GIN index): no model declares them."""
    return not is_search_object(name)


def test_the_migration_builds_the_search_index_and_documents(empty_database_url, tmp_path):
    """Upgrading a database that holds cases gives them their folded documents, found by the engine's index."""
    from datetime import datetime

    from app.services.case_search import CaseFilter, search_cases
    from app.services.calendar import working_calendar

    class Config(TestConfig):
        INSTANCE_DIR = tmp_path
        SQLALCHEMY_DATABASE_URI = empty_database_url

    fresh = create_app(Config)
    with fresh.app_context():
        upgrade(directory=str(MIGRATIONS_DIR), revision="2f0503a6a1c0")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO parties (id, first_name, last_name, id_number, address) "
                              "VALUES (1, 'أحمد', 'البناني', 'SH1', 'العيون')"))
            conn.execute(text(
                "INSERT INTO cases (id, reference, kind, state, channel, language, received_at, registered_at, "
                "access_code_hash, party_id, unit, urgent, extended, grounds, reopen_count, version, "
                "information_requested) VALUES (1, 'DAI-2025-000001', 'information_request', 'received', 'portal', "
                "'ar', :t, :t, 'x', 1, 'information', false, false, '[]', 0, 1, 'محضر الدورة')"),
                {"t": datetime(2025, 10, 27, 9)})
            conn.execute(text("INSERT INTO clocks (case_id, period, article, started_on, due_on, last_day, status, "
                              "created_at) VALUES (1, 'answer', '16', '2025-10-27', '2025-11-26', '2025-11-26', "
                              "'running', :t)"), {"t": datetime(2025, 10, 27, 9)})
        upgrade(directory=str(MIGRATIONS_DIR))
        from app.models.user import User

        viewer = User(username="v", full_name="v", role="viewer", password_hash="x")
        page = search_cases(viewer, CaseFilter(q="احمد"), datetime(2025, 11, 3).date(), working_calendar())
        assert [r.case.reference for r in page.rows] == ["DAI-2025-000001"]
        assert page.rows[0].last_day.isoformat() == "2025-11-26"
        db.session.remove()
        db.engine.dispose()
