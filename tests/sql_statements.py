"""Count the SQL statements a block of code runs (tests of fixed, small query counts)."""
from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db


@contextmanager
def statements():
    """Collect, in a list, the SQL text of every statement run on the app's engine inside the block."""
    seen = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
