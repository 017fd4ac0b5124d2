"""Forms of the disclosure log: an answer's published summary, publish and withhold, files, redaction
boxes, and the register of proactive publications."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import FloatField, IntegerField, MultipleFileField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.labels import options, publication_category_choices, redaction_ground_choices
from app.services.disclosures import SUMMARY_LIMIT, TITLE_LIMIT
from app.services.redaction_boxes import TEXT_LIMIT
from workflows.disclosure import REASON_LIMIT


# Arabic or French, whichever the officer types: the field follows the text's direction.
AUTO = {"dir": "auto"}


class SummaryForm(Form):
    title = StringField(_l("Title shown on the log"), validators=[Optional(), Length(max=TITLE_LIMIT)], render_kw=AUTO)
    summary = TextAreaField(_l("Published summary of the request"), validators=[Optional(), Length(max=SUMMARY_LIMIT)],
                            render_kw=AUTO)


class WithholdForm(Form):
    reason = TextAreaField(_l("Reason (kept on the case, never published)"),
                           validators=[DataRequired(_l("Give the reason.")), Length(max=REASON_LIMIT)], render_kw=AUTO)


class PublishForm(Form):
    """Publish now: the CSRF token is all it needs."""


class TreatmentForm(Form):
    treatment = SelectField(_l("Publication of this file"), choices=[])
    reason = StringField(_l("Reason (required when not published)"), validators=[Optional(), Length(max=REASON_LIMIT)])

    def for_file(self, redactable: bool):
        """Offer "redact" only for PDF and image files."""
        pairs = [("redact", _l("Publish with its redactions"))] if redactable else []
        pairs += [("as_is", _l("Publish as is: no redaction needed")), ("excluded", _l("Do not publish this file"))]
        self.treatment.choices = options(pairs)
        return self


class BoxForm(Form):
    """One box, by numbers: the no-JavaScript way (the drawing fills the same fields)."""

    page = IntegerField(_l("Page"), validators=[InputRequired(_l("Give the page.")), NumberRange(min=1)])
    x0 = FloatField(_l("Left"), validators=[InputRequired(_l("Give the four corners."))])
    y0 = FloatField(_l("Top"), validators=[InputRequired(_l("Give the four corners."))])
    x1 = FloatField(_l("Right"), validators=[InputRequired(_l("Give the four corners."))])
    y1 = FloatField(_l("Bottom"), validators=[InputRequired(_l("Give the four corners."))])
    ground = SelectField(_l("Ground (art. 7)"), choices=[])

    def with_grounds(self):
        self.ground.choices = redaction_ground_choices()
        return self


class TextBoxForm(Form):
    text = StringField(_l("Words to withhold wherever they appear"),
                       validators=[DataRequired(_l("Write the words to withhold.")), Length(max=TEXT_LIMIT)],
                       render_kw=AUTO)
    ground = SelectField(_l("Ground (art. 7)"), choices=[])

    def with_grounds(self):
        self.ground.choices = redaction_ground_choices()
        return self


class RegisterForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the document a title.")),
                                                 Length(max=TITLE_LIMIT)], render_kw=AUTO)
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=SUMMARY_LIMIT)], render_kw=AUTO)
    category = SelectField(_l("Category (art. 10)"), choices=[])
    files = MultipleFileField(_l("Files"))

    def with_categories(self):
        self.category.choices = publication_category_choices()
        return self


class TakeDownForm(Form):
    reason = TextAreaField(_l("Reason for taking it off the log"),
                           validators=[DataRequired(_l("Give the reason.")), Length(max=REASON_LIMIT)], render_kw=AUTO)
