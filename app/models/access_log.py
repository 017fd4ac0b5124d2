"""Who looked: one row per staff view or download of a case's personal data (Law 09-08).

Written with one INSERT per page (``app.services.access_log``); read by the
administrator, newest first, filtered by case or staff member.
"""
from app.extensions import db
from app.models.columns import utcnow


class AccessLogEntry(db.Model):
    __tablename__ = "access_log"
    __table_args__ = (db.Index("ix_access_log_case_id_id", "case_id", "id"),
                      db.Index("ix_access_log_user_id_id", "user_id", "id"))

    id = db.Column(db.Integer, primary_key=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    case_id = db.Column(db.Integer, db.ForeignKey("cases.id"), nullable=False)
    # case, list, letter, attachment, export_json, export_pdf, rectification (see app.services.access_log)
    what = db.Column(db.String(20), nullable=False)
    item_id = db.Column(db.Integer)          # the letter or attachment downloaded
    channel = db.Column(db.String(5), nullable=False, default="web")   # web | api

    user = db.relationship("User")
    case = db.relationship("Case")
