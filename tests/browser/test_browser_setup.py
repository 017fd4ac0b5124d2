"""Without Debian's chromium the browser suite says so: it fails with the way to install it,
or skips when NAFIDA_SKIP_BROWSER=1 asks it to (these tests need no browser)."""
import pytest

from tests.browser import conftest as browser_setup


def test_a_missing_chromium_fails_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(browser_setup, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(browser_setup.shutil, "which", lambda name: None)
    monkeypatch.delenv("NAFIDA_SKIP_BROWSER", raising=False)
    with pytest.raises(pytest.fail.Exception) as failed:
        browser_setup.chromium_path()
    assert "apt-get install -y chromium" in str(failed.value) and "NAFIDA_SKIP_BROWSER=1" in str(failed.value)


def test_nafida_skip_browser_turns_the_failure_into_a_skip_with_the_reason(monkeypatch):
    monkeypatch.setattr(browser_setup, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(browser_setup.shutil, "which", lambda name: None)
    monkeypatch.setenv("NAFIDA_SKIP_BROWSER", "1")
    with pytest.raises(pytest.skip.Exception) as skipped:
        browser_setup.chromium_path()
    assert "chromium is not installed" in str(skipped.value)


def test_the_installed_chromium_is_found(monkeypatch, tmp_path):
    executable = tmp_path / "chromium"
    executable.write_text("")
    monkeypatch.setattr(browser_setup, "CHROMIUM", str(executable))
    assert browser_setup.chromium_path() == str(executable)
