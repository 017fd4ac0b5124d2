"""URL converters: an ``<int:…>`` in a route is a row id, so it is bounded like one.

Werkzeug's ``int`` accepts any length of digits; a URL id past the database's
INTEGER (e.g. ``/drafts/99999999999999999999``) would reach the query and fail
there (SQLite: OverflowError; PostgreSQL: out of range), a 500 instead of "no such
row". Ids are ``db.Integer`` columns on both engines (32-bit on PostgreSQL), so a
larger number matches no route: 404.
"""
from werkzeug.routing import IntegerConverter

MAX_ROW_ID = 2**31 - 1   # PostgreSQL INTEGER, the smaller of the two engines' id ranges


class RowIdConverter(IntegerConverter):
    """``int`` for row ids: 0 … ``MAX_ROW_ID`` unless the route says otherwise."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app) -> None:
    """Make every ``<int:…>`` route argument a bounded row id (before any blueprint is registered)."""
    app.url_map.converters["int"] = RowIdConverter
