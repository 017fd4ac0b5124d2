"""The small-count rule: no count from 1 to 4 is shown, nor can be worked out from what is shown."""
import itertools
import random

import pytest

from app.services.statistics.disclosure import SMALL, WITHHELD, Sum, bounds_of, protect


def channels(total, **parts):
    values = {"t": total, **{f"t:{k}": v for k, v in parts.items()}}
    return values, [Sum("t", tuple(f"t:{k}" for k in parts))]


def test_large_counts_and_zeros_are_shown_as_they_are():
    values, sums = channels(30, portal=20, post=10, email=0)
    assert protect(values, sums) == values


def test_a_lone_small_count_gets_a_complementary_suppression():
    values, sums = channels(30, portal=20, post=7, email=3)
    shown = protect(values, sums)
    assert shown == {"t": 30, "t:portal": 20, "t:post": WITHHELD, "t:email": SMALL}   # 30 − 20 − post ≠ email


def test_two_ones_would_be_worked_out_from_the_total_so_a_third_count_is_withheld():
    values, sums = channels(12, portal=10, post=1, email=1)     # 12 − 10 = 2 = 1 + 1
    shown = protect(values, sums)
    assert shown["t:post"] == shown["t:email"] == SMALL and shown["t:portal"] == WITHHELD


def test_when_withholding_one_more_count_is_not_enough_the_breakdown_is_withheld():
    values, sums = channels(6, portal=5, post=1)       # portal ≥ 5 would leave post = 1
    shown = protect(values, sums)
    assert shown == {"t": 6, "t:portal": WITHHELD, "t:post": WITHHELD}


def test_a_count_whose_rest_is_small_is_withheld():
    values = {"t": 20, "extended": 17, "extended~rest": 3}
    shown = protect(values, [Sum("t", ("extended", "extended~rest"), frozenset({"extended~rest"}))])
    assert shown == {"t": 20, "extended": WITHHELD}


def test_a_subtotal_from_another_sum_counts_as_published():
    values = {"t": 40, "t:answered": 6, "t:open": 34, "o:granted": 5, "o:refused": 1}
    sums = [Sum("t", ("t:answered", "t:open")), Sum("t:answered", ("o:granted", "o:refused"))]
    shown = protect(values, sums)
    # answered (6) is published, so granted ≥ 5 would leave refused = 1: the breakdown is withheld whole
    assert shown == {"t": 40, "t:answered": 6, "t:open": 34, "o:granted": WITHHELD, "o:refused": WITHHELD}
    assert not _ambiguous_small_counts_missing(values, shown, sums)


def _ambiguous_small_counts_missing(values, shown, sums):
    consistent = _consistent(values, shown, sums)
    return [c for c, v in values.items() if 0 < v < 5 and len({a[c] for a in consistent}) == 1]


@pytest.mark.parametrize("seed", range(60))
def test_random_breakdowns_never_reveal_a_small_count(seed):
    rng = random.Random(seed)
    parts = {f"k{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 20]) for i in range(rng.randint(1, 6))}
    sub = {f"s{i}": 0 for i in range(2)}
    first = next(iter(parts))
    split = rng.randint(0, parts[first])
    sub.update(s0=split, s1=parts[first] - split)
    values = {"t": sum(parts.values()), **{f"t:{k}": v for k, v in parts.items()}, **{f"u:{k}": v for k, v in sub.items()}}
    sums = [Sum("t", tuple(f"t:{k}" for k in parts)), Sum(f"t:{first}", ("u:s0", "u:s1"))]
    shown = protect(values, sums)
    assert all(shown[c] in (SMALL, WITHHELD) for c, v in values.items() if 0 < v < 5)
    # brute force: every assignment consistent with what is shown must leave each small count ambiguous
    assert not _ambiguous_small_counts_missing(values, shown, sums), (values, shown)


def _consistent(values, shown, sums):
    """Every assignment a reader who knows the rule finds consistent with what is shown.

    "x" in a breakdown that still shows other figures is 5 or more (rule 3); a breakdown
    shown all "x" was withheld whole, so its cells may be anything.
    """
    cells, top = list(values), max(values.values()) + 1
    whole = {p for s in sums if all(shown[q] == WITHHELD for q in s.parts) for p in s.parts}
    ranges = []
    for c in cells:
        s = shown[c]
        ranges.append([s] if isinstance(s, int) else range(1, 5) if s == SMALL
                      else range(0, top) if c in whole else range(5, top))
    out = []
    for combo in itertools.product(*ranges):
        a = dict(zip(cells, combo, strict=True))
        if all(a[s.total] == sum(a[p] for p in s.parts) for s in sums):
            out.append(a)
    return out


def test_bounds_propagate_through_nested_sums():
    values = {"t": 10, "a": 6, "b": 4, "b1": 3, "b2": 1}
    state = {"t": "exact", "a": "exact", "b": "small", "b1": "small", "b2": "small"}
    bounds = bounds_of(values, state, [Sum("t", ("a", "b")), Sum("b", ("b1", "b2"))], frozenset())
    assert bounds["b"] == (4, 4)        # 10 − 6: the subtotal is known, hence the rule's check
