"""The public snapshot and the open data: protected figures, no personal data, refreshed by the scheduler."""
import csv
import io
import json
from datetime import datetime, timedelta

import pytest

from app.scheduler import STATISTICS_JOB_ID, build_scheduler
from app.services.statistics import compute, public
from app.services.statistics.opendata import as_csv, as_json
from app.services.statistics.period import year
from app.services.statistics.published import published
from tests.app.services.statistics_cases import NOW, build_year
from tests.conftest import COMPLAINT, REQUEST


@pytest.fixture
def year_2025(register, staff):
    return build_year(register, staff)


def test_published_figures_hide_small_counts_and_what_reveals_them(year_2025):
    shown = published(compute(year(2025), now=NOW))
    assert shown["requests.received"] == 8 and shown["complaints.received"] == 5
    # 6 by portal, 1 by post, 1 by e-mail: the small ones are "<5" and 6 cannot be left exact (8 − 6 = 2 = 1 + 1)
    assert shown["requests.by_channel"]["post"] == shown["requests.by_channel"]["email"] == "<5"
    assert shown["requests.by_channel"]["portal"] == "x" and shown["requests.by_channel"]["counter"] == 0
    # 5 answered and three cases of 1: 8 − 5 = 3 would make each of them 1; withholding the 5 is not
    # enough (8 − 3 × 1 would give it back), so the whole breakdown is withheld
    assert set(shown["requests.by_status"].values()) == {"x"}
    # fewer than 5 answers to complaints: no median, no mean, no mean rating
    assert shown["complaints.answer_days_median"] is None and shown["complaints.rating_mean"] is None
    assert shown["requests.answer_days_median"] == 10.0     # 5 answers
    assert "requests.grounds" not in shown and "workload.open_by_officer" not in shown
    for value in _counts(shown):
        assert value in ("<5", "x") or value == 0 or value >= 5


def _counts(shown):
    for indicator, value in shown.items():
        if "answer_days" in indicator or indicator.endswith("_mean"):
            continue
        yield from (value.values() if isinstance(value, dict) else [value])


def test_snapshot_is_computed_once_and_reused(year_2025, app):
    first = public.current(NOW)
    assert public.current(NOW + timedelta(hours=1)).id == first.id
    later = public.current(NOW + timedelta(hours=app.config["PUBLIC_STATISTICS_MAX_AGE_HOURS"] + 1))
    assert later.id != first.id
    assert set(first.figures) == {"2025", "2024"}
    assert set(first.charts) == {"ar", "fr"} and "2025:by_month" in first.charts["ar"]
    assert first.charts["ar"]["2025:by_month"]["uri"].startswith("data:image/svg+xml;base64,")


def test_open_data_carry_the_same_protected_values_and_a_dictionary(year_2025):
    snapshot = public.refresh(NOW)
    document = as_json(snapshot)
    assert document["years"]["2025"]["figures"]["requests.by_channel"]["post"] == "<5"
    ids = {entry["id"] for entry in document["dictionary"]}
    assert "requests.timeliness" in ids and "requests.grounds" not in ids
    assert all(entry["label_ar"] and entry["definition_fr"] for entry in document["dictionary"])
    rows = list(csv.DictReader(io.StringIO(as_csv(snapshot))))
    post = next(r for r in rows if (r["year"], r["indicator"], r["key"]) == ("2025", "requests.by_channel", "post"))
    assert post["value"] == "<5" and post["key_fr"] and post["indicator_ar"]


def test_no_personal_data_in_the_snapshot_or_the_open_data(year_2025):
    snapshot = public.refresh(NOW)
    text = json.dumps(as_json(snapshot), ensure_ascii=False) + as_csv(snapshot) + json.dumps(
        snapshot.charts, ensure_ascii=False)
    for party in (REQUEST["applicant"], COMPLAINT["complainant"]):
        for field in ("first_name", "last_name", "id_number", "email", "phone", "address"):
            assert party[field] not in text, field
    assert "DAI-" not in text and "REC-" not in text


def test_the_scheduler_refreshes_the_public_statistics(app):
    job = build_scheduler(app).get_job(STATISTICS_JOB_ID)
    assert job.trigger.interval == timedelta(minutes=app.config["PUBLIC_STATISTICS_REFRESH_MINUTES"])
    assert job.coalesce and job.max_instances == 1


def test_old_snapshots_are_pruned(ctx, monkeypatch):
    monkeypatch.setattr("app.services.statistics.chart_sets.draw", lambda *args, **kwargs: None)
    for n in range(public.KEPT + 3):
        public.refresh(datetime(2026, 1, 1) + timedelta(hours=n))
    from app.extensions import db
    from app.models import StatisticsSnapshot

    assert db.session.query(StatisticsSnapshot).count() == public.KEPT
