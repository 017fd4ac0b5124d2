"""Engine settings per database: SQLite waits for its lock instead of failing.

SQLite allows one writer at a time. In WAL mode readers never block the writer nor
the writer the readers, and a writer that finds the lock taken waits up to
``SQLITE_BUSY_TIMEOUT_MS`` instead of failing at once with "database is locked".
Write transactions stay short (no PDF, hash or e-mail inside them), so the wait is
short. ``synchronous=NORMAL`` is SQLite's advice for WAL: a commit survives a crash of
the application, and only a power cut or an operating-system crash can lose the last
commits (never corrupt the file); production runs on PostgreSQL. Each connection keeps
up to ``SQLITE_CACHE_KIB`` of pages in memory (SQLite's default is 2 MiB): a bulk write
such as a holiday recompute touches tens of thousands of pages of a million-case file,
and a small cache spills them to the log and reads them back mid-transaction. The cache
grows only as pages are used. PostgreSQL needs nothing here.
"""
from sqlalchemy import event

from app.extensions import db


def init_app(app) -> None:
    """Set the SQLite pragmas on every new connection of the app's engines."""
    timeout = int(app.config.get("SQLITE_BUSY_TIMEOUT_MS", 30000))
    cache_kib = int(app.config.get("SQLITE_CACHE_KIB", 65536))

    def on_connect(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={timeout:d}")
            cursor.execute(f"PRAGMA cache_size=-{cache_kib:d}")     # negative: KiB, not pages
        finally:
            cursor.close()

    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", on_connect)
