"""The applicant or complainant: personal data, never shown on public pages."""
from app.extensions import db


class Party(db.Model):
    __tablename__ = "parties"

    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column(db.String(120), nullable=False)
    last_name = db.Column(db.String(120), nullable=False)
    id_number = db.Column(db.String(40), nullable=False)   # CNIE or residence card (art. 14)
    address = db.Column(db.String(500), nullable=False)
    email = db.Column(db.String(254))
    phone = db.Column(db.String(40))

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
