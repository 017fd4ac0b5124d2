"""The sweep's and the recompute's commits do not wait for the disk on PostgreSQL, and nothing else's."""
from sqlalchemy import text

from app.extensions import db
from app.services.derived_commits import asynchronous_commits


def synchronous_commit() -> str:
    value = db.session.execute(text("SHOW synchronous_commit")).scalar()
    db.session.commit()
    return value


def test_only_the_block_s_transactions_commit_asynchronously(ctx):
    if db.engine.dialect.name != "postgresql":
        with asynchronous_commits():   # SQLite: nothing to relax, nothing breaks
            assert db.session.execute(text("SELECT 1")).scalar() == 1
        return
    assert synchronous_commit() == "on"
    with asynchronous_commits():
        assert synchronous_commit() == "off"
        assert synchronous_commit() == "off"     # each transaction of the block, not only the first
    assert synchronous_commit() == "on"           # SET LOCAL: nothing leaks to the pooled connection
