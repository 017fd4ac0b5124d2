"""Words of the letters: dates in both calendars, and the direction of embedded values."""
from datetime import date

import pytest

from app.services.letter_text import direction, gregorian, hijri, long_date


def test_dates_in_both_calendars():
    assert gregorian(date(2025, 8, 29), "ar") == "29 غشت 2025"
    assert long_date(date(2025, 8, 29), "fr") == "vendredi 29 août 2025"
    assert hijri(date(2025, 3, 30), "ar") == "1 شوال 1446"       # Eid al-Fitr (Umm al-Qura)
    assert hijri(date(2025, 10, 27), "fr") == "5 Joumada al-oula 1447"


@pytest.mark.parametrize("value, expected", [
    ("سلمى", "rtl"), ("Mina Ouchen", "ltr"), ("+212 6 61 23 45 67", "ltr"), ("12 زنقة", "rtl"),
    ("DAI-2025-000001", "ltr"), (20, "ltr"), ("", "ltr")])
def test_direction_follows_the_first_strong_character(value, expected):
    assert direction(value) == expected


def test_latin_and_numeric_runs_inside_arabic_get_their_own_direction():
    from app.services.letter_text import bidi_runs

    assert bidi_runs("الوكالة الحضرية للعيون (AUL) — الهاتف 0528-99-12-34") == [
        ("الوكالة الحضرية للعيون (", "rtl"), ("AUL", "ltr"), (") — الهاتف ", "rtl"), ("0528-99-12-34", "ltr")]
    assert bidi_runs("Route de Smara, PK 37") == [("Route de Smara, PK 37", "ltr")]
