"""Counted nouns in the letters: one form per CLDR plural category (issue 7 §2)."""
import pytest

from app.services.counted_nouns import counted, day_count, plural_category


@pytest.mark.parametrize("count, category, working, calendar", [
    (0, "zero", "0 يوم عمل", "0 يوم"),
    (1, "one", "يوم عمل واحد", "يوم واحد"),
    (2, "two", "يومي عمل", "يومين"),
    (3, "few", "3 أيام عمل", "3 أيام"),
    (10, "few", "10 أيام عمل", "10 أيام"),
    (11, "many", "11 يوم عمل", "11 يوما"),
    (20, "many", "20 يوم عمل", "20 يوما"),
    (99, "many", "99 يوم عمل", "99 يوما"),
    (100, "other", "100 يوم عمل", "100 يوم"),
    (102, "other", "102 يوم عمل", "102 يوم"),
    (103, "few", "103 أيام عمل", "103 أيام"),
])
def test_arabic_days_take_the_form_of_their_count(count, category, working, calendar):
    assert plural_category(count, "ar") == category
    assert day_count(count, "working", "ar") == working
    assert day_count(count, "calendar", "ar") == calendar


@pytest.mark.parametrize("count, working, calendar", [
    (0, "0 jour ouvrable", "0 jour"), (1, "1 jour ouvrable", "1 jour"),
    (2, "2 jours ouvrables", "2 jours"), (20, "20 jours ouvrables", "20 jours"),
    (1_000_000, "1000000 jours ouvrables", "1000000 jours"),
])
def test_french_days_are_singular_up_to_one(count, working, calendar):
    assert day_count(count, "working", "fr") == working
    assert day_count(count, "calendar", "fr") == calendar


def test_other_nouns():
    assert [counted(n, "letter", "ar") for n in (1, 2, 5, 12)] == ["رسالة واحدة", "رسالتين", "5 رسائل", "12 رسالة"]
    assert counted(2, "file", "fr") == "2 fichiers"
    with pytest.raises(KeyError):
        counted(2, "camel", "ar")
