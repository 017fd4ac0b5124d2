"""Official dates observed in Morocco that the `holidays` package estimates or lacks.

Seed data for the holiday table (LAW.md §3): lunar holidays as fixed by the
Ministry of Habous and exceptional closures decided by the Head of Government.
An administrator keeps the live table; this list only seeds it.
"""
from datetime import date

from workflows.calendar import HolidayOverride

AR = {
    "eid_al_fitr": ("عيد الفطر", "Aïd al-Fitr"),
    "eid_al_adha": ("عيد الأضحى", "Aïd al-Adha"),
    "islamic_new_year": ("فاتح محرم", "1er Moharram"),
    "mawlid": ("عيد المولد النبوي", "Aïd al-Mawlid"),
    "closure": ("عطلة استثنائية", "fermeture exceptionnelle"),
}


def _rows(key, status, kind, *days):
    ar, fr = AR[key]
    return [HolidayOverride(date.fromisoformat(d), key, ar, fr, kind, status) for d in days]


OFFICIAL_HOLIDAYS: tuple[HolidayOverride, ...] = tuple(
    _rows("eid_al_fitr", "confirmed", "holiday", "2024-04-10", "2024-04-11")
    + _rows("closure", "confirmed", "closure", "2024-04-12")
    + _rows("eid_al_adha", "confirmed", "holiday", "2024-06-17", "2024-06-18")
    + _rows("eid_al_fitr", "confirmed", "holiday", "2025-03-31", "2025-04-01")
    + _rows("eid_al_adha", "confirmed", "holiday", "2025-06-07", "2025-06-08")
    + _rows("closure", "confirmed", "closure", "2025-06-09")
    + _rows("islamic_new_year", "confirmed", "holiday", "2025-06-27")
    + _rows("mawlid", "confirmed", "holiday", "2025-09-05", "2025-09-06")
    + _rows("eid_al_fitr", "confirmed", "holiday", "2026-03-20", "2026-03-21")
    + _rows("closure", "confirmed", "closure", "2026-03-23")
    + _rows("eid_al_adha", "estimated", "holiday", "2026-05-27", "2026-05-28")
    + _rows("islamic_new_year", "estimated", "holiday", "2026-06-17")
    + _rows("mawlid", "estimated", "holiday", "2026-08-25", "2026-08-26")
)
