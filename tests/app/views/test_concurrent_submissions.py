"""200 submissions at once through the API, from several threads: 200 distinct references, no error.

Each thread has its own test client, so each request its own app context, session and
connection. On PostgreSQL the reference counter's row lock is held for one statement;
on SQLite writers queue on the database lock (WAL, busy timeout) instead of failing.
"""
import threading
from collections import Counter

import pytest

from app.extensions import db
from app.models.case import Case
from tests.app.views.api_support import request_body
from tests.app.views.test_portal_support import portal  # noqa: F401

THREADS, EACH = 8, 25


@pytest.mark.slow
def test_200_concurrent_submissions_give_200_distinct_references_and_no_error(portal, app):  # noqa: F811
    barrier = threading.Barrier(THREADS, timeout=60)
    outcomes: list[tuple[int, str | None]] = []
    lock = threading.Lock()

    def submitter():
        client = app.test_client()
        barrier.wait()
        for _ in range(EACH):
            try:
                response = client.post("/api/v1/requests", json=request_body())
                outcome = (response.status_code, (response.get_json(silent=True) or {}).get("reference"))
            except Exception as exc:          # an error inside the app is an outcome to count, not a crash
                outcome = (500, repr(exc))
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=submitter) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    statuses = Counter(status for status, _ in outcomes)
    assert statuses == {201: THREADS * EACH}, outcomes[:5]
    references = [reference for _, reference in outcomes]
    assert len(set(references)) == THREADS * EACH
    with app.app_context():
        stored = db.session.execute(db.select(Case.reference)).scalars().all()
    assert sorted(stored) == sorted(references)
    numbers = sorted(int(r[-6:]) for r in references)
    assert numbers == list(range(numbers[0], numbers[0] + THREADS * EACH))   # none failed: no gap either
