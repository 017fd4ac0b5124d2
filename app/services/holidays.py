"""The official holiday table: seeding and changes that recompute open cases' deadlines."""
from app.extensions import db
from app.models.holiday import Holiday
from workflows.official_holidays import OFFICIAL_HOLIDAYS


def seed_official_holidays() -> int:
    """Insert the observed official dates (LAW.md §3) not yet in the table; returns how many."""
    known = set(db.session.execute(db.select(Holiday.day)).scalars())
    added = 0
    for row in OFFICIAL_HOLIDAYS:
        if row.day not in known:
            db.session.add(Holiday(day=row.day, key=row.key, name_ar=row.name_ar, name_fr=row.name_fr,
                                   kind=row.kind, status=row.status))
            added += 1
    db.session.commit()
    return added
