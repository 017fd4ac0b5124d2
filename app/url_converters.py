"""URL converters: an ``<int:…>`` in a route is a row id, read so that a huge one names no row.

Werkzeug's ``int`` accepts any length of digits; a URL id past the database's INTEGER
(e.g. ``/drafts/99999999999999999999``) would reach the query and fail there (SQLite:
OverflowError; PostgreSQL: out of range), a 500 instead of "no such row". Ids are
``db.Integer`` columns on both engines (32-bit on PostgreSQL), and ids start at 1: a
larger number is read as 0, which no row has, so each view answers its own 404.

(Refusing it in the converter instead would make Werkzeug answer 405 whenever another
method's route has the same path, since it checks the method before the conversion.)
"""
from werkzeug.routing import IntegerConverter

MAX_ROW_ID = 2**31 - 1   # PostgreSQL INTEGER, the smaller of the two engines' id ranges
NO_ROW = 0


class RowIdConverter(IntegerConverter):
    """``int`` for row ids: a number past ``MAX_ROW_ID`` is read as ``NO_ROW``."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= MAX_ROW_ID else NO_ROW


def init_app(app) -> None:
    """Make every ``<int:…>`` route argument a row id (before any blueprint is registered)."""
    app.url_map.converters["int"] = RowIdConverter
