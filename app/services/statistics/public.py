"""The portal's statistics: a snapshot of the published figures and charts, refreshed by the scheduler.

The scheduler process (``app.scheduler``) calls ``refresh`` at start and every
``PUBLIC_STATISTICS_REFRESH_MINUTES``; the pages read the latest snapshot (one
indexed row). Should the scheduler be down, the first page view after
``PUBLIC_STATISTICS_MAX_AGE_HOURS`` computes a new one, so the page is never older
than that. Figures cover the current and the previous year (receipt dates in
Africa/Casablanca), with the small-count rule applied before anything is stored.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from flask import current_app

from app.extensions import db
from app.models.statistics_snapshot import StatisticsSnapshot
from app.services.calendar import utc_now
from app.services.statistics import chart_sets
from app.services.statistics.figures import compute
from app.services.statistics.period import year
from app.services.statistics.published import published
from workflows.calendar import local_date

LANGUAGES = ("ar", "fr")
KEPT = 10      # snapshots kept (the older ones are deleted)


def public_years(now: datetime) -> list[int]:
    """The current and the previous year (Casablanca), newest first."""
    current = local_date(now).year
    return [current, current - 1]


def refresh(now: datetime | None = None) -> StatisticsSnapshot:
    """Compute, protect and draw the public statistics, store them as the latest snapshot; commit."""
    now = now or utc_now()
    figures, charts = {}, {lang: {} for lang in LANGUAGES}
    for value in public_years(now):
        period = year(value)
        shown = published(compute(period, now=now))
        figures[str(value)] = {"from": period.start.isoformat(), "to": period.end.isoformat(), "figures": shown}
        for lang in LANGUAGES:
            for spec in chart_sets.PUBLIC:
                view = chart_sets.draw(spec, shown, lang)
                if view is not None:
                    charts[lang][f"{value}:{spec.id}"] = {k: v for k, v in asdict(view).items() if k != "svg"}
    snapshot = StatisticsSnapshot(computed_at=now, figures=figures, charts=charts)
    db.session.add(snapshot)
    db.session.flush()
    _prune(snapshot.id)
    db.session.commit()
    return snapshot


def _prune(latest_id: int) -> None:
    keep = db.select(StatisticsSnapshot.id).order_by(StatisticsSnapshot.computed_at.desc()).limit(KEPT)
    kept = set(db.session.execute(keep).scalars()) | {latest_id}
    db.session.execute(db.delete(StatisticsSnapshot).where(StatisticsSnapshot.id.not_in(kept)))


def latest() -> StatisticsSnapshot | None:
    """The newest snapshot, or None."""
    stmt = db.select(StatisticsSnapshot).order_by(StatisticsSnapshot.computed_at.desc()).limit(1)
    return db.session.execute(stmt).scalar_one_or_none()


def current(now: datetime | None = None) -> StatisticsSnapshot:
    """The newest snapshot, computed first when there is none or it is older than the allowed age."""
    now = now or utc_now()
    snapshot = latest()
    max_age = timedelta(hours=current_app.config["PUBLIC_STATISTICS_MAX_AGE_HOURS"])
    if snapshot is None or now - snapshot.computed_at > max_age:
        snapshot = refresh(now)
    return snapshot
