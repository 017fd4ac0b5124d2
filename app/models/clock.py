"""A statutory clock running on a case: which rule, from when, until when."""
from enum import Enum

from app.extensions import db
from app.models.columns import utcnow


class ClockStatus(str, Enum):
    RUNNING = "running"
    MET = "met"          # stopped by the event it waited for
    EXPIRED = "expired"  # ran out (e.g. deemed refusal, art. 19)
    REPLACED = "replaced"  # another rule took its place (urgent request ruled not urgent, art. 17)
    # Runs from the applicant's receipt of a letter not yet delivered (LAW.md §4.5): no dates yet.
    AWAITING_DELIVERY = "awaiting_delivery"


class Clock(db.Model):
    __tablename__ = "clocks"
    # The deadline sweep and the holiday recompute read running clocks by last day: one
    # range scan of the partial index (queries spell ``status = 'running'`` as a literal,
    # which SQLite needs to match a partial index).
    __table_args__ = (db.Index("ix_clocks_status_last_day", "status", "last_day"),
                      db.Index("ix_clocks_running_last_day", "last_day", "id",
                               sqlite_where=db.text("status = 'running'"),
                               postgresql_where=db.text("status = 'running'")))

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False, index=True)
    period = db.Column(db.String(40), nullable=False)      # name in workflows.statute.PERIODS
    article = db.Column(db.String(40), nullable=False)
    started_on = db.Column(db.Date)         # day 0, Casablanca local date (None while awaiting delivery)
    due_on = db.Column(db.Date)             # statutory end (None while awaiting delivery)
    last_day = db.Column(db.Date)  # last day to act (LAW.md §4.4; None while awaiting delivery)
    extended_by = db.Column(db.String(40))                 # extension period applied, if any
    # The letter whose receipt is day 0 (app.services.receipt_clocks); only its delivery moves the clock.
    # Letters are erased with the personal data (app.services.privacy); the clock's dates stay.
    letter_id = db.Column(db.Integer, db.ForeignKey("letters.id", ondelete="SET NULL"))
    # The count depends on a holiday still marked estimated (LAW.md §3): set whenever the
    # dates are (re)computed (app.services.clock_facts), cleared once the holiday is confirmed.
    provisional = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    status = db.Column(db.String(20), nullable=False, default=ClockStatus.RUNNING.value)  # see __table_args__
    stopped_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    case = db.relationship("Case", back_populates="clocks")
    letter = db.relationship("Letter")


def running_clock():
    """``clocks.status = 'running'`` with the value written out in the SQL, so that both engines
    match the partial index ``ix_clocks_running_last_day`` (SQLite cannot match a bound parameter)."""
    return Clock.status == db.literal_column("'running'")
