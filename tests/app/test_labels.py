"""Counts read as people read them: the six Arabic plural categories, French singular/plural."""
import pytest
from flask_babel import force_locale

from app.labels import day_count


@pytest.mark.parametrize("days, working, calendar", [
    (0, "0 يوم عمل", "0 يوم"),
    (1, "يوم عمل واحد", "يوم واحد"),
    (2, "يوما عمل", "يومان"),
    (3, "3 أيام عمل", "3 أيام"),
    (10, "10 أيام عمل", "10 أيام"),
    (11, "11 يوم عمل", "11 يوما"),
    (60, "60 يوم عمل", "60 يوما"),
    (100, "100 يوم عمل", "100 يوم"),
])
def test_arabic_plural_categories(ctx, days, working, calendar):
    with ctx.test_request_context(), force_locale("ar"):
        assert (day_count(days, "working"), day_count(days, "calendar")) == (working, calendar)


@pytest.mark.parametrize("days, working, calendar", [
    (1, "1 jour ouvrable", "1 jour"), (2, "2 jours ouvrables", "2 jours"), (20, "20 jours ouvrables", "20 jours")])
def test_french_singular_and_plural(ctx, days, working, calendar):
    with ctx.test_request_context(), force_locale("fr"):
        assert (day_count(days, "working"), day_count(days, "calendar")) == (working, calendar)


def test_the_portal_home_names_the_periods_of_the_statute(client):
    page = client.get("/?lang=fr").get_data(as_text=True)
    assert "20 jours ouvrables" in page and "3 jours ouvrables" in page and "60 jours" in page
    page = client.get("/?lang=ar").get_data(as_text=True)
    assert "20 يوم عمل" in page and "3 أيام عمل" in page and "60 يوما" in page


def test_every_timeline_event_kind_written_by_the_code_has_a_label():
    import re
    from pathlib import Path

    from app.labels import LABELS

    source = "\n".join(p.read_text() for p in (Path(__file__).resolve().parents[2] / "app").rglob("*.py"))
    kinds = set(re.findall(r'record_event\(\w+, "([a-z_]+)"', source))
    kinds |= set(re.findall(r'CaseEvent\([^)]*kind="([a-z_]+)"', source))
    assert {"delivery", "rating", "publication", "transition"} <= kinds
    assert kinds <= set(LABELS["event"]), kinds - set(LABELS["event"])


def test_the_person_who_filed_a_complaint_is_the_complainant_on_the_timeline(app):
    from types import SimpleNamespace

    from flask_babel import force_locale

    from app.event_labels import event_actor

    def by_applicant(kind):
        return SimpleNamespace(actor=None, actor_label="applicant", data={}, reason=None, case=SimpleNamespace(kind=kind))
    with app.test_request_context(), force_locale("ar"):
        assert event_actor(by_applicant("complaint")) == "المشتكي"
        assert event_actor(by_applicant("information_request")) == "طالب المعلومات"
