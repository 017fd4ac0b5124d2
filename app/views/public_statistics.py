"""The public statistics page and the open data (issue 9 §3): no login, no personal data.

Every response reads the latest snapshot (``app.services.statistics.public``), whose
figures are already protected; the open-data URLs are stable and cacheable.
"""
from flask import Blueprint, Response, jsonify, render_template
from flask_babel import get_locale

from app import labels
from app.services.statistics import public
from app.services.statistics.indicators import INDICATORS, PUBLIC
from app.services.statistics.keys import key_labels
from app.services.statistics.opendata import RULE, as_csv, as_json, dictionary_csv

bp = Blueprint("public_statistics", __name__)
bp.record_once(labels.register)
CACHE = "public, max-age=3600"


@bp.get("/statistics")
def page():
    """Headline figures and charts of the current and previous years, with their tables and definitions."""
    snapshot, lang = public.current(), str(get_locale() or "ar")
    years = [(year, entry, _table(entry["figures"], lang)) for year, entry in snapshot.figures.items()]
    charts = snapshot.charts.get(lang, {})
    return render_template("pages/portal/statistics.html", snapshot=snapshot, years=years, charts=charts,
                           rule=RULE[lang], indicators=PUBLIC, lang=lang)


def _table(figures: dict, lang: str) -> list[tuple]:
    """``(indicator, value or [(key name, value)])`` of one year's published figures, in table order."""
    rows = []
    for indicator_id, value in figures.items():
        item = INDICATORS[indicator_id]
        if isinstance(value, dict):
            names = key_labels(item.keys, value, lang)
            value = [(names[k], n) for k, n in value.items()]
        rows.append((item, value))
    return rows


@bp.get("/statistics.json")
def as_json_file():
    """The published figures and their dictionary as JSON."""
    response = jsonify(as_json(public.current()))
    response.headers["Cache-Control"] = CACHE
    return response


@bp.get("/statistics.csv")
def as_csv_file():
    """The published figures as CSV, one row per value."""
    return _csv(as_csv(public.current()), "nafida-statistics.csv")


@bp.get("/statistics/dictionary.csv")
def dictionary_file():
    """The data dictionary: each indicator's id, unit, labels and definition in Arabic and French."""
    return _csv(dictionary_csv(), "nafida-statistics-dictionary.csv")


def _csv(text: str, name: str) -> Response:
    response = Response("\ufeff" + text, mimetype="text/csv")   # the BOM lets spreadsheet programs read UTF-8
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = CACHE
    return response
