"""Forms of the public portal: information request, complaint, status lookup, applicant actions.

The forms carry the fields and the CSRF token; the rules of what is valid live once,
in ``app.services.intake`` (the same validator as the API and the staff forms). Each
form turns itself into the API-shaped dict and takes the validator's per-field errors
back, translated for people.
"""
import re
import secrets

from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from app.forms.fields import upload_help
from wtforms import (BooleanField, EmailField, HiddenField, MultipleFileField, PasswordField, RadioField,
                     SelectChoice, SelectField, StringField, TelField, TextAreaField)
from wtforms.validators import InputRequired, Length

from app import normalise
from app.refusals import refusal_text
from app.services.cases import Conflict, PayloadInvalid
from app.labels import category_choices
from workflows.machine import TransitionRefused

C = SelectChoice
ACCESS_FORMS = [C("consultation", _l("On-site consultation")), C("paper_copy", _l("Paper copy")),
                C("electronic_copy", _l("Electronic copy"))]
URGENCY = [C("ordinary", _l("Ordinary")), C("urgent", _l("Urgent (life, safety or freedom of persons)"))]
LANGUAGE_CHOICES = [C("ar", "العربية", {"lang": "ar"}), C("fr", "Français", {"lang": "fr"})]
COMPLAINT_KIND_LABELS = {"complaint": _l("Complaint"), "observation": _l("Observation"),
                         "proposal": _l("Proposal")}
KINDS = [C(kind, label) for kind, label in COMPLAINT_KIND_LABELS.items()]
PARTY_FIELDS = ("applicant_type", "organisation_name", "registration_number", "first_name", "last_name",
                "id_number", "address", "email", "phone")
APPLICANT_TYPES = [C("person", _l("A person (myself)")),
                   C("organisation", _l("An organisation (association, company, cooperative…)"))]
SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")

# The validator's English messages (app.services.intake) → the sentence a person reads.
INTAKE_MESSAGES = {
    "this field is required": _l("This field is required."),
    "a CNIE or residence-card number, e.g. SH123456": _l(
        "Enter a national identity card (CNIE) or residence-card number, for example SH123456."),
    "a phone number, e.g. 0612345678 or +212612345678": _l(
        "Enter a phone number that exists, for example 0612345678 or +212612345678."),
    "the part before @ must be in Latin letters": _l(
        "This e-mail address cannot be delivered reliably: the part before @ must be written in Latin "
        "letters, digits or . _ -. The part after @ may be in Arabic."),
    "an urgent request states why it concerns life, safety or freedom (art. 17)": _l(
        "An urgent request must explain why it concerns the life, safety or freedom of persons (art. 17)."),
    "contains control characters": _l("This text contains characters that are not allowed."),
    "contains characters that are not valid text": _l("This text contains characters that are not allowed."),
}
FIELD_FALLBACKS = {"email": _l("Enter a valid e-mail address, for example name@example.org.")}


def translate_error(field: str, message: str) -> str:
    """A person's sentence for the validator's ``message`` about ``field``."""
    if message in INTAKE_MESSAGES:
        return INTAKE_MESSAGES[message]
    if field in FIELD_FALLBACKS:
        return FIELD_FALLBACKS[field]
    if message.startswith("at most "):
        return _l("This text is too long: at most %(limit)s characters.", limit=message.split()[2])
    if message.startswith("must be one of"):
        return _l("Choose one of the options.")
    return _l("This value is not valid.")


class PartyFields:
    """Identity and contact of the applicant or complainant (art. 14)."""

    applicant_type = RadioField(_l("Who is asking?"), choices=APPLICANT_TYPES, default="person",
                                validate_choice=False,
                                description=_l("For an organisation, give below the name and identity card of "
                                               "the person who represents it."))
    organisation_name = StringField(_l("Name of the organisation (if an organisation asks)"),
                                    filters=[normalise.name], render_kw={"autocomplete": "organization"})
    registration_number = StringField(_l("Registration number of the organisation (optional)"),
                                      filters=[normalise.identifier],
                                      description=_l("Trade register (RC), ICE or association receipt number."),
                                      render_kw={"dir": "ltr"})
    first_name = StringField(_l("First name"), filters=[normalise.name], render_kw={"autocomplete": "given-name"})
    last_name = StringField(_l("Last name"), filters=[normalise.name], render_kw={"autocomplete": "family-name"})
    id_number = StringField(_l("CNIE or residence-card number"), filters=[normalise.identifier],
                            description=_l("For example SH123456."), render_kw={"dir": "ltr"})
    address = TextAreaField(_l("Postal address"), render_kw={"rows": 2, "autocomplete": "street-address"})
    email = EmailField(_l("E-mail (optional)"), filters=[normalise.identifier],
                       description=_l("If you give one, the acknowledgment receipt and the answers are sent to it."),
                       render_kw={"dir": "ltr", "autocomplete": "email"})
    phone = TelField(_l("Phone (optional)"), filters=[normalise.identifier],
                     render_kw={"dir": "ltr", "autocomplete": "tel"})
    language = RadioField(_l("Language of correspondence"), choices=LANGUAGE_CHOICES, default="ar",
                          validate_choice=False)
    # One-time key, drawn when the form is shown: the same form posted twice registers one case.
    submission_key = HiddenField(default=lambda: secrets.token_urlsafe(24))

    def key(self) -> str | None:
        """The posted one-time submission key, or None when absent or not of the shape drawn."""
        value = self.submission_key.data or ""
        return value if SUBMISSION_KEY.fullmatch(value) else None

    def party(self) -> dict:
        """The identity and contact as the API's ``applicant``/``complainant`` object."""
        return {n: (getattr(self, n).data or "").strip() or None for n in PARTY_FIELDS}

    def take_errors(self, errors: dict[str, str]) -> None:
        """Put the validator's errors (``applicant.first_name``, ``urgency_reason`` …) on the fields."""
        for key, message in errors.items():
            name = key.rsplit(".", 1)[-1]
            field = getattr(self, name, None) if name in self._fields else None
            target = field if field is not None else self.first_name
            target.errors = list(target.errors or ()) + [translate_error(name, message)]


