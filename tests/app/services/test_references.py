"""Reference numbers are drawn in a short transaction of their own: never reused, distinct under
concurrency, and a registration that fails after drawing one leaves a gap, not a duplicate."""
from datetime import datetime

import pytest

from app.extensions import db
from app.models.reference import ReferenceCounter
from app.services.references import next_reference

RECEIVED = datetime(2025, 10, 27, 9)


def test_a_number_is_committed_at_once_whatever_the_caller_does(ctx):
    first = next_reference("information_request", 2031)
    db.session.rollback()                          # the caller gives up: the number stays drawn
    assert next_reference("information_request", 2031) == first[:-6] + "000002"
    counter = db.session.get(ReferenceCounter, ("DAI", 2031))
    assert counter.last_value == 2


def test_a_registration_that_fails_after_drawing_leaves_a_gap(register, monkeypatch):
    first = register(received_at=RECEIVED).case.reference
    monkeypatch.setattr("app.services.registration.letters.issue_letter",
                        lambda *args, **kwargs: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        register(received_at=RECEIVED)
    monkeypatch.undo()
    third = register(received_at=RECEIVED).case.reference
    assert int(third[-6:]) == int(first[-6:]) + 2           # the failed one's number is skipped
