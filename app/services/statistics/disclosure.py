"""Small counts on public figures: never shown, never derivable (primary and complementary suppression).

The rule (also in the README and the open-data dictionary):

1. Every count from 1 to 4 is published as "< 5" (``SMALL``). Zero is published as 0.
2. Figures that add up are checked together: a total and its breakdown (channels,
   months …), or a count and the rest of its total (requests extended, and by
   subtraction those not extended). What a reader can work out is computed by
   interval propagation over every published sum: "< 5" is 1 to 4, a withheld
   count is 5 or more, a rest nobody publishes is anything.
3. While some count under 5 (shown, or a rest) can be worked out exactly, one more
   count is withheld and shown as "x" (``WITHHELD``): the smallest other count of
   that sum; if none is left, the whole breakdown is withheld ("x" for each of its
   counts, which then says nothing, not even "5 or more"); as a last resort, the
   total. Then the check runs again.

Pure Python on plain dicts: cells are named ``"indicator"`` or ``"indicator:key"``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from math import inf

THRESHOLD = 5
SMALL = "<5"
WITHHELD = "x"
EXACT, SMALL_STATE, SECONDARY, BLANKED = "exact", "small", "secondary", "blanked"


@dataclass(frozen=True)
class Sum:
    """``total`` = the sum of ``parts`` (cell names); ``hidden`` parts are never published."""

    total: str
    parts: tuple[str, ...]
    hidden: frozenset[str] = frozenset()


def protect(values: dict[str, int], sums: Iterable[Sum], threshold: int = THRESHOLD) -> dict[str, int | str]:
    """The published value of every non-hidden cell: the count, ``SMALL`` or ``WITHHELD``.

    Args:
        values: every cell's true count, hidden rests included.
        sums: how the cells add up.
        threshold: counts below it (and above 0) are small.
    """
    sums = list(sums)
    hidden = frozenset().union(*(s.hidden for s in sums)) if sums else frozenset()
    state = {cell: (SMALL_STATE if 0 < v < threshold else EXACT) for cell, v in values.items() if cell not in hidden}
    for _ in range(4 * len(values) + 1):
        leak = next(iter(leaks(values, state, sums, hidden, threshold)), None)
        if leak is None:
            break
        _hide_more(leak, values, state, sums)
    return {cell: _shown(values[cell], s) for cell, s in state.items()}


def _shown(value: int, state: str) -> int | str:
    return value if state == EXACT else SMALL if state == SMALL_STATE else WITHHELD


def bounds_of(values: dict, state: dict, sums: list[Sum], hidden, threshold: int = THRESHOLD) -> dict:
    """What a reader of the published cells can tell of each cell: ``{cell: (low, high)}``."""
    start = {EXACT: None, SMALL_STATE: (1, threshold - 1), SECONDARY: (threshold, inf), BLANKED: (0, inf)}
    bounds = {cell: start[s] or (values[cell], values[cell]) for cell, s in state.items()}
    bounds.update({cell: (0, inf) for cell in hidden})
    for _ in range(50):
        changed = False
        for item in sums:
            changed |= _narrow(bounds, item)
        if not changed:
            break
    return bounds


def _narrow(bounds: dict, item: Sum) -> bool:
    """One propagation step over ``total = Σ parts``; True when a bound moved."""
    parts = [bounds[p] for p in item.parts]
    low_sum, high_sum = sum(lo for lo, _ in parts), sum(hi for _, hi in parts)
    t_lo, t_hi = bounds[item.total]
    new = {item.total: (max(t_lo, low_sum), min(t_hi, high_sum))}
    for name, (lo, hi) in zip(item.parts, parts, strict=True):
        others_lo, others_hi = low_sum - lo, high_sum - hi if hi != inf else _sum_without(parts, hi)
        new[name] = (max(lo, t_lo - others_hi), min(hi, t_hi - others_lo))
    changed = any(bounds[name] != value for name, value in new.items())
    bounds.update(new)
    return changed


def _sum_without(parts, high) -> float:
    """Σ of the parts' highs leaving out one part whose high is ``high`` (avoids inf − inf)."""
    highs = [hi for _, hi in parts]
    highs.remove(high)
    return sum(highs)


def leaks(values: dict, state: dict, sums: list[Sum], hidden, threshold: int = THRESHOLD) -> list[str]:
    """Cells with a count from 1 to ``threshold - 1`` that a reader can work out exactly."""
    bounds = bounds_of(values, state, sums, hidden, threshold)
    return [cell for cell, (lo, hi) in bounds.items() if lo == hi and 0 < values[cell] < threshold
            and state.get(cell) != EXACT]


def _hide_more(leak: str, values: dict, state: dict, sums: list[Sum]) -> None:
    """Withhold one more count around ``leak`` (rule 3); widens to neighbouring sums if needed."""
    around = [s for s in sums if leak == s.total or leak in s.parts]
    seen: set[int] = set()
    while around:
        for choose in (_smallest_part, _blank, _total):
            if choose(around, values, state):
                return
        seen |= {id(s) for s in around}
        cells = {c for s in around for c in (s.total, *s.parts)}
        around = [s for s in sums if id(s) not in seen and ({s.total, *s.parts} & cells)]


def _smallest_part(around, values, state) -> bool:
    shown = [p for s in around for p in s.parts if state.get(p) == EXACT and values[p] > 0]
    if not shown:
        return False
    state[min(shown, key=lambda p: (values[p], p))] = SECONDARY
    return True


def _blank(around, values, state) -> bool:
    parts = [p for s in around for p in s.parts if p in state and state[p] != BLANKED]
    for p in parts:
        state[p] = BLANKED
    return bool(parts)


def _total(around, values, state) -> bool:
    totals = [s.total for s in around if state.get(s.total) == EXACT and values[s.total] > 0]
    if not totals:
        return False
    state[min(totals, key=lambda t: (values[t], t))] = SECONDARY
    return True
