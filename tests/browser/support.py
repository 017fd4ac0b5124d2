"""What every page must pass in the browser: axe-core (WCAG 2.0/2.1 A and AA, and best
practices) with no violation, and no horizontal overflow at the width it is shown."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SHOTS

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
PHONE, SMALL_PHONE, DESKTOP = 390, 320, 1280
WIDTHS = (DESKTOP, PHONE, SMALL_PHONE)
_axe = Axe()


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now: ['rule-id: target …', …] (empty when clean)."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"][:5])
            for v in results.response["violations"]]


def overflow(page) -> int:
    """Pixels by which the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def check_page(page, what: str) -> None:
    """Assert 0 axe violations and no horizontal overflow; ``what`` names the page in the message."""
    problems = axe_violations(page)
    assert not problems, f"{what} ({page.url}): axe violations:\n" + "\n".join(problems)
    extra = overflow(page)
    assert extra <= 0, f"{what} ({page.url}): {extra} px wider than the {page.viewport_size['width']} px screen"


def shot(page, name: str) -> None:
    """Keep a full-page screenshot under SHOTS (for a person to look at)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def submit(page, selector: str = "main form button[type=submit] >> nth=-1") -> None:
    """Click a form's button and wait until the answer's page has loaded (its scripts have run)."""
    page.click(selector)
    page.wait_for_load_state("load")


def focus_is_on(page, css_class: str) -> bool:
    """True when the focused element carries ``css_class``."""
    return page.evaluate(f"!!document.activeElement && document.activeElement.classList.contains('{css_class}')")
