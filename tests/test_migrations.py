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
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        db.engine.dispose()
    assert diff == []
