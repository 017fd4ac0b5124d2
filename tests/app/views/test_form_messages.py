"""WTForms' own messages (length, required, choices…) in the page's language, never in English (issue 7 §2)."""
import pytest
from markupsafe import escape

from tests.app.views.staff_support import fresh_request_state, signed_in  # noqa: F401

ACCOUNT = {"full_name": "Khadija Ennaciri", "full_name_ar": "خديجة الناصري", "role": "viewer", "unit": "",
           "password": "Long-enough-pass"}


@pytest.mark.parametrize("lang, expected", [
    ("ar", "لا يمكن أن يتجاوز طول الحقل 80 حرفًا."),
    ("fr", "Le champ ne peut pas contenir plus de 80 caractères."),
])
def test_a_built_in_length_message_is_in_the_page_language(app, staff, lang, expected):
    admin = signed_in(app, "admin")
    response = admin.post(f"/staff/admin/users?lang={lang}", data={**ACCOUNT, "username": "k" * 81})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert str(escape(expected)) in page
    assert "Field cannot be longer" not in page


@pytest.mark.parametrize("count, expected", [
    (0, "%d حرف."), (1, "%d حرف."), (2, "%d حرفين."), (3, "%d أحرف."), (11, "%d حرفًا."), (100, "%d حرف."),
])
def test_the_arabic_length_message_has_each_plural_form(app, count, expected):
    from wtforms import StringField
    from wtforms.validators import Length

    from app.forms.base import Form

    class Probe(Form):
        class Meta:
            csrf = False
        text = StringField(validators=[Length(max=count)])

    with app.test_request_context("/?lang=ar", method="POST", data={"text": "x" * (count + 1)}):
        form = Probe()
        assert not form.validate()
        assert form.text.errors == ["لا يمكن أن يتجاوز طول الحقل " + expected % count]


def test_every_form_of_the_app_reads_the_page_catalogue():
    """No form class of ``app.forms`` falls back to WTForms' incomplete catalogues."""
    import importlib
    import pkgutil

    import app.forms
    from app.forms.base import TRANSLATIONS

    from wtforms import Form as PlainForm

    forms = set()
    for module in pkgutil.iter_modules(app.forms.__path__):
        loaded = importlib.import_module(f"app.forms.{module.name}")
        forms |= {v for v in vars(loaded).values() if isinstance(v, type) and issubclass(v, PlainForm)
                  and v.__module__ == loaded.__name__}
    assert forms
    assert [f.__name__ for f in forms if f.Meta().get_translations(None) is not TRANSLATIONS] == []
