"""The base of every form: WTForms' and Flask-WTF's own messages in the page's language.

WTForms ships an Arabic catalogue that lacks most plural forms ("Field cannot be longer
than 3 characters." stays English on an Arabic page), so its built-in messages (length,
required, number range, choices, dates, CSRF) are translated in our own catalogues, in
the same words as the rest of the pages, and every form reads them from there.
"""
from flask_babel import get_translations
from flask_wtf import FlaskForm
from wtforms import Form as PlainForm


class _CatalogueTranslations:
    """The ``gettext``/``ngettext`` pair WTForms asks for, answered by the page's catalogue (Flask-Babel)."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ngettext(singular, plural, n)


TRANSLATIONS = _CatalogueTranslations()


class Form(FlaskForm):
    """A Flask-WTF form whose built-in validator and field messages are in the page's language."""

    class Meta:
        def get_translations(self, form):
            return TRANSLATIONS


class SubForm(PlainForm):
    """A form inside a form (``FormField``, no CSRF of its own), with the same translated messages."""

    class Meta:
        def get_translations(self, form):
            return TRANSLATIONS


class _Marker:
    """Marks the library's messages for ``pybabel extract`` (they live in our catalogues); returns them unchanged."""

    @staticmethod
    def gettext(string: str) -> str:
        return string

    @staticmethod
    def ngettext(singular: str, plural: str, n: int = 2) -> tuple[str, str]:
        return singular, plural


# WTForms 3 (wtforms/locale/wtforms.pot) and Flask-WTF's file validators, as they word them.
BUILT_IN_MESSAGES = (
    _Marker.gettext("This field is required."),
    _Marker.gettext("Field must be equal to %(other_name)s."),
    _Marker.ngettext("Field must be at least %(min)d character long.",
                     "Field must be at least %(min)d characters long."),
    _Marker.ngettext("Field cannot be longer than %(max)d character.",
                     "Field cannot be longer than %(max)d characters."),
    _Marker.ngettext("Field must be exactly %(max)d character long.",
                     "Field must be exactly %(max)d characters long."),
    _Marker.gettext("Field must be between %(min)d and %(max)d characters long."),
    _Marker.gettext("Number must be at least %(min)s."),
    _Marker.gettext("Number must be at most %(max)s."),
    _Marker.gettext("Number must be between %(min)s and %(max)s."),
    _Marker.gettext("Date must be at least %(min)s."),
    _Marker.gettext("Date must be at most %(max)s."),
    _Marker.gettext("Date must be between %(min)s and %(max)s."),
    _Marker.gettext("Invalid input."),
    _Marker.gettext("Invalid email address."),
    _Marker.gettext("Invalid URL."),
    _Marker.gettext("Invalid value, must be one of: %(values)s."),
    _Marker.gettext("Invalid value, can't be any of: %(values)s."),
    _Marker.gettext("This field cannot be edited."),
    _Marker.gettext("This field is disabled and cannot have a value."),
    _Marker.gettext("Invalid CSRF Token."),
    _Marker.gettext("CSRF token missing."),
    _Marker.gettext("CSRF failed."),
    _Marker.gettext("CSRF token expired."),
    _Marker.gettext("Invalid Choice: could not coerce."),
    _Marker.gettext("Choices cannot be None."),
    _Marker.gettext("Not a valid choice."),
    _Marker.gettext("Invalid choice(s): one or more data inputs could not be coerced."),
    _Marker.ngettext("'%(value)s' is not a valid choice for this field.",
                     "'%(value)s' are not valid choices for this field."),
    _Marker.gettext("Not a valid datetime value."),
    _Marker.gettext("Not a valid date value."),
    _Marker.gettext("Not a valid time value."),
    _Marker.gettext("Not a valid integer value."),
    _Marker.gettext("Not a valid decimal value."),
    _Marker.gettext("Not a valid float value."),
    _Marker.gettext("File does not have an approved extension."),
)
