"""Forms of the case page's working aids: internal note, tags, links between cases."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from app import normalise
from app.labels import options
from app.services.case_notes import NOTE_LIMIT


class NoteForm(Form):
    text = TextAreaField(_l("Internal note (staff only: never shown to the applicant)"),
                         validators=[DataRequired(_l("Write the note.")), Length(max=NOTE_LIMIT)])


class TagsForm(Form):
    tags = SelectMultipleField(_l("Tags"), coerce=int, validate_choice=False,
                               option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))


class LinkForm(Form):
    reference = StringField(_l("Reference of the other case"), filters=[normalise.reference],
                            validators=[DataRequired(_l("Give the reference of the other case.")), Length(max=20)])
    kind = SelectField(_l("Link"), choices=options([("related", _l("Related case")),
                                                    ("duplicate", _l("This case duplicates the other"))]))


class ButtonForm(Form):
    """A button that only needs the CSRF token (remove a link)."""
