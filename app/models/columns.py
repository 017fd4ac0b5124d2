"""Column helpers shared by the models."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """The current instant in UTC, naive (how every timestamp is stored)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
