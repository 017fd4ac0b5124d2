"""An API bearer token of a staff account: named, expiring, revocable; only its SHA-256 is stored."""
import hashlib

from app.extensions import db
from app.models.columns import utcnow


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False, index=True)
    name = db.Column(db.String(80), nullable=False, default="")
    token_hash = db.Column(db.String(64), unique=True, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime, nullable=False)
    last_used_at = db.Column(db.DateTime)
    revoked_at = db.Column(db.DateTime)
    revoked_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))

    user = db.relationship("User", foreign_keys=[user_id], back_populates="api_tokens")
    revoked_by = db.relationship("User", foreign_keys=[revoked_by_id])

    def usable(self, now) -> bool:
        """Not revoked, not expired at ``now`` (naive UTC), and its owner is active."""
        return self.revoked_at is None and self.expires_at > now and bool(self.user and self.user.active)


def hash_token(token: str) -> str:
    """The stored form of a bearer token (a high-entropy random string, so a plain SHA-256)."""
    return hashlib.sha256(token.encode()).hexdigest()
