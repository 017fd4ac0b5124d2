"""The browser suite's fixtures: a live Nafida in a thread, Debian's Chromium driven by Playwright.

The server is the real application (CSRF on, rate limits off) served by werkzeug on a
free port of 127.0.0.1, against a temporary SQLite database seeded with the demo data
(`flask demo load`). Browser tests run on SQLite only: the PostgreSQL pass of the suite
deselects them (the rest of the suite covers PostgreSQL).

Chromium is Debian's (`apt-get install chromium`, which `make test` does through the
``system`` target); Playwright's own browser downloads are never used. Without it the
tests fail with the way to install it, unless ``NAFIDA_SKIP_BROWSER=1`` says to skip.
"""
from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from config import TestConfig

CHROMIUM = os.environ.get("NAFIDA_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("NAFIDA_BROWSER_SHOTS", "/tmp/h7d-shots"))
MISSING = (f"Debian's chromium is not installed ({CHROMIUM} not found): the browser tests need it. "
           "Install it with `sudo apt-get install -y chromium` (or run `make system`), "
           "or set NAFIDA_SKIP_BROWSER=1 to skip the browser tests.")


def chromium_path() -> str:
    """The Chromium executable; pytest.fail (or skip with NAFIDA_SKIP_BROWSER=1) when it is missing."""
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if path:
        return path
    if os.environ.get("NAFIDA_SKIP_BROWSER") == "1":
        pytest.skip("NAFIDA_SKIP_BROWSER=1: " + MISSING)
    pytest.fail(MISSING, pytrace=False)


@dataclass
class LiveSite:
    """The running server: its base URL and the demo data a person would use."""

    url: str
    app: object
    codes: dict          # demo reference -> its access code (shown once at the load)

    def at(self, path: str) -> str:
        return self.url + path


def start_site(instance: Path):
    """Serve Nafida on a free port of 127.0.0.1 with the demo data; returns (LiveSite, stop)."""
    from werkzeug.serving import make_server

    from app import create_app
    from app.extensions import db
    from app.seed.loader import load_demo

    class Config(TestConfig):
        INSTANCE_DIR = instance
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{instance / 'browser.db'}"
        ATTACHMENTS_DIR = instance / "attachments"
        MAIL_OUTBOX_DIR = instance / "outbox"
        WTF_CSRF_ENABLED = True          # the forms as a person posts them

    application = create_app(Config)
    with application.app_context():
        db.create_all()
        report = load_demo()
        codes = {c.reference: c.access_code for c in report.cases}
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        thread.join(timeout=10)

    return LiveSite(f"http://127.0.0.1:{server.server_port}", application, codes), stop


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """Nafida served on a free port, with the demo staff and cases; stopped after the session."""
    from tests.conftest import stub_pdf

    patch = pytest.MonkeyPatch()
    patch.setattr("app.services.letters.render_pdf", stub_pdf)   # letters' templates run; WeasyPrint does not
    site, stop = start_site(tmp_path_factory.mktemp("browser-instance"))
    yield site
    stop()
    patch.undo()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's, never a downloaded one)."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, live_site):
    """Factory: open_page(width, lang) → a fresh Playwright page (own cookies) of that width."""
    contexts = []

    def _open(width: int = 1280, lang: str = "ar"):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale=lang)
        contexts.append(context)
        context.set_default_timeout(5000)
        context.set_default_navigation_timeout(30000)   # the first statistics page computes its figures
        page = context.new_page()
        page.goto(live_site.at(f"/?lang={lang}"))
        return page

    yield _open
    for context in contexts:
        context.close()
