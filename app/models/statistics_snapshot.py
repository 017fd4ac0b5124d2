"""The public statistics as last published: figures already protected, charts already drawn.

Written by the scheduler process (``app.services.statistics.public.refresh``), read by the
portal's statistics page and open-data files, so a page view runs no heavy query. Only
protected figures (small counts shown as "< 5") are ever stored here.
"""
from app.extensions import db
from app.models.columns import utcnow


class StatisticsSnapshot(db.Model):
    __tablename__ = "statistics_snapshots"

    id = db.Column(db.Integer, primary_key=True)
    computed_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)   # UTC
    figures = db.Column(db.JSON, nullable=False)   # {year: {indicator: value}} as published
    charts = db.Column(db.JSON, nullable=False)    # {lang: {chart id: SVG text}}
