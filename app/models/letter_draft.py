"""A letter before it is issued: the action's payload, its author, its sign-off (issue 5 §4).

A draft holds what a staff action will do (``trigger`` and ``payload``) and the letter
it issues (``letter_kind``). Its life: ``draft`` (being written) → ``submitted`` (waiting
for the approver's sign-off, ``approver_role``) → ``issued`` (approved: the action was
fired and the letter issued in the same unit of work) or ``rejected`` (back to its
author with ``rejection_reason``, who edits and submits again); ``cancelled`` when its
author drops it or the action was taken another way. Nothing of a draft reaches the
applicant until it is issued; the statutory clocks keep running meanwhile.
"""
from enum import Enum

from app.extensions import db
from app.models.columns import utcnow


class DraftStatus(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REJECTED = "rejected"
    ISSUED = "issued"
    CANCELLED = "cancelled"


OPEN_STATUSES = (DraftStatus.DRAFT.value, DraftStatus.SUBMITTED.value, DraftStatus.REJECTED.value)


class LetterDraft(db.Model):
    __tablename__ = "letter_drafts"
    # The approval queue reads submitted drafts by approver role.
    __table_args__ = (db.Index("ix_letter_drafts_status_approver_role", "status", "approver_role"),)

    id = db.Column(db.Integer, primary_key=True)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False, index=True)
    trigger = db.Column(db.String(40), nullable=False)
    letter_kind = db.Column(db.String(40), nullable=False)
    payload = db.Column(db.JSON, nullable=False, default=dict)
    status = db.Column(db.String(12), nullable=False, default=DraftStatus.DRAFT.value)
    approver_role = db.Column(db.String(30))          # who must sign off (None: no sign-off needed)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    approver_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    rejection_reason = db.Column(db.Text)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    submitted_at = db.Column(db.DateTime)
    decided_at = db.Column(db.DateTime)               # approved (and issued), rejected or cancelled
    # Optimistic lock: an approval and a rejection of the same draft cannot both commit.
    version = db.Column(db.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}

    case = db.relationship("Case")
    author = db.relationship("User", foreign_keys=[author_id])
    approver = db.relationship("User", foreign_keys=[approver_id])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
