"""Letters are rendered before the unit of work writes anything: no row or database lock is held
while a PDF is made (another connection still reads the old state at that moment)."""
from datetime import datetime

from sqlalchemy import text

from app.extensions import db

RECEIVED = datetime(2025, 10, 27, 9)


def committed(sql: str, **params):
    """What another connection sees now (the committed state)."""
    with db.engine.connect() as other:
        return other.execute(text(sql), params).all()


def test_registration_renders_the_receipt_before_its_first_write(register, monkeypatch):
    seen = []

    def render(html, data_uris=(), fetcher=None):
        pending = [o for o in db.session.new if type(o).__name__ == "Case"]
        seen.append((len(pending), pending[0].id, committed("SELECT count(*) FROM cases")[0][0]))
        return b"%PDF-1.4\n%%EOF\n"

    monkeypatch.setattr("app.services.letters.render_pdf", render)
    register(received_at=RECEIVED)
    assert seen == [(1, None, 0)]          # the case is not even flushed while its receipt is drawn


def test_a_transition_renders_its_letter_before_it_writes(register, staff, monkeypatch):
    from app.services.cases import fire

    case = register(received_at=RECEIVED).case
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=datetime(2025, 10, 28, 9))
    seen = []

    def render(html, data_uris=(), fetcher=None):
        seen.append((case.state, committed("SELECT state, version FROM cases WHERE id = :id", id=case.id)[0]))
        return b"%PDF-1.4\n%%EOF\n"

    monkeypatch.setattr("app.services.letters.render_pdf", render)
    version = case.version
    fire(case, "answer", {"outcome": "granted", "text": "Voici."}, actor=staff["officer"],
         now=datetime(2025, 11, 3, 9))
    # In memory the case is answered; in the database, untouched (and unlocked) until the flush.
    assert seen == [("answered", ("assigned", version))]
    assert committed("SELECT state FROM cases WHERE id = :id", id=case.id)[0][0] == "answered"
