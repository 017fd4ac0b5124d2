"""The applicant or complainant: personal data, never shown on public pages.

A natural person, or an organisation (association, company, cooperative: art. 4 lets
legal persons ask) acting through its representative, whose name and card number
are ``first_name``, ``last_name`` and ``id_number``.
"""
from app.extensions import db

PERSON, ORGANISATION = "person", "organisation"
APPLICANT_TYPES = (PERSON, ORGANISATION)


class Party(db.Model):
    __tablename__ = "parties"

    id = db.Column(db.Integer, primary_key=True)
    applicant_type = db.Column(db.String(20), nullable=False, default=PERSON, server_default=PERSON)
    organisation_name = db.Column(db.String(300))      # an organisation only
    registration_number = db.Column(db.String(40))     # an organisation's RC, ICE or association number (optional)
    first_name = db.Column(db.String(120), nullable=False)
    last_name = db.Column(db.String(120), nullable=False)
    id_number = db.Column(db.String(40), nullable=False, index=True)   # CNIE or residence card (art. 14)
    address = db.Column(db.String(500), nullable=False)
    email = db.Column(db.String(254))
    phone = db.Column(db.String(40))
    # The e-mail address is confirmed (a link clicked, a code e-mailed then used, or staff at the
    # counter) before any e-mail carrying the applicant's own text goes to it (app.services.email_confirmation).
    email_confirmed_at = db.Column(db.DateTime)
    email_confirmed_by = db.Column(db.String(20))     # link | access_code_link | counter
    # Set when the retention period erased the identity (app.services.privacy; Law 09-08).
    anonymised_at = db.Column(db.DateTime)

    @property
    def confirmed_email(self) -> str | None:
        """The address that may receive the applicant's own text and letters: confirmed, else None."""
        email = (self.email or "").strip()
        return email if email and self.email_confirmed_at is not None and self.anonymised_at is None else None

    @property
    def full_name(self) -> str:
        """The person's name; for an organisation, its representative's."""
        return f"{self.first_name} {self.last_name}"

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type == ORGANISATION

    @property
    def display_name(self) -> str:
        """Who asks, in one line: the person, or the organisation (its representative is ``full_name``)."""
        return self.organisation_name if self.is_organisation and self.organisation_name else self.full_name
