"""Form fields that read typed dates and times in any script's digits (app/forms/fields.py)."""
from datetime import date, datetime

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from app.forms.fields import AnyDigitsDateField, AnyDigitsDateTimeLocalField


class DatesForm(FlaskForm):
    day = AnyDigitsDateField()
    moment = AnyDigitsDateTimeLocalField(format=["%Y-%m-%dT%H:%M"])


def test_dates_typed_in_arabic_indic_digits_are_the_same_dates(app):
    with app.test_request_context():
        form = DatesForm(MultiDict({"day": "٢٠٢٦-٠٣-٢٧", "moment": "۲۰۲۶-۰۳-۲۷T۰۹:۳۰"}), meta={"csrf": False})
        assert form.validate(), form.errors
        assert (form.day.data, form.moment.data) == (date(2026, 3, 27), datetime(2026, 3, 27, 9, 30))


def test_a_date_that_is_not_one_is_still_refused(app):
    with app.test_request_context():
        form = DatesForm(MultiDict({"day": "٢٠٢٦-١٣-٤٥", "moment": "x"}), meta={"csrf": False})
        assert not form.validate() and set(form.errors) == {"day", "moment"}
