"""The statistics pages: staff (role-checked, filters, charts with tables), public (no personal data), CSP."""
import base64
import re

import pytest

from tests.app.services.statistics_cases import build_year
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401
from tests.conftest import COMPLAINT, REQUEST

PERSONAL = [party[field] for party in (REQUEST["applicant"], COMPLAINT["complainant"])
            for field in ("first_name", "last_name", "id_number", "email", "phone", "address")]


@pytest.fixture
def year_2025(register, staff):
    return build_year(register, staff)


def _svgs(page: str) -> list[str]:
    return [base64.b64decode(uri).decode("utf-8") for uri in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)]


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_staff_page_shows_figures_and_charts_each_with_its_table(app, year_2025, lang):
    page = signed_in(app, "supervisor").get(f"/staff/statistics/?period=2025&lang={lang}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="requests.received"' in html and 'id="complaints.by_category"' in html
    svgs = _svgs(html)
    assert len(svgs) >= 8 and all("<script" not in s and "<text" in s for s in svgs)
    assert html.count('<figure class="chart"') == len(svgs) == html.count('class="dense chart-data"')
    assert ("طلبات الحصول على المعلومات" if lang == "ar" else "Demandes par canal de dépôt") in html


def test_staff_page_filters_and_bad_dates(app, year_2025):
    client = signed_in(app, "head")
    html = client.get("/staff/statistics/?from=2025-01-01&to=2025-02-15&lang=fr").get_data(as_text=True)
    assert "2025-01-01/2025-02-15" in html
    assert "2025-01" in client.get("/staff/statistics/?from=2025-01-01&to=2025-01-31").get_data(as_text=True)
    bad = client.get("/staff/statistics/?from=2025-13-01&to=2025-01-31&lang=fr")
    assert bad.status_code == 400 and "AAAA-MM-JJ" in bad.get_data(as_text=True)
    assert "<title>Erreur" in bad.get_data(as_text=True)      # the page says it failed
    assert client.get("/staff/statistics/?kind=complaint&officer=nobody").status_code == 400


def test_only_supervisors_the_head_and_admins_see_the_statistics(app, staff):
    for name, status in (("officer", 403), ("complaints", 403), ("viewer", 403), ("admin", 200)):
        assert signed_in(app, name).get("/staff/statistics/").status_code == status


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_public_page_and_open_data_carry_no_personal_data(client, year_2025, lang):
    pages = [client.get(f"/statistics?lang={lang}"), client.get("/statistics.csv"), client.get("/statistics.json"),
             client.get("/statistics/dictionary.csv")]
    assert [p.status_code for p in pages] == [200] * 4
    text = "".join(p.get_data(as_text=True) for p in pages)
    text += "".join(_svgs(pages[0].get_data(as_text=True)))
    for value in PERSONAL:
        assert value not in text, value
    assert not re.search(r"(DAI|REC)-\d{4}-\d{6}", text)
    assert "Officer" not in text and "officer" not in pages[1].get_data(as_text=True)


def test_public_page_shows_small_counts_as_less_than_5(client, year_2025):
    html = client.get("/statistics?lang=fr").get_data(as_text=True)
    assert '<span class="small-count" dir="ltr">&lt; 5</span>' in html
    assert client.get("/statistics.json").json["years"]["2025"]["figures"]["complaints.received"] == 5


def test_the_csp_still_holds_and_allows_the_chart_images(client, ctx):
    response = client.get("/statistics")
    csp = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data:" in csp and "script-src 'self'" in csp
    # No inline script: the only scripts are the site's own files (the CSP allows nothing else).
    assert re.findall(r'<script(?![^>]*\bsrc="/static/)', response.get_data(as_text=True)) == []


def test_open_data_urls_are_stable_and_cacheable(client, ctx):
    csv_file = client.get("/statistics.csv")
    assert csv_file.mimetype == "text/csv" and csv_file.headers["Cache-Control"] == "public, max-age=3600"
    assert csv_file.get_data(as_text=True).lstrip("\ufeff").startswith("year,indicator,key,value")
    assert client.get("/statistics.json").is_json
