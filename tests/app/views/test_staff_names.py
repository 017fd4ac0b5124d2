"""Staff names in the reader's script wherever a page, an export or an e-mail names a colleague (issue 7 §2)."""
import csv
import io

import pytest

from app.extensions import db
from app.services.cases import fire
from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401

ARABIC, LATIN = "أمينة العلوي", "Amina Alaoui"


@pytest.fixture
def named(staff):
    """The information officer has her name in both scripts."""
    officer = staff["officer"]
    officer.full_name, officer.full_name_ar = LATIN, ARABIC
    db.session.commit()
    return staff


@pytest.fixture
def assigned(register, named):
    case = register().case
    fire(case, "assign", {"officer": "officer"}, actor=named["supervisor"])
    return case


@pytest.mark.parametrize("lang, shown, hidden", [("ar", ARABIC, LATIN), ("fr", LATIN, ARABIC)])
def test_the_access_log_names_who_looked_in_the_page_script(app, assigned, lang, shown, hidden):
    assert signed_in(app, "officer").get(f"/staff/cases/{assigned.reference}").status_code == 200
    page = signed_in(app, "admin").get(f"/staff/admin/access-log?lang={lang}").get_data(as_text=True)
    assert shown in page and hidden not in page
    assert "(officer)" in page   # the username stays, to filter by


@pytest.mark.parametrize("lang, shown, hidden", [("ar", ARABIC, LATIN), ("fr", LATIN, ARABIC)])
def test_the_statistics_workload_names_officers_in_the_page_script(app, assigned, lang, shown, hidden):
    response = signed_in(app, "supervisor").get(f"/staff/statistics/?period=2025&lang={lang}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count(shown) >= 2   # the officer filter and the workload table
    assert hidden not in page


@pytest.mark.parametrize("lang, shown", [("ar", ARABIC), ("fr", LATIN)])
def test_the_case_list_export_names_the_assignee_in_the_reader_script(app, assigned, lang, shown):
    response = signed_in(app, "supervisor").get(f"/staff/cases/export.csv?lang={lang}")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert response.status_code == 200
    assert [row for row in rows if row[0] == assigned.reference][0][7] == shown
