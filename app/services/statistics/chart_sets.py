"""Which charts the staff page, the public page and the reports draw, and their data tables.

A chart is a set of breakdowns over one family of keys (one series per indicator);
its data table carries the same values, for screen readers and print.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.services.statistics import charts
from app.services.statistics.keys import key_labels

SERIES_NAMES = {"requests": _l("Information requests"), "complaints": _l("Complaints, observations and proposals"),
                "workload": _l("Open cases")}


@dataclass(frozen=True)
class ChartSpec:
    """A chart: ``series`` (indicator ids) over the keys of ``family``; ``extra`` adds
    ``(key, scalar indicator id)`` categories after the breakdown's keys."""

    id: str
    title: object
    family: str
    series: tuple[str, ...]
    horizontal: bool = False
    extra: tuple[tuple[str, str], ...] = ()
    value_label: object = _l("Number of cases")


@dataclass
class ChartView:
    """A drawn chart: title, the SVG as a ``data:`` URI, and its data table."""

    id: str
    title: str
    uri: str
    headers: list[str]
    rows: list[tuple[str, list]] = field(default_factory=list)
    svg: str = ""


BY_MONTH = ChartSpec("by_month", _l("Cases received by month"), "month",
                     ("requests.by_month", "complaints.by_month"))
BY_CHANNEL = ChartSpec("by_channel", _l("Cases received by channel"), "channel",
                       ("requests.by_channel", "complaints.by_channel"), horizontal=True)
ANSWERS = ChartSpec("answers", _l("Requests answered on time, late, or by deemed refusal"), "timeliness",
                    ("requests.timeliness",), extra=(("deemed_refusal", "requests.deemed_refusals"),))
OUTCOMES = ChartSpec("outcomes", _l("Answers to requests by outcome"), "outcome", ("requests.by_outcome",),
                     horizontal=True)
GROUNDS = ChartSpec("grounds", _l("Refusal grounds cited"), "ground", ("requests.grounds",), horizontal=True)
CATEGORIES = ChartSpec("categories", _l("Complaints by category"), "category", ("complaints.by_category",),
                       horizontal=True)
COMPLAINT_KINDS = ChartSpec("complaint_kinds", _l("Complaints, observations and proposals"), "complaint_kind",
                            ("complaints.by_kind",))
COMPLAINT_TIMES = ChartSpec("complaint_times", _l("Complaints answered within 60 days"), "complaint_timeliness",
                            ("complaints.timeliness",))
RATINGS = ChartSpec("ratings", _l("Satisfaction ratings (1 poor – 5 very good)"), "rating", ("complaints.ratings",),
                    value_label=_l("Number of ratings"))
WORKLOAD = ChartSpec("workload", _l("Open cases per officer (today)"), "officer", ("workload.open_by_officer",),
                     horizontal=True)

STAFF = (BY_MONTH, BY_CHANNEL, ANSWERS, OUTCOMES, GROUNDS, CATEGORIES, COMPLAINT_KINDS, COMPLAINT_TIMES,
         RATINGS, WORKLOAD)
PUBLIC = (BY_MONTH, BY_CHANNEL, ANSWERS, OUTCOMES, CATEGORIES, COMPLAINT_TIMES)
INFORMATION_REPORT = (BY_MONTH, BY_CHANNEL, ANSWERS, OUTCOMES, GROUNDS)
COMPLAINTS_REPORT = (BY_MONTH, BY_CHANNEL, CATEGORIES, COMPLAINT_KINDS, COMPLAINT_TIMES, RATINGS)


def draw(spec: ChartSpec, values: dict, lang: str, officers: dict[str, dict[str, str]] | None = None,
         series: tuple[str, ...] | None = None, outlines: bool = False) -> ChartView | None:
    """The chart ``spec`` of ``values`` (exact or published figures) in ``lang``; None when it has no data.

    Args:
        spec: the chart.
        values: indicator id → value (as ``Figures.values`` or ``published.published``).
        lang: ``ar`` or ``fr``.
        officers: username → {lang: full name in that script} (workload).
        series: the indicators to draw, a subset of ``spec.series`` (e.g. one kind only).
        outlines: text drawn as shapes (for a PDF; see ``charts.bars``).
    """
    ids = [i for i in (series or spec.series) if i in values and isinstance(values[i], dict)]
    if not ids:
        return None
    keys = list(dict.fromkeys(k for i in ids for k in values[i])) + [k for k, _ in spec.extra]
    if not keys:
        return None
    columns = [[_value(values, i, spec, k) for k in keys] for i in ids]
    labels = key_labels(spec.family, keys, lang, officers)
    with force_locale(lang):
        names = [str(SERIES_NAMES[i.split(".")[0]]) for i in ids]
        title, value_label = str(spec.title), str(spec.value_label)
    categories = [_short_month(labels[k], spec, keys) for k in keys]
    svg = charts.bars(categories, [charts.Series(n, c) for n, c in zip(names, columns, strict=True)], lang,
                      horizontal=spec.horizontal, value_label=value_label, outlines=outlines)
    rows = [(labels[k], [c[n] for c in columns]) for n, k in enumerate(keys)]
    return ChartView(spec.id, title, charts.data_uri(svg), names, rows, svg)


def _value(values: dict, indicator_id: str, spec: ChartSpec, key: str):
    extra = dict(spec.extra)
    if key in extra:
        return values.get(extra[key]) if indicator_id == spec.series[0] else None
    return values[indicator_id].get(key, 0)


def _short_month(label: str, spec: ChartSpec, keys: list[str]) -> str:
    """Within one year, a month is named without the year on the chart (the table keeps it)."""
    if spec.family != "month" or len({k[:4] for k in keys}) != 1:
        return label
    return label.rsplit(" ", 1)[0]
