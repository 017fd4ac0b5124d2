"""How and when the applicant received an issued letter (LAW.md §4.5): one record per letter.

E-mail and portal deliveries are recorded by the system at the sending moment; hand
and post deliveries by staff (the date handed over, the date on the delivery notice).
``delivered_on`` is an Africa/Casablanca local date; ``recorded_at`` a naive UTC instant.
"""
from enum import Enum

from app.extensions import db
from app.models.columns import utcnow


class DeliveryMethod(str, Enum):
    EMAIL = "email"    # the outbox sent the e-mail carrying the letter (automatic)
    PORTAL = "portal"  # made available on the status page of a case filed on the portal (automatic)
    POST = "post"      # the date on the delivery notice (entered by staff)
    HAND = "hand"      # the date the letter was handed over (entered by staff)


STAFF_METHODS = (DeliveryMethod.POST.value, DeliveryMethod.HAND.value)


class LetterDelivery(db.Model):
    __tablename__ = "letter_deliveries"

    id = db.Column(db.Integer, primary_key=True)
    letter_id = db.Column(db.Integer, db.ForeignKey("letters.id"), nullable=False, unique=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False, index=True)
    method = db.Column(db.String(10), nullable=False)
    delivered_on = db.Column(db.Date, nullable=False)      # Casablanca local date of receipt
    recorded_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))   # None: recorded by the system
    recorded_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    letter = db.relationship("Letter", back_populates="delivery")
    case = db.relationship("Case")
    recorded_by = db.relationship("User")