class InformationRequestForm(PartyFields, Form):
    """A request for access to information (Law 31.13, art. 14; urgency art. 17)."""

    information_requested = TextAreaField(
        _l("The information you request"), render_kw={"rows": 5},
        description=_l("Describe the document or information as precisely as you can (subject, period, place)."))
    urgency = RadioField(_l("Type of request"), choices=URGENCY, default="ordinary", validate_choice=False)
    urgency_reason = TextAreaField(
        _l("Why is it urgent?"), render_kw={"rows": 3},
        description=_l("Required for an urgent request: how the information concerns the life, "
                       "safety or freedom of persons (art. 17)."))
    access_form = RadioField(_l("Preferred form of access"), choices=ACCESS_FORMS, default="electronic_copy",
                             validate_choice=False)
    attachments = MultipleFileField(
        _l("Attachments (optional)"),
        description=upload_help(),
        render_kw={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"})

    def payload(self) -> dict:
        """The API-shaped request (``POST /api/v1/requests``)."""
        return {"applicant": self.party(), "information_requested": self.information_requested.data,
                "urgent": self.urgency.data == "urgent", "urgency_reason": self.urgency_reason.data,
                "access_form": self.access_form.data, "language": self.language.data}


class ComplaintForm(PartyFields, Form):
    """A complaint, observation or proposal (decree 2.17.265)."""

    kind = RadioField(_l("Kind"), choices=KINDS, default="complaint", validate_choice=False)
    category = SelectField(_l("Subject category"), default="other", validate_choice=False)
    subject = StringField(_l("Subject"), render_kw={"maxlength": 300})
    description = TextAreaField(_l("Description"), render_kw={"rows": 6},
                                description=_l("What happened, where and when, and what you expect."))
    attachments = MultipleFileField(
        _l("Attachments (optional)"),
        description=upload_help(),
        render_kw={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices()

    def payload(self) -> dict:
        """The API-shaped complaint (``POST /api/v1/complaints``)."""
        return {"complainant": self.party(), "kind": self.kind.data, "category": self.category.data,
                "subject": self.subject.data, "description": self.description.data,
                "language": self.language.data}


class StatusLookupForm(Form):
    """Reference number and access code (never sent in a URL)."""

    reference = StringField(_l("Reference number"), description=_l("For example DAI-2026-000123."),
                            filters=[normalise.reference],
                            render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"})
    access_code = PasswordField(_l("Access code"), filters=[normalise.compact_identifier],
                                description=_l("The code shown once when you submitted, also printed on your receipt."),
                                render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"})


class LetterDownloadForm(Form):
    """Download a letter with the access code instead of a session."""

    access_code = PasswordField(_l("Access code"), render_kw={"dir": "ltr", "autocomplete": "off"})


class HeadComplaintForm(Form):
    """The complaint to the head of the body (art. 19)."""

    text = TextAreaField(_l("Your complaint to the head of the body"), render_kw={"rows": 4},
                         description=_l("Say why you contest the answer or the absence of an answer."),
                         validators=[Length(max=5000)])


class ReopenForm(Form):
    """Reopen an answered complaint, once (decree 2.17.265)."""

    text = TextAreaField(_l("Why the answer does not settle your complaint"), render_kw={"rows": 3},
                         validators=[Length(max=5000)])


class RatingForm(Form):
    """Rate the answer to a complaint from 1 to 5."""

    rating = RadioField(_l("Your rating of the answer"), coerce=int, validators=[InputRequired()],
                        choices=[C(n, str(n)) for n in range(1, 6)])


class WithdrawForm(Form):
    """Withdraw a request or complaint: final, so the applicant ticks a confirmation first."""

    confirm = BooleanField(_l("I confirm that I withdraw my file. This cannot be undone."),
                           validators=[InputRequired(_l("Tick the box to confirm the withdrawal."))])




def refusal_message(exc: Exception, write_date) -> str:
    """A person's sentence for a refused applicant action (TransitionRefused, PayloadInvalid, Conflict …).

    Args:
        exc: the exception raised by ``app.services.cases``.
        write_date: writes a date in the page's language (for the art. 19 window's end).
    """
    if isinstance(exc, TransitionRefused):
        return refusal_text(exc, write_date)
    if isinstance(exc, PayloadInvalid) and "text" in exc.errors:
        return str(_l("Please write your reasons in the text box."))
    if isinstance(exc, PayloadInvalid):
        return str(_l("Please check what you entered: a rating is a whole number from 1 to 5."))
    if isinstance(exc, Conflict):
        return str(_l("Your file was changed at the same moment by the administration. Please try again."))
    return str(_l("This action is not possible from the status page."))
