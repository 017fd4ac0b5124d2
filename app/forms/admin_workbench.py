"""Administration forms of the workbench: the tag list and each unit's assignment policy."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from app.labels import options
from app.services.auto_assignment import POLICIES, UNITS
from app.services.case_notes import TAG_NAME_LIMIT

POLICY_LABELS = {"none": _l("None: new cases wait in the unit's queue"),
                 "round_robin": _l("Round robin among the unit's active officers"),
                 "least_loaded": _l("The active officer with the fewest open cases")}


class TagForm(Form):
    name = StringField(_l("New tag"), validators=[DataRequired(_l("Give the tag a name.")),
                                                  Length(max=TAG_NAME_LIMIT)])


class PolicyForm(Form):
    unit = HiddenField(validators=[DataRequired()])
    assignment = SelectField(_l("Assignment of new cases"), choices=options((p, POLICY_LABELS[p]) for p in POLICIES))

    def validate_unit(self, field):
        if field.data not in UNITS:
            raise ValidationError("unknown unit")
