"""Bar charts as SVG, drawn on the server with matplotlib (no JavaScript), mirrored for Arabic.

Text stays text in the SVG (``svg.fonttype: none``): the browser or WeasyPrint shapes
the Arabic with the page's fonts, and screen readers and copy-paste get real words.
In Arabic the charts read right to left: the first month or category on the right,
the value axis on the right, horizontal bars growing leftwards. Each chart is shown
as an ``<img>`` (a ``data:`` URI, allowed by the CSP's ``img-src``; an SVG image
runs no script) followed by its data table for screen readers. Labels are never
parsed as mathtext, and matplotlib escapes every string it writes.
"""
from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

PALETTE = ("#1f5f3a", "#c8892b", "#3b6ea5", "#8c4b7a")
NOT_SHOWN = "#9aa39d"
RC = {
    "svg.fonttype": "none", "svg.hashsalt": "nafida", "text.parse_math": False,
    "font.family": ["Noto Sans", "Noto Sans Arabic", "DejaVu Sans"], "font.size": 10,
    "axes.spines.top": False, "axes.edgecolor": "#555555", "axes.titlesize": 11,
}
WRAP = 34    # characters per line of a category label


@dataclass(frozen=True)
class Series:
    """One series of bars: its name and a value per category (int, "<5", "x" or None)."""

    name: str
    values: Sequence


def bars(categories: Sequence[str], series: Sequence[Series], lang: str, horizontal: bool = False,
         value_label: str = "", outlines: bool = False) -> str:
    """An SVG bar chart of ``series`` over ``categories`` (labels already in ``lang``).

    A value that is not a number ("<5", "x") draws no bar: its text is written at
    the bar's foot instead, so that the chart shows no more than the table.
    ``outlines`` draws the text as shapes, laid out by matplotlib (libraqm shapes and
    orders the Arabic): for WeasyPrint, whose SVG text does not shape Arabic.
    """
    rtl = lang == "ar"
    with rc_context({**RC, "svg.fonttype": "path" if outlines else "none"}):
        rows = sum(max(len(series), _wrap(c).count("\n") + 1) for c in categories)
        height = max(2.2, 0.3 * rows + 0.9) if horizontal else 3.2
        fig = Figure(figsize=(7.2, height))
        ax = fig.add_subplot()
        _draw(ax, [_wrap(c) for c in categories], series, horizontal, rtl)
        _orient(ax, horizontal, rtl)
        if value_label:
            (ax.set_xlabel if horizontal else ax.set_ylabel)(value_label)
        top = 1.0
        if len(series) > 1:   # above the plot, where it hides no bar
            fig.legend(loc="upper right" if rtl else "upper left", ncols=len(series), frameon=False,
                       markerfirst=not rtl, fontsize=9)
            top = 1 - 0.42 / height
        fig.tight_layout(rect=(0, 0, 1, top))
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, WRAP)) or label


def _draw(ax, categories, series, horizontal: bool, rtl: bool) -> None:
    width = 0.8 / max(1, len(series))
    positions = list(range(len(categories)))
    for n, item in enumerate(series):
        offsets = [p - 0.4 + width * (n + 0.5) for p in positions]
        numbers = [v if isinstance(v, (int, float)) else 0 for v in item.values]
        draw = ax.barh if horizontal else ax.bar
        draw(offsets, numbers, width * 0.92, label=item.name, color=PALETTE[n % len(PALETTE)])
        for offset, number, value in zip(offsets, numbers, item.values, strict=True):
            _value_text(ax, offset, number, value, horizontal, rtl)
    (ax.set_yticks if horizontal else ax.set_xticks)(positions, categories)
    (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    if not horizontal and len(categories) > 6:
        for label in ax.get_xticklabels():
            label.set(rotation=45, horizontalalignment="right", rotation_mode="anchor")
    ax.margins(**({"x": 0.12} if horizontal else {"y": 0.14}))


def _value_text(ax, offset, number, value, horizontal, rtl) -> None:
    """The value written at the bar's end; a value shown as "< 5" or "x" is written at its foot, in grey."""
    if value is None:
        return
    colour = "#222222" if isinstance(value, (int, float)) else NOT_SHOWN
    if horizontal:
        ax.annotate(_text(value), (number, offset), xytext=(-3 if rtl else 3, 0), textcoords="offset points",
                    ha="right" if rtl else "left", va="center", fontsize=8, color=colour)
    else:
        ax.annotate(_text(value), (offset, number), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, color=colour)


def _text(value) -> str:
    if value is None:
        return ""
    if value == "<5":
        return "< 5"
    return str(value)


def _orient(ax, horizontal: bool, rtl: bool) -> None:
    """First category at the top (horizontal) or the start of the reading direction; mirrored in Arabic."""
    if horizontal:
        ax.invert_yaxis()
    if rtl:
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
        ax.spines["left"].set_visible(False)
        ax.spines["right"].set_visible(True)
    else:
        ax.spines["right"].set_visible(False)


def data_uri(svg: str) -> str:
    """The SVG as a ``data:image/svg+xml;base64,…`` URI for an ``<img>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
