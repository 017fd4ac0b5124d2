"""The public indicators of a period, with the small-count rule applied (``disclosure.py``).

Only indicators marked ``public`` are kept. Counts become a number, ``"<5"`` or
``"x"``; a median or mean is published only when at least 5 cases make it (else None).
"""
from __future__ import annotations

from app.services.statistics.disclosure import THRESHOLD, Sum, protect
from app.services.statistics.figures import Figures
from app.services.statistics.indicators import PUBLIC, Indicator

# A mean or median → the count of the cases it is computed over.
AVERAGED_OVER = {
    "requests.answer_days_median": "requests.by_status:answered",
    "requests.answer_days_mean": "requests.by_status:answered",
    "complaints.answer_days_median": "complaints.by_status:answered",
    "complaints.answer_days_mean": "complaints.by_status:answered",
    "complaints.rating_mean": "complaints.rated",
}


def published(figures: Figures, scopes: tuple[str, ...] = ("requests", "complaints")) -> dict:
    """``{indicator id: value or {key: value}}`` of the public indicators of ``scopes``, protected."""
    indicators = [i for i in PUBLIC if i.scope in scopes]
    cells = cells_of(figures, indicators)
    shown = protect(cells, sums_of(cells, indicators))
    out: dict = {}
    for item in indicators:
        if item.unit != "count":
            out[item.id] = _average(figures, cells, item)
        elif item.keys:
            out[item.id] = {key: shown[f"{item.id}:{key}"] for key in figures[item.id]}
        else:
            out[item.id] = shown[item.id]
    return out


def cells_of(figures: Figures, indicators: list[Indicator]) -> dict[str, int]:
    """Every count of ``indicators`` as a named cell (``id`` or ``id:key``)."""
    cells: dict[str, int] = {}
    for item in indicators:
        if item.unit != "count":
            continue
        value = figures[item.id]
        if item.keys:
            cells.update({f"{item.id}:{key}": int(n) for key, n in value.items()})
        else:
            cells[item.id] = int(value)
    return cells


def sums_of(cells: dict[str, int], indicators: list[Indicator]) -> list[Sum]:
    """How the cells add up: each breakdown to its parent, each count and its rest to theirs.

    The rest of a count (its parent minus it) is added to ``cells`` as a hidden cell.
    """
    sums = []
    for item in indicators:
        if item.unit != "count" or item.parent is None or item.parent not in cells:
            continue
        if item.relation == "partition":
            sums.append(Sum(item.parent, tuple(c for c in cells if c.startswith(item.id + ":"))))
        elif item.relation == "subset":
            rest = item.id + "~rest"
            cells[rest] = cells[item.parent] - cells[item.id]
            sums.append(Sum(item.parent, (item.id, rest), frozenset({rest})))
    return sums


def _average(figures: Figures, cells: dict[str, int], item: Indicator):
    over = AVERAGED_OVER.get(item.id)
    if over is None or cells.get(over, 0) < THRESHOLD:
        return None
    return figures[item.id]
