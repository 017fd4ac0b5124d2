"""Reading the disclosure log: the public list and search, one published entry, its files, the year's counts.

Only published entries are public, and only the fields copied or written for the
public (``app.models.disclosure``): never the case, its party or its texts. Search is
free text over the folded titles, summaries, descriptions, categories and outcomes
(Arabic and French names), looked up in the engine's own index as for cases
(``app.services.case_search``): every term of 3 characters or more must occur.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, literal_column, select, table, text

from app.extensions import db
from app.models.disclosure import FTS_TABLE, Disclosure, DisclosureFile
from app.services.case_search import search_terms
from app.text_folding import fold
from workflows.calendar import MOROCCO
from workflows.disclosure import PublicationState
from workflows.statute import GROUNDS, PUBLICATION_CATEGORIES

PUBLISHED = PublicationState.PUBLISHED.value
# The outcomes' names in Arabic and French, as the pages show them (the catalogues' "Granted", "Partly
# granted"; a test keeps the two in step), so that either finds the entries.
OUTCOME_NAMES = {"granted": ("تمت الاستجابة", "Accordée"),
                 "partly_granted": ("استجابة جزئية", "Partiellement accordée")}
SOURCES = ("answer", "register")


@dataclass(frozen=True)
class LogPage:
    """One page of entries, newest first, with the total and the number of pages."""

    entries: list[Disclosure]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def search_document(entry: Disclosure) -> str:
    """The folded text the public search reads: reference, title, summary, category, outcome, grounds (ar + fr)."""
    parts = [entry.reference, entry.title, entry.summary]
    category = PUBLICATION_CATEGORIES.get(entry.category or "")
    if category:
        parts += [category.label_ar, category.label_fr]
    parts += OUTCOME_NAMES.get(entry.outcome or "", ())
    for code in entry.grounds or []:
        ground = GROUNDS.get(code)
        parts += [ground.label_ar, ground.label_fr] if ground else []
    return " ".join(f for f in map(fold, parts) if f)


def search(q: str | None = None, source: str | None = None, page: int = 1, per_page: int = 20) -> LogPage:
    """Published entries matching ``q`` (and of ``source``: ``answer`` or ``register``), newest first.

    Raises:
        SearchInvalid: ``q`` has text but no term of 3 characters or more.
    """
    where = [Disclosure.status == PUBLISHED]
    if source in SOURCES:
        where.append(Disclosure.source == source)
    terms = search_terms(q)
    if terms:
        where.append(Disclosure.id.in_(_matching_ids(terms)))
    return _page(where, page, per_page, (Disclosure.published_at.desc(), Disclosure.id.desc()))


def staff_list(status: str | None, page: int = 1, per_page: int = 20) -> LogPage:
    """Entries of every state for staff (``status`` one of ``PublicationState``), the soonest due first."""
    where = [Disclosure.status == status] if status in {s.value for s in PublicationState} else []
    order = (Disclosure.due_on.is_(None), Disclosure.due_on, Disclosure.id.desc())
    if status == PUBLISHED:
        order = (Disclosure.published_at.desc(), Disclosure.id.desc())
    return _page(where, page, per_page, order)


def _page(where: list, page: int, per_page: int, order) -> LogPage:
    page, per_page = max(1, page), min(max(1, per_page), 100)
    total = db.session.execute(select(func.count()).select_from(Disclosure).where(*where)).scalar_one()
    entries = db.session.scalars(select(Disclosure).where(*where).order_by(*order)
                                 .offset((page - 1) * per_page).limit(per_page)).all()
    return LogPage(list(entries), total, page, per_page)


def _matching_ids(terms: list[str]):
    """Ids of the entries whose folded document holds every term, from the engine's index."""
    if db.session.get_bind().dialect.name == "sqlite":
        query = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return (select(literal_column("rowid")).select_from(table(FTS_TABLE))
                .where(text(f"{FTS_TABLE} MATCH :disclosure_query").bindparams(disclosure_query=query)))
    patterns = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
    return select(Disclosure.id).where(*[Disclosure.document.like(p, escape="\\") for p in patterns])


def published_entry(reference: str) -> Disclosure:
    """The published entry ``reference``. Raises LookupError (also for one not, or no longer, published)."""
    entry = db.session.execute(select(Disclosure).filter_by(reference=reference, status=PUBLISHED)).scalar_one_or_none()
    if entry is None:
        raise LookupError(reference)
    return entry


def published_files(entry: Disclosure) -> list[DisclosureFile]:
    """The entry's files the public may download, in order."""
    return [f for f in entry.files if f.stored_name]


def counts(year: int) -> dict[str, int]:
    """Entries on the log published in ``year`` (Casablanca dates) and still there: ``{"register", "answer"}``."""
    start, end = (datetime(y, 1, 1, tzinfo=MOROCCO).astimezone(timezone.utc).replace(tzinfo=None)
                  for y in (year, year + 1))
    rows = db.session.execute(select(Disclosure.source, func.count()).where(
        Disclosure.status == PUBLISHED, Disclosure.published_at >= start, Disclosure.published_at < end)
        .group_by(Disclosure.source)).all()
    found = dict(rows)
    return {source: found.get(source, 0) for source in ("register", "answer")}
