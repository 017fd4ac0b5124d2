"""Forms of the staff case list: bulk assignment (the search itself is a GET query string)."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import HiddenField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Length, ValidationError

from app.labels import options
from app.services.bulk_assignment import MAX_CASES


class BulkAssignForm(Form):
    """The ticked cases (``references``) and the officer to assign them to; ``query`` is the list's."""

    references = SelectMultipleField(_l("Cases"), validate_choice=False,
                                     validators=[DataRequired(_l("Select at least one case."))])
    officer = SelectField(_l("Assign the selected cases to"), validate_choice=True,
                          validators=[DataRequired(_l("Choose an officer."))])
    query = HiddenField(validators=[Length(max=2000)])

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.officer.choices = options([("", "—"), *officers])

    def validate_references(self, field):
        if len(field.data or []) > MAX_CASES:
            raise ValidationError(_l("At most %(n)d cases at once.", n=MAX_CASES))
