"""The case page's form to record a letter's delivery by post or by hand (issue 8 §1)."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.forms.base import Form
from app.labels import options


class DeliveryForm(Form):
    method = SelectField(_l("Delivered"), choices=options([("post", _l("by post (date on the delivery notice)")),
                                                           ("hand", _l("by hand (date handed over)"))]),
                         validate_choice=False)
    delivered_on = DateField(_l("Date received by the applicant"),
                             validators=[InputRequired(_l("Give the date the applicant received the letter."))])

    def body(self) -> dict:
        """The API-shaped entry (``app.services.letter_deliveries.record_delivery``)."""
        day = self.delivered_on.data
        return {"method": self.method.data, "delivered_on": day.isoformat() if day else None}


class DeliveryCorrectionForm(DeliveryForm):
    """A supervisor's correction of a delivery staff recorded: the new entry and why."""

    reason = TextAreaField(_l("Reason for the correction"),
                           validators=[InputRequired(_l("Say why the delivery is corrected.")), Length(max=1000)])

    def body(self) -> dict:
        """The API-shaped correction (``app.services.delivery_corrections.correct_delivery``)."""
        return {**super().body(), "reason": self.reason.data or ""}
