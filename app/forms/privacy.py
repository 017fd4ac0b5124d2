"""Staff forms for the applicant's rights: correcting personal data, the access log filter, API tokens."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import BooleanField, EmailField, IntegerField, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app import normalise
from app.labels import options

PARTY_FIELDS = ("applicant_type", "organisation_name", "registration_number", "first_name", "last_name",
                "id_number", "address", "email", "phone")


class RectificationForm(Form):
    """The applicant's identity and contact as they should be, and why (Law 09-08, art. 8)."""

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
                            filters=[normalise.identifier], render_kw={"dir": "ltr"})
    address = StringField(_l("Postal address"), validators=[Length(max=500)])
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Length(max=254)], render_kw={"dir": "ltr"})
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)], render_kw={"dir": "ltr"})
    email_verified = BooleanField(_l("The applicant proved this e-mail address in front of me"))
    reason = TextAreaField(_l("Reason for the correction (e.g. the applicant's request and its date)"),
                           validators=[DataRequired(), Length(max=1000)], render_kw={"rows": 2})

    def party(self) -> dict:
        return {name: (getattr(self, name).data or "").strip() or None for name in PARTY_FIELDS}


class TokenForm(Form):
    """A new API bearer token: a name saying what it is for, and its validity."""

    name = StringField(_l("What is it for? (e.g. the national portal)"), validators=[DataRequired(), Length(max=80)])
    days = IntegerField(_l("Valid for (days)"), validators=[DataRequired(), NumberRange(min=1, max=366)],
                        render_kw={"dir": "ltr"})
