"""The dates an applicant reads on the status page, with time frozen, against LAW.md §5's worked examples."""
from datetime import datetime, timezone

import pytest
import time_machine

from app.services.registration import register_case
from tests.app.views.test_portal_support import database, portal  # noqa: F401
from tests.conftest import REQUEST

URGENT = {**REQUEST, "urgent": True, "urgency_reason": "Une intervention chirurgicale dépend de ce dossier."}


def frozen(moment: datetime):
    """Freeze every clock (services, views) at ``moment`` (naive = UTC)."""
    return time_machine.travel(moment.replace(tzinfo=timezone.utc), tick=False)


def status_page(portal, client, received_at: datetime, data=REQUEST, lang="fr") -> str:
    with frozen(received_at):
        with database(portal):
            registered = register_case("information_request", data, received_at=received_at)
            reference, code = registered.case.reference, registered.access_code
        client.post("/status", data={"reference": reference, "access_code": code})
        return client.get(f"/status/{reference}?lang={lang}").get_data(as_text=True)


# (moment of receipt in UTC, the last day written out as the page writes it, working days left on day 0)
WORKED_EXAMPLES = [
    (datetime(2025, 2, 3, 10, 0), "lundi 3 mars 2025", 20),
    (datetime(2025, 3, 27, 10, 0), "lundi 28 avril 2025", 20),      # crosses Eid al-Fitr
    (datetime(2025, 6, 6, 10, 0), "mardi 8 juillet 2025", 20),      # Eid al-Adha, closure, 1 Muharram
    (datetime(2025, 11, 6, 10, 0), "vendredi 5 décembre 2025", 20),  # received on a holiday, by e-mail
    (datetime(2026, 3, 9, 10, 0), "mercredi 8 avril 2026", 20),     # Eid al-Fitr 2026 and the closure
    (datetime(2025, 1, 10, 10, 0), "lundi 10 février 2025", 20),
]


@pytest.mark.parametrize("received_at, last_day, days_left", WORKED_EXAMPLES)
def test_the_status_page_gives_the_worked_examples_due_dates(portal, client, received_at, last_day, days_left):
    page = status_page(portal, client, received_at)
    assert last_day in page
    assert f"<dd>{days_left} jours ouvrables</dd>" in page


def test_an_urgent_request_reads_three_working_days(portal, client):
    # Wed 2025-08-13, urgent: due Tue 2025-08-19 (14 Aug and the 20–21 Aug holidays do not count).
    page = status_page(portal, client, datetime(2025, 8, 13, 10, 0), URGENT)
    assert "mardi 19 août 2025" in page


def test_receipt_late_in_the_evening_counts_from_the_casablanca_date(portal, client):
    # 23:30 UTC on Sun 2025-02-02 is already Mon 2025-02-03 in Casablanca (UTC+1): due Mon 2025-03-03.
    page = status_page(portal, client, datetime(2025, 2, 2, 23, 30))
    assert "lundi 3 février 2025" in page and "lundi 3 mars 2025" in page


def test_the_arabic_page_writes_the_same_last_day(portal, client):
    page = status_page(portal, client, datetime(2025, 2, 3, 10, 0), lang="ar")
    assert "3 مارس 2025" in page
