"""The law and the case workflows, in plain Python (no Flask, no SQLAlchemy)."""
