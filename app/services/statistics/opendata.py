"""Open data: the public figures as CSV and JSON, with their data dictionary.

Stable URLs (``/statistics.csv``, ``/statistics.json``, ``/statistics/dictionary.csv``)
serve the latest public snapshot: the same protected values as the page ("<5" for a
count from 1 to 4, "x" for a count withheld so that none can be worked out).
"""
from __future__ import annotations

import csv
import io

from app.models.statistics_snapshot import StatisticsSnapshot
from app.services.statistics.disclosure import SMALL, THRESHOLD, WITHHELD
from app.services.statistics.indicators import INDICATORS, PUBLIC
from app.services.statistics.keys import key_labels

RULE = {
    "ar": (f"كل عدد من 1 إلى {THRESHOLD - 1} ينشر على شكل «{SMALL}»، ولا ينشر أي رقم يمكن أن يستنتج منه عدد صغير "
           f"(مثلا المجموع ناقص الباقي): يحجب عندئذ عدد آخر ويكتب «{WITHHELD}». "
           "ولا ينشر وسيط أو متوسط محسوب على أقل من 5 ملفات. لا تتضمن هذه الأرقام أي معطى شخصي."),
    "fr": (f"Tout nombre de 1 à {THRESHOLD - 1} est publié « {SMALL} », et aucun chiffre ne permet d'en retrouver un "
           f"(par exemple un total moins les autres) : un autre nombre est alors masqué et noté « {WITHHELD} ». "
           "Aucune médiane ni moyenne n'est publiée sur moins de 5 dossiers. Ces chiffres ne contiennent "
           "aucune donnée personnelle."),
}
CSV_COLUMNS = ("year", "indicator", "key", "value", "unit", "indicator_ar", "indicator_fr", "key_ar", "key_fr")


def dictionary() -> list[dict]:
    """The public indicators: id, unit, family of keys, labels and definitions in Arabic and French."""
    return [{"id": i.id, "unit": i.unit, "keys": i.keys, "label_ar": i.label_ar, "label_fr": i.label_fr,
             "definition_ar": i.definition_ar, "definition_fr": i.definition_fr} for i in PUBLIC]


def as_json(snapshot: StatisticsSnapshot) -> dict:
    """The snapshot as the open-data JSON document."""
    return {
        "title": {"ar": "إحصائيات الحصول على المعلومات والشكايات", "fr": "Statistiques de l'accès à l'information "
                  "et des réclamations"},
        "generated_at": snapshot.computed_at.isoformat() + "Z",
        "small_count_rule": RULE,
        "years": snapshot.figures,
        "dictionary": dictionary(),
    }


def rows(snapshot: StatisticsSnapshot):
    """One CSV row per published value: a count, a breakdown's key, or a median/mean."""
    for year, entry in snapshot.figures.items():
        for indicator_id, value in entry["figures"].items():
            item = INDICATORS[indicator_id]
            if isinstance(value, dict):
                names = {lang: key_labels(item.keys, value, lang) for lang in ("ar", "fr")}
                for key, count in value.items():
                    yield (year, item.id, key, _cell(count), item.unit, item.label_ar, item.label_fr,
                           names["ar"][key], names["fr"][key])
            else:
                yield (year, item.id, "", _cell(value), item.unit, item.label_ar, item.label_fr, "", "")


def _cell(value) -> str:
    return "" if value is None else str(value)


def as_csv(snapshot: StatisticsSnapshot) -> str:
    """The snapshot as CSV (UTF-8, header row, comma-separated)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows(snapshot))
    return out.getvalue()


def dictionary_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=("id", "unit", "keys", "label_ar", "label_fr", "definition_ar",
                                             "definition_fr"))
    writer.writeheader()
    writer.writerows(dictionary())
    return out.getvalue()
