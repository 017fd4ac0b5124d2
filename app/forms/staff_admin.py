"""Administration forms: staff accounts and the official holiday table."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.forms.fields import AnyDigitsDateField
from app.services.holidays import KNOWN_KEYS, OFFICIAL_NAMES
from app.labels import choices, options

PASSWORD_RULES = [DataRequired(), Length(min=10, max=200, message=_l("At least 10 characters."))]


class ButtonForm(Form):
    """A form with no field: a button that posts with its CSRF token."""


class UserCreateForm(Form):
    username = StringField(_l("Username"), validators=[
        DataRequired(), Length(max=80),
        Regexp(r"^[a-z0-9._-]+$", message=_l("Lower-case letters, digits, dot, dash or underscore."))])
    full_name = StringField(_l("Full name in Latin script"), validators=[DataRequired(), Length(max=200)])
    full_name_ar = StringField(_l("Full name in Arabic script"), validators=[DataRequired(), Length(max=200)],
                               render_kw={"dir": "rtl", "lang": "ar"})
    role = SelectField(_l("Role"), validate_choice=False)
    unit = SelectField(_l("Unit"), validate_choice=False)
    password = PasswordField(_l("Initial password"), validators=PASSWORD_RULES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = choices("role")
        self.unit.choices = options([("", "—")]) + choices("unit")


class PasswordResetForm(Form):
    password = PasswordField(_l("New password"), validators=PASSWORD_RULES)


class HolidayForm(Form):
    day = AnyDigitsDateField(_l("Date"), validators=[DataRequired()])
    key = SelectField(_l("Holiday"), validate_choice=False)
    other_key = StringField(_l("Other holiday: short key"), validators=[
        Optional(), Length(max=40), Regexp(r"^[a-z0-9_]+$", message=_l("Lower-case letters, digits, underscore."))])
    name_ar = StringField(_l("Name in Arabic (optional for a known holiday)"), validators=[Length(max=120)])
    name_fr = StringField(_l("Name in French (optional for a known holiday)"), validators=[Length(max=120)])
    kind = SelectField(_l("Kind"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key.choices = options([(k, " / ".join(OFFICIAL_NAMES[k])) for k in KNOWN_KEYS]
                                   + [("", _l("Other (give a key)"))])
        self.kind.choices = choices("holiday_kind")
        self.status.choices = choices("holiday_status")

    def chosen_key(self) -> str:
        return self.key.data or (self.other_key.data or "").strip()


class MoveHolidayForm(Form):
    day = AnyDigitsDateField(_l("New date"), validators=[DataRequired()])
