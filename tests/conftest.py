"""Shared fixtures: one app per session, an emptied database per test.

The engine is SQLite (a temporary file) unless NAFIDA_TEST_DATABASE_URL names
another (the Makefile's second pass sets it to PostgreSQL). Tests marked
``postgres_only`` are deselected, not skipped, on SQLite: they run in the
PostgreSQL pass.
"""
import hashlib
import os
from datetime import datetime

import pytest

from config import TestConfig, database_url

PG_URL = os.environ.get("NAFIDA_TEST_DATABASE_URL")


def pytest_configure(config):
    config.addinivalue_line("markers", "postgres_only: needs PostgreSQL (row locks, real concurrency)")
    config.addinivalue_line("markers", "real_pdf: render letters with WeasyPrint (the PDF is what is tested)")
    config.addinivalue_line("markers", "slow: a slow test (demo data, many renders); `-m 'not slow'` skips them")


def pytest_terminal_summary(terminalreporter):
    """Say where the rate-limit tests counted: the real Redis, or (when none answered) in memory."""
    from tests.app.views.rate_limit_support import REDIS_URL, STORAGES_USED

    if "redis" in STORAGES_USED:
        terminalreporter.write_line(f"rate limits: tested against the Redis server at {REDIS_URL}")
    elif STORAGES_USED:
        terminalreporter.write_line(f"rate limits: NO Redis answered at {REDIS_URL}: tested with in-memory "
                                    "counts only (the shared-counts test was skipped)")


def pytest_collection_modifyitems(config, items):
    if PG_URL:   # the browser suite runs on SQLite only (tests/browser/conftest.py)
        dropped = [i for i in items if "browser" in i.keywords]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = [i for i in items if "browser" not in i.keywords]
        return
    keep = [i for i in items if "postgres_only" not in i.keywords]
    dropped = [i for i in items if "postgres_only" in i.keywords]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    from app import create_app
    from app.extensions import db

    instance = tmp_path_factory.mktemp("instance")

    class Config(TestConfig):
        INSTANCE_DIR = instance
        SQLALCHEMY_DATABASE_URI = database_url(PG_URL) if PG_URL else f"sqlite:///{instance / 'test.db'}"
        ATTACHMENTS_DIR = instance / "attachments"
        MAIL_OUTBOX_DIR = instance / "outbox"
        SERVER_NAME = "nafida.test"

    application = create_app(Config)
    with application.app_context():
        db.drop_all()
        db.create_all()
        _reference_data()
    yield application


def _reference_data():
    """The rows the migrations insert (the complaint categories), as in a migrated database."""
    from app.services.complaint_categories import seed_default_categories

    seed_default_categories()


@pytest.fixture(autouse=True)
def _clean_database(app):
    from app.extensions import db

    yield
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        _reference_data()


def stub_pdf(html: str, data_uris=(), fetcher=None) -> bytes:
    """A tiny valid PDF standing for a letter: the template ran, WeasyPrint did not."""
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
    return f"%PDF-1.4\n% nafida test letter {digest}\n%%EOF\n".encode("ascii")


@pytest.fixture(autouse=True)
def _letters_without_weasyprint(request, monkeypatch):
    """Letters render their template but not the PDF, except in tests marked ``real_pdf``."""
    if request.node.get_closest_marker("real_pdf") is None:
        monkeypatch.setattr("app.services.letters.render_pdf", stub_pdf)


@pytest.fixture
def ctx(app):
    """An application context, with the official holiday table seeded (LAW.md §3)."""
    from app.services.holidays import seed_official_holidays

    with app.app_context():
        seed_official_holidays()
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(ctx):
    """Factory: make_user("amina", "information_officer") → a committed User."""
    from app.extensions import db
    from app.models.user import DEFAULT_UNIT, Role, User

    def make(username, role, unit=None, password="Secret-pass-2026"):
        user = User(username=username, full_name=username.title(), role=Role(role).value,
                    unit=unit or (DEFAULT_UNIT.get(Role(role)).value if Role(role) in DEFAULT_UNIT else None))
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        return user
    return make


@pytest.fixture
def staff(make_user):
    """The usual cast: supervisor, information officer, complaints officer, head, admin, viewer."""
    return {name: make_user(name, role) for name, role in (
        ("supervisor", "supervisor"), ("officer", "information_officer"),
        ("complaints", "complaints_officer"), ("head", "head"), ("admin", "admin"), ("viewer", "viewer"))}


REQUEST = {
    "applicant": {"first_name": "سلمى", "last_name": "البناني", "id_number": "SH123456",
                  "address": "حي الوحدة، زنقة 12، العيون", "email": "salma.b@example.org",
                  "phone": "+212 6 61 23 45 67"},
    "information_requested": "نسخة من محضر الدورة العادية لمجلس الجهة لشهر أكتوبر 2023",
    "access_form": "electronic_copy", "language": "ar",
}

COMPLAINT = {
    "complainant": {"first_name": "Mina", "last_name": "Ouchen", "id_number": "SH202020",
                    "address": "Route de Smara, Laâyoune", "phone": "+212 6 55 44 33 22",
                    "email": "mina.ouchen@example.org"},
    "kind": "complaint", "category": "roads", "subject": "Route régionale dégradée",
    "description": "Le tronçon entre Laâyoune et Tarfaya au PK 37 est très dégradé.", "language": "fr",
}


@pytest.fixture
def register(ctx):
    """Factory: register("information_request", received_at=datetime(...)) → Registered (e-mail confirmed)."""
    from app.services.registration import register_case

    def make(kind="information_request", data=None, received_at=None, now=None, **kwargs):
        data = data or (REQUEST if kind == "information_request" else COMPLAINT)
        received_at = received_at or datetime(2025, 10, 27, 9, 0)
        # As at the counter, the applicant's e-mail address counts as proved, so letters are
        # e-mailed; pass email_verified_by=None for the portal's confirmation link.
        kwargs.setdefault("email_verified_by", "counter")
        return register_case(kind, data, received_at=received_at, now=now or received_at, **kwargs)
    return make
