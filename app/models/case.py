"""A case: an information request (Law 31.13) or a complaint (decree 2.17.265)."""
from app.extensions import db
from app.models.columns import utcnow
from workflows.calendar import local_date
from workflows.kinds import CaseKind, CaseKindSpec, Phase, phase, spec

__all__ = ["Case", "CaseKind"]


def _received_on(context) -> object:
    """Day 0: the Casablanca date of the moment of receipt (LAW.md §4.1), for ORM and bulk inserts alike."""
    received_at = context.get_current_parameters().get("received_at")
    return local_date(received_at) if received_at is not None else None


class Case(db.Model):
    __tablename__ = "cases"
    # Staff lists: "most urgent first" and "newest first" read these in index order.
    __table_args__ = (db.Index("ix_cases_priority", "priority", "body_deadline", "id"),
                      db.Index("ix_cases_kind_priority", "kind", "priority", "body_deadline", "id"),
                      db.Index("ix_cases_received", "received_at", "id"),
                      db.Index("ix_cases_kind_received", "kind", "received_at", "id"),
                      # Statistics read a period's cases by kind and receipt date (app.services.statistics).
                      db.Index("ix_cases_kind_received_on", "kind", "received_on"),
                      # The disclosure log's scheduler reads the granted answers (app.services.publication).
                      db.Index("ix_cases_outcome_answered", "outcome", "answered_at"))

    id = db.Column(db.Integer, primary_key=True)
    reference = db.Column(db.String(20), unique=True, nullable=False)
    kind = db.Column(db.String(30), nullable=False)   # indexed as the first column of ix_cases_kind_*
    state = db.Column(db.String(30), nullable=False, index=True)
    channel = db.Column(db.String(30), nullable=False)
    language = db.Column(db.String(2), nullable=False, default="ar")
    received_at = db.Column(db.DateTime, nullable=False)      # UTC
    # Statistics (app.services.statistics): the receipt's local date, derived at insert.
    received_on = db.Column(db.Date, nullable=False, default=_received_on)
    registered_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    access_code_hash = db.Column(db.String(255), nullable=False)
    party_id = db.Column(db.Integer, db.ForeignKey("parties.id"), nullable=False)
    assignee_id = db.Column(db.Integer, db.ForeignKey("users.id"), index=True)
    unit = db.Column(db.String(30), nullable=False)
    # The portal form's one-time key: a form posted twice registers one case.
    submission_key = db.Column(db.String(64), unique=True)

    # Information request (art. 14)
    information_requested = db.Column(db.Text)
    urgent = db.Column(db.Boolean, nullable=False, default=False)
    urgency_reason = db.Column(db.Text)
    access_form = db.Column(db.String(30))

    # Complaint (decree 2.17.265)
    complaint_kind = db.Column(db.String(20))
    category = db.Column(db.String(60))
    subject = db.Column(db.String(300))
    description = db.Column(db.Text)

    # The answer and what followed it
    extended = db.Column(db.Boolean, nullable=False, default=False)
    outcome = db.Column(db.String(30))
    grounds = db.Column(db.JSON, nullable=False, default=list)
    answer_text = db.Column(db.Text)
    answered_at = db.Column(db.DateTime)
    # A partial grant's withheld parts, [{"part", "ground"}] (art. 18), and how a grant
    # delivers the information, {"form", "place", "date", …} (art. 14, art. 5).
    withheld = db.Column(db.JSON)
    delivery = db.Column(db.JSON)
    # The first answer, for the statistics (app.services.answer_timing): its Casablanca
    # date and the answer deadline then in force (None: it had run out, a late answer).
    answered_on = db.Column(db.Date)
    answer_due_on = db.Column(db.Date)
    head_decision = db.Column(db.String(20))
    decided_at = db.Column(db.DateTime)
    # Why an inadmissible request was (``workflows.statute.INADMISSIBILITY_REASONS``).
    inadmissible_reason = db.Column(db.String(40))
    # The remedies after the head (arts. 20–21): {"cdai": {"filed_on", "reference",
    # "decision", "decided_on"}, "court": {"filed_on", "court_reference", ...}}, ISO dates; replaced whole.
    remedies = db.Column(db.JSON)
    competent_body = db.Column(db.String(300))
    rating = db.Column(db.Integer)
    reopen_count = db.Column(db.Integer, nullable=False, default=0)
    closed_at = db.Column(db.DateTime, index=True)   # the retention period runs from here

    # Art. 17: when an officer ruled that the urgent request is not urgent (``urgent`` keeps the ask).
    urgency_ruled_out_at = db.Column(db.DateTime)
    # Derived on every flush by app.models.case_index (never set by hand): the last day of the
    # running clock the body must meet (Casablanca), and 0 urgent / 1 with a deadline / 2 none.
    body_deadline = db.Column(db.Date)
    priority = db.Column(db.SmallInteger, nullable=False, default=2)

    # Optimistic lock: two concurrent transitions cannot both commit.
    version = db.Column(db.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}

    party = db.relationship("Party", lazy="joined")
    assignee = db.relationship("User", lazy="joined")
    clocks = db.relationship("Clock", back_populates="case", order_by="Clock.id",
                             cascade="all, delete-orphan")
    events = db.relationship("CaseEvent", back_populates="case", order_by="CaseEvent.id",
                             cascade="all, delete-orphan")
    letters = db.relationship("Letter", back_populates="case", order_by="Letter.id",
                              cascade="all, delete-orphan")
    attachments = db.relationship("Attachment", back_populates="case", cascade="all, delete-orphan")
    released_documents = db.relationship("ReleasedDocument", back_populates="case", order_by="ReleasedDocument.id")
    search_document = db.relationship("CaseSearchDocument", uselist=False, cascade="all, delete-orphan",
                                      passive_deletes=True)
    tags = db.relationship("Tag", secondary="case_tags", order_by="Tag.name", passive_deletes=True)
    notes = db.relationship("CaseNote", order_by="CaseNote.id", cascade="all, delete-orphan",
                            passive_deletes=True)

    @property
    def is_information_request(self) -> bool:
        return self.kind == CaseKind.INFORMATION_REQUEST.value

    @property
    def urgent_now(self) -> bool:
        """Handled as urgent (art. 17): asked for, and not ruled not urgent since."""
        return bool(self.urgent) and self.urgency_ruled_out_at is None

    @property
    def spec(self) -> CaseKindSpec:
        """This kind's registry entry (workflow, clocks, letters, unit)."""
        return spec(self.kind)

    @property
    def phase(self) -> Phase:
        """Where the case stands (``workflows.kinds.Phase``); raises ValueError on an unknown state."""
        return phase(self.kind, self.state)

    def running_clocks(self):
        return [c for c in self.clocks if c.status == "running"]

    def clock(self, period: str):
        """The latest clock of ``period`` (running or not), or None."""
        return next((c for c in reversed(self.clocks) if c.period == period), None)
