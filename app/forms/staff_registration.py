"""Staff registration of a request or complaint received at the counter, by post, e-mail…

The moment of receipt is typed in Africa/Casablanca local time and converted to
naive UTC (``received_at_utc``); the fields are then shaped like the API's
(``data()``) so that ``app.services.intake`` validates them in one place.
"""
import re
import secrets
from datetime import datetime, timezone

from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import (BooleanField, EmailField, HiddenField, MultipleFileField, SelectField,
                     StringField, TelField, TextAreaField)
from wtforms.validators import InputRequired, Length, Optional

from app import normalise
from app.forms.fields import AnyDigitsDateTimeLocalField, upload_help
from app.labels import category_choices, choices, options
from workflows.calendar import MOROCCO

PARTY_FIELDS = ("applicant_type", "organisation_name", "registration_number", "first_name", "last_name",
                "id_number", "address", "email", "phone")
SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


class RegistrationForm(Form):
    """Fields common to both kinds: channel, moment of receipt, identity and contact (art. 14)."""

    channel = SelectField(_l("Channel"), validate_choice=False)
    received_at = AnyDigitsDateTimeLocalField(_l("Date and time of receipt (Casablanca local time)"),
                                     format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                                     validators=[InputRequired()])
    applicant_type = SelectField(_l("Applicant"), validate_choice=False, default="person",
                                 choices=options([("person", _l("A natural person")),
                                                  ("organisation", _l("An organisation, through its representative"))]))
    organisation_name = StringField(_l("Name of the organisation"), validators=[Length(max=300)],
                                    filters=[normalise.name])
    registration_number = StringField(_l("Registration number of the organisation (optional)"),
                                      validators=[Length(max=40)], filters=[normalise.identifier])
    first_name = StringField(_l("First name"), validators=[Length(max=120)], filters=[normalise.name])
    last_name = StringField(_l("Last name"), validators=[Length(max=120)], filters=[normalise.name])
    id_number = StringField(_l("CNIE or residence-card number"), validators=[Length(max=40)],
                            filters=[normalise.identifier])
    address = StringField(_l("Postal address"), validators=[Length(max=500)])
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Length(max=254)],
                       filters=[normalise.identifier])
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)], filters=[normalise.identifier])
    # Staff saw the applicant prove the address (or the request came from it): no confirmation link.
    email_verified = BooleanField(_l("The applicant proved this e-mail address (e.g. the request came from it)"))
    language = SelectField(_l("Language of correspondence"), choices=options([("ar", "العربية"), ("fr", "Français")]),
                           validate_choice=False)
    # Documents handed in with the request or complaint (scanned at the counter, attached to an e-mail).
    attachments = MultipleFileField(_l("Attachments (optional)"),
                                    description=upload_help(),
                                    render_kw={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"})

    # One-time key, drawn when the form is shown: the result page answers the post itself
    # (the access code is never put in the session), so a reload posts again.
    submission_key = HiddenField(default=lambda: secrets.token_urlsafe(24))

    PARTY_KEY = "applicant"

    def key(self) -> str | None:
        """The posted one-time submission key, or None when absent or not of the shape drawn."""
        value = self.submission_key.data or ""
        return value if SUBMISSION_KEY.fullmatch(value) else None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel.choices = choices("channel")

    def received_at_utc(self) -> datetime | None:
        """The typed local moment (Africa/Casablanca, DST-aware) as naive UTC."""
        local = self.received_at.data
        if local is None:
            return None
        return local.replace(tzinfo=MOROCCO).astimezone(timezone.utc).replace(tzinfo=None)

    def party(self) -> dict:
        return {name: (getattr(self, name).data or "").strip() or None for name in PARTY_FIELDS}

    def email_verified_by(self) -> str | None:
        """``"counter"`` when the box is ticked and an address given (``app.services.email_confirmation``)."""
        return "counter" if self.email_verified.data and (self.email.data or "").strip() else None

    def data_for_intake(self) -> dict:
        """The API-shaped payload (see ``app.services.intake``)."""
        return {self.PARTY_KEY: self.party(), "language": self.language.data}

    def field_for(self, key: str) -> str:
        """The form field that shows an intake error keyed ``key`` (``applicant.email`` → ``email``)."""
        name = key.split(".", 1)[1] if "." in key else key
        return {"kind": "complaint_kind"}.get(name, name)


class InformationRequestRegistrationForm(RegistrationForm):
    information_requested = TextAreaField(_l("Information requested"), validators=[Length(max=5000)])
    urgent = BooleanField(_l("Urgent: concerns the life, safety or freedom of persons (art. 17)"))
    urgency_reason = TextAreaField(_l("Why it is urgent"), validators=[Optional(), Length(max=2000)])
    access_form = SelectField(_l("Preferred form of access"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.access_form.choices = choices("access_form")

    def data_for_intake(self) -> dict:
        data = super().data_for_intake()
        data.update(information_requested=self.information_requested.data, urgent=bool(self.urgent.data),
                    urgency_reason=self.urgency_reason.data or None, access_form=self.access_form.data)
        return data


class ComplaintRegistrationForm(RegistrationForm):
    PARTY_KEY = "complainant"
    complaint_kind = SelectField(_l("Kind"), validate_choice=False)
    category = SelectField(_l("Subject category"), validate_choice=False)
    subject = StringField(_l("Subject"), validators=[Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Length(max=10000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint_kind.choices = choices("complaint_kind")
        self.category.choices = category_choices()

    def data_for_intake(self) -> dict:
        data = super().data_for_intake()
        data.update(kind=self.complaint_kind.data, category=self.category.data,
                    subject=self.subject.data, description=self.description.data)
        return data


REGISTRATION_FORMS = {"information_request": InformationRequestRegistrationForm,
                      "complaint": ComplaintRegistrationForm}
