"""The status page through the chain after the head of the body (arts. 20–21), time frozen.

Dates by hand (LAW.md §4): request received Mon 2025-10-27; complaint to the head
received Mon 2025-11-03 → head's decision due Wed 2025-11-26 (15 WD, §5). The head
stays silent: the CDAI window runs from 2025-11-26 (day 0) and ends Fri 2025-12-26
(+30). Complaint to the CDAI filed Mon 2025-12-22 → its period ends Wed 2026-01-21.
The CDAI stays silent: the court window ends Sun 2026-03-22 (+60); that is not a
working day and Mon 23 Mar 2026 is a closure, so it stays open to Tue 2026-03-24.
"""
import html
from datetime import datetime, timezone

import pytest
import time_machine

from app.extensions import db
from app.services.cases import fire
from app.services.deadlines import sweep
from app.services.registration import register_case
from tests.app.views.test_portal_status import officers  # noqa: F401  (fixture)
from tests.app.views.test_portal_support import case_of, database, portal  # noqa: F401
from tests.conftest import REQUEST

RECEIVED = datetime(2025, 10, 27, 9, 0)


def frozen(moment: datetime):
    return time_machine.travel(moment.replace(tzinfo=timezone.utc), tick=False)


def _user(name):
    from app.models.user import User

    return db.session.execute(db.select(User).filter_by(username=name)).scalar_one()


@pytest.fixture
def appealed(portal, officers):  # noqa: F811
    """(reference, access code) of a refused request complained of to the head on Mon 2025-11-03."""
    with database(portal):
        registered = register_case("information_request", REQUEST, received_at=RECEIVED, now=RECEIVED)
        case = registered.case
        fire(case, "assign", {"officer": "officer"}, actor=_user("supervisor"), now=datetime(2025, 10, 28, 10))
        fire(case, "answer", {"outcome": "refused", "grounds": ["exception_art7"], "text": "x"},
             actor=_user("officer"), now=datetime(2025, 10, 31, 10))
        fire(case, "complain_to_head", {"text": "Je conteste."}, applicant=True, now=datetime(2025, 11, 3, 10))
        return case.reference, registered.access_code


def page(client, reference, code, moment, lang="fr"):
    with frozen(moment):
        client.post("/status", data={"reference": reference, "access_code": code})
        return html.unescape(client.get(f"/status/{reference}?lang={lang}").get_data(as_text=True))


def act(portal, reference, trigger, payload, moment):
    with frozen(moment), database(portal):
        fire(case_of(portal, reference), trigger, payload, actor=_user("supervisor"), now=moment)


def test_a_silent_head_opens_the_cdai_window_the_day_after_his_period(portal, client, appealed):
    reference, code = appealed
    before = page(client, reference, code, datetime(2025, 11, 26, 12))
    assert "mercredi 26 novembre 2025" in before and "chafafiya.ma" not in before
    portal.config.update(CDAI_POSTAL_ADDRESS="Avenue Annakhil, Hay Riad, Rabat", CDAI_EMAIL="cdai@example.ma")
    try:
        with frozen(datetime(2025, 11, 27, 8)), database(portal):
            assert sweep().remedies == 1
        after = page(client, reference, code, datetime(2025, 11, 27, 10))
        arabic = page(client, reference, code, datetime(2025, 11, 27, 10), lang="ar")
    finally:
        portal.config.update(CDAI_POSTAL_ADDRESS="", CDAI_EMAIL="")
    assert "Pas de décision du chef de l'organisme dans le délai" in after
    assert "Vous pouvez saisir la Commission du droit d'accès à l'information (CDAI, art. 20) jusqu'au" in after
    assert "vendredi 26 décembre 2025" in after
    assert "Avenue Annakhil, Hay Riad, Rabat" in after and "cdai@example.ma" in after and "chafafiya.ma" in after
    assert "Délai du chef de l'organisme expiré sans décision" in after   # the milestone
    assert "26 دجنبر 2025" in arabic and "Avenue Annakhil" in arabic


def test_between_the_expiry_and_the_sweep_the_page_already_gives_the_cdai_window(portal, client, appealed):
    reference, code = appealed
    early = page(client, reference, code, datetime(2025, 11, 27, 0, 30))   # 01:30 in Casablanca
    assert "vendredi 26 décembre 2025" in early and "chafafiya.ma" in early


def test_the_whole_chain_to_the_court_with_every_last_day(portal, client, appealed):
    reference, code = appealed
    with frozen(datetime(2025, 11, 27, 8)), database(portal):
        sweep()
    act(portal, reference, "complain_to_cdai", {"filed_on": "2025-12-22", "cdai_reference": "CDAI-2025-117"},
        datetime(2025, 12, 23, 10))
    at_cdai = page(client, reference, code, datetime(2025, 12, 23, 11))
    assert "Plainte devant la Commission du droit d'accès à l'information (CDAI) en cours" in at_cdai
    assert "La CDAI doit statuer sur votre plainte au plus tard le" in at_cdai
    assert "mercredi 21 janvier 2026" in at_cdai and "CDAI-2025-117" in at_cdai
    assert "chafafiya.ma" not in at_cdai            # the CDAI route is taken: no contact block any more
    with frozen(datetime(2026, 1, 22, 8)), database(portal):
        assert sweep().remedies == 1
    court = page(client, reference, code, datetime(2026, 1, 22, 10))
    assert "Vous pouvez former un recours devant le tribunal administratif (art. 21) jusqu'au" in court
    assert "mardi 24 mars 2026" in court and "dimanche 22 mars 2026" in court   # both dates (LAW.md §4.4)
    act(portal, reference, "record_court_case", {"filed_on": "2026-03-24", "court_reference": "TA-RBT-2026-88"},
        datetime(2026, 3, 25, 10))
    in_court = page(client, reference, code, datetime(2026, 3, 25, 11))
    assert "Le recours est pendant devant le tribunal administratif" in in_court and "TA-RBT-2026-88" in in_court
    act(portal, reference, "record_judgment", {"decided_on": "2026-06-30", "decision": "for_applicant"},
        datetime(2026, 7, 1, 10))
    delivered = page(client, reference, code, datetime(2026, 7, 1, 11))
    # The delivery clock (policy, 20 working days) from Wed 2026-07-01: Thu 2 Jul is day 1 → Wed 2026-07-29.
    assert "en votre faveur : l'information doit vous être communiquée" in delivered
    assert "La réponse de l'administration est attendue au plus tard le" in delivered
    assert "mercredi 29 juillet 2026" in delivered


def test_an_inadmissible_answer_states_its_reason(portal, client, officers):  # noqa: F811
    with database(portal):
        registered = register_case("information_request", REQUEST, received_at=RECEIVED, now=RECEIVED)
        case = registered.case
        fire(case, "assign", {"officer": "officer"}, actor=_user("supervisor"), now=datetime(2025, 10, 28, 10))
        fire(case, "answer", {"outcome": "inadmissible", "inadmissible_reason": "not_entitled", "text": "x"},
             actor=_user("officer"), now=datetime(2025, 10, 31, 10))
        reference, code = case.reference, registered.access_code
    shown = page(client, reference, code, datetime(2025, 11, 3, 10))
    assert "Votre demande a été déclarée irrecevable" in shown
    assert "le demandeur n'est pas au nombre des personnes ayant droit d'accès à l'information" in shown
    assert "art. 3–4" in shown
