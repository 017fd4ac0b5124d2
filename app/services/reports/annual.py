"""The annual reports: access to information (Law 31.13) and complaints (decree 2.17.265).

Shaped as the CDAI's questionnaire asks: requests received, processed and in
progress, by channel and type, on time, average time in working days, outcomes by
ground, complaints to the head, to the CDAI, court cases, proactive publications;
the complaints report follows the same form. Every row is an indicator of
``app.services.statistics.indicators`` (one definition), in Arabic or French, with
exact counts (the report is the body's own account; the public page protects small
counts).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.services import disclosure_log
from app.services.calendar import utc_now
from app.services.statistics import chart_sets, compute
from app.services.statistics.chart_sets import ChartView
from app.services.statistics.indicators import INDICATORS
from app.services.statistics.keys import key_labels
from app.services.statistics.period import Filters, year

KINDS = {"information": "information_request", "complaints": "complaint"}
PROACTIVE = "proactive_publications"

# (section title in Arabic, in French, indicator ids) — the questionnaire's order.
SECTIONS = {
    "information": (
        ("الطلبات المتوصل بها", "Demandes reçues",
         ("requests.received", "requests.by_channel", "requests.by_type", "requests.by_month")),
        ("معالجة الطلبات", "Traitement des demandes",
         ("requests.by_status", "requests.timeliness", "requests.deemed_refusals", "requests.extended",
          "requests.answer_days_mean", "requests.answer_days_median")),
        ("مآل الطلبات وأسباب الرفض", "Issue des demandes et motifs de refus",
         ("requests.by_outcome", "requests.grounds")),
        ("الشكايات والطعون", "Réclamations et recours",
         ("requests.head_complaints", "requests.head_decisions", "requests.head_silences", "requests.cdai_complaints",
          "requests.cdai_decisions", "requests.cdai_silences", "requests.court_cases", "requests.court_judgments")),
        ("النشر الاستباقي (المادة 10)", "Publication proactive (art. 10)", (PROACTIVE,)),
    ),
    "complaints": (
        ("ما تم التوصل به", "Réclamations, observations et propositions reçues",
         ("complaints.received", "complaints.by_kind", "complaints.by_channel", "complaints.by_category",
          "complaints.by_month")),
        ("المعالجة", "Traitement",
         ("complaints.by_status", "complaints.timeliness", "complaints.overdue", "complaints.answer_days_mean",
          "complaints.answer_days_median")),
        ("التتبع ورضا المرتفقين", "Suivi et satisfaction des usagers",
         ("complaints.rated", "complaints.ratings", "complaints.rating_mean", "complaints.reopened")),
    ),
}
TITLES = {
    "information": {"ar": "التقرير السنوي حول الحق في الحصول على المعلومات",
                    "fr": "Rapport annuel sur le droit d'accès à l'information"},
    "complaints": {"ar": "التقرير السنوي حول الشكايات والملاحظات والاقتراحات",
                   "fr": "Rapport annuel sur les réclamations, observations et propositions"},
}
PROACTIVE_LABEL = {"ar": "الوثائق المنشورة استباقيا (المادة 10)",
                   "fr": "Documents publiés de manière proactive (art. 10)"}
# h9b-disclosure: counted on the disclosure log (entries published in the year and still on it).
PROACTIVE_KEYS = {"register": {"ar": "وثائق سجل النشر الاستباقي", "fr": "Documents du registre des publications"},
                  "answer": {"ar": "ردود على طلبات منشورة في سجل المعلومات المنشورة",
                             "fr": "Réponses à des demandes publiées sur le registre"}}
PROACTIVE_NOTE = {"ar": "ما نشر خلال السنة في سجل المعلومات المنشورة وما زال منشورا.",
                  "fr": "Publiés dans l'année sur le registre des informations publiées, et toujours en ligne."}


@dataclass
class Row:
    """One line of the report: an indicator, or one key of its breakdown (``level`` 1)."""

    indicator: str
    key: str
    label: str
    value: object
    level: int = 0
    note: str = ""


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Report:
    """A year's report in one language, ready for CSV, XLSX or PDF."""

    kind: str
    year: int
    lang: str
    title: str
    computed_at: datetime
    sections: list[Section]
    charts: list[ChartView] = field(default_factory=list)


def steps(kind: str) -> int:
    """How many steps ``build`` reports through its ``step`` callback (for a progress bar)."""
    return 1 + len(SECTIONS[kind]) + len(_chart_specs(kind))


def build(kind: str, report_year: int, lang: str, now: datetime | None = None, charts: bool = True,
          step: Callable[[], None] = lambda: None) -> Report:
    """The ``kind`` report (``information`` or ``complaints``) of ``report_year`` in ``lang``.

    Args:
        kind: ``information`` (Law 31.13) or ``complaints`` (decree 2.17.265).
        report_year: the year of receipt (Africa/Casablanca dates).
        lang: ``ar`` or ``fr``.
        now: the instant the figures are taken (naive UTC; default now).
        charts: draw the charts too (the PDF shows them).
        step: called after each step (``steps(kind)`` in all), e.g. to move a progress bar.

    Raises:
        KeyError: an unknown kind.
    """
    now = now or utc_now()
    figures = compute(year(report_year), Filters(kind=KINDS[kind]), now=now)
    step()
    sections = []
    for title_ar, title_fr, ids in SECTIONS[kind]:
        section = Section(title_fr if lang == "fr" else title_ar)
        for indicator_id in ids:
            section.rows += _rows(indicator_id, figures, lang, report_year)
        sections.append(section)
        step()
    views = []
    for spec in _chart_specs(kind) if charts else ():
        prefix = "requests." if kind == "information" else "complaints."
        view = chart_sets.draw(spec, figures.values, lang, series=tuple(s for s in spec.series if s.startswith(prefix)),
                               outlines=True)
        views += [view] if view else []
        step()
    return Report(kind, report_year, lang, TITLES[kind][lang], now, sections, views)


def _chart_specs(kind: str):
    return chart_sets.INFORMATION_REPORT if kind == "information" else chart_sets.COMPLAINTS_REPORT


def _rows(indicator_id: str, figures, lang: str, report_year: int) -> list[Row]:
    if indicator_id == PROACTIVE:
        counts = disclosure_log.counts(report_year)
        return [Row(PROACTIVE, "", PROACTIVE_LABEL[lang], sum(counts.values()), note=PROACTIVE_NOTE[lang])] + [
            Row(PROACTIVE, key, PROACTIVE_KEYS[key][lang], count, level=1) for key, count in counts.items()]
    item = INDICATORS[indicator_id]
    value = figures[indicator_id]
    if not isinstance(value, dict):
        return [Row(item.id, "", item.label(lang), value)]
    names = key_labels(item.keys, value, lang)
    total = sum(value.values()) if item.relation == "partition" else ""
    return [Row(item.id, "", item.label(lang), total)] + [
        Row(item.id, key, names[key], count, level=1) for key, count in value.items()]
