"""The public page of the rules applied: /deadlines, "Délais légaux" / "الآجال القانونية" (issue 8 §3)."""
import re
from datetime import datetime

import pytest

from tests.app.views.test_status_dates import frozen
from workflows.statute import PERIODS


def page(client, lang: str, when: datetime = datetime(2026, 5, 1, 10, 0)) -> str:
    with frozen(when):
        response = client.get(f"/deadlines?lang={lang}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def row(html: str, name: str) -> str:
    return html.split(f'id="period-{name}"')[1].split("</tr>")[0]


def test_every_period_is_listed_with_its_days_counting_article_and_who_acts(ctx, client):
    html = page(client, "fr")
    assert "<title>Délais légaux" in html or "Délais légaux</h1>" in html
    assert re.findall(r'id="period-(\w+)"', html) == list(PERIODS)
    answer = row(html, "answer")
    assert "Délai de réponse à la demande" in answer and "20 jours ouvrables" in answer
    assert "art. 16" in answer and "L'administration" in answer
    cdai = row(html, "cdai_window")
    assert "30 jours" in cdai and "ouvrables" not in cdai and "Le demandeur" in cdai
    for name, rule in PERIODS.items():
        assert ("reste à confirmer" in row(html, name)) is rule.confirm, name


def test_the_holiday_tables_of_this_year_and_the_next_say_estimated_or_confirmed(ctx, client):
    html = page(client, "fr")
    this_year = html.split('id="holidays-2026"')[1].split("</section>")[0]
    assert "Jours fériés et fermetures exceptionnelles en 2026" in this_year
    eid = [r for r in this_year.split("<tr>") if "27 mai 2026" in r][0]
    assert "Aïd al-Adha" in eid and "Estimé" in eid
    fitr = [r for r in this_year.split("<tr>") if "20 mars 2026" in r][0]
    assert "Confirmé" in fitr
    assert 'id="holidays-2027"' in html and 'id="holidays-2025"' not in html


def test_the_arabic_page_reads_right_to_left_with_the_plural_forms(ctx, client):
    html = page(client, "ar")
    assert 'dir="rtl"' in html and "الآجال القانونية" in html
    assert "20 يوم عمل" in row(html, "answer")
    assert "3 أيام عمل" in row(html, "urgent_answer")
    eid = [r for r in html.split('id="holidays-2026"')[1].split("<tr>") if "عيد الأضحى" in r][0]
    assert "تقديري" in eid


@pytest.mark.parametrize("path", ["/", "/status"])
def test_the_portal_links_to_it(ctx, client, path):
    assert 'href="/deadlines"' in client.get(path + "?lang=fr").get_data(as_text=True)


def test_no_personal_data(ctx, client, register):
    registered = register(received_at=datetime(2026, 5, 10, 9, 0))
    html = page(client, "fr")
    assert registered.case.reference not in html and registered.case.party.last_name not in html
