"""Forms of the complaint categories: the administrator's list, and a case's category."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp

from app.labels import category_choices


class CategoryForm(Form):
    """A new category: its permanent code and its names."""

    code = StringField(_l("Code (permanent)"), validators=[
        DataRequired(), Length(max=60),
        Regexp(r"^[a-z][a-z0-9_]+$", message=_l("Lower-case letters, digits, underscore."))],
        render_kw={"dir": "ltr"})
    name_ar = StringField(_l("Name in Arabic"), validators=[DataRequired(), Length(max=200)], render_kw={"dir": "rtl"})
    name_fr = StringField(_l("Name in French"), validators=[DataRequired(), Length(max=200)], render_kw={"dir": "ltr"})


class CategoryEditForm(Form):
    """A category's names, order and whether intake offers it."""

    name_ar = StringField(_l("Name in Arabic"), validators=[DataRequired(), Length(max=200)], render_kw={"dir": "rtl"})
    name_fr = StringField(_l("Name in French"), validators=[DataRequired(), Length(max=200)], render_kw={"dir": "ltr"})
    position = IntegerField(_l("Order"), validators=[InputRequired(), NumberRange(min=0, max=100000)])
    active = BooleanField(_l("Offered at intake"))


class CaseCategoryForm(Form):
    """Staff correct the category a complaint was filed under."""

    category = SelectField(_l("Subject category"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices()
