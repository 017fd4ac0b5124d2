"""A staff member's signed-in session, kept on the server so that signing out ends it everywhere.

The session cookie carries a random session id; only its SHA-256 is stored. Each
request checks the row (``app.auth.load_user``): once ended or expired, a copy of
the cookie taken earlier opens nothing.
"""
from app.extensions import db
from app.models.columns import utcnow


class StaffSession(db.Model):
    __tablename__ = "staff_sessions"

    id_hash = db.Column(db.String(64), primary_key=True)        # SHA-256 of the id in the cookie
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False, index=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime, nullable=False)          # STAFF_SESSION_HOURS after sign-in
    ended_at = db.Column(db.DateTime)                            # signed out

    user = db.relationship("User", lazy="joined")
