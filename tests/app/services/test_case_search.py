"""The case search: folded free text through the engine's index, filters, orders, pages, bounded totals."""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from app.extensions import db
from app.services import case_search
from app.services.calendar import working_calendar
from app.services.case_search import UNASSIGNED, CaseFilter, SearchInvalid, search_cases
from app.services.cases import fire
from tests.app.services.search_support import RECEIVED, complaint_data, request_data

TODAY = date(2025, 11, 3)


def refs(page):
    return [r.case.reference for r in page.rows]


def find(user, **wanted):
    return refs(search_cases(user, CaseFilter(**wanted), TODAY, working_calendar(), per_page=100))


@pytest.fixture
def people(register):
    """Cases whose applicants and texts are written with different letter forms."""
    return {
        "ahmed": register(data=request_data("أحمد", "الإدريسي", "SH777001", "نسخة من ميزانية الجهة لسنة ٢٠٢٤")).case,
        "fatima": register(data=request_data("فاطمة", "مصطفى", "JB445566", "محضر مُداولات المجلس")).case,
        "elise": register("complaint", data=complaint_data("Élise", "Lefèvre", "Éclairage public défaillant")).case,
    }


@pytest.mark.parametrize("query, who", [
    ("احمد", "ahmed"), ("أحمد", "ahmed"), ("إحمد", "ahmed"), ("الادريسي", "ahmed"),   # alef forms
    ("فاطمه", "fatima"), ("فاطمة", "fatima"), ("مصطفي", "fatima"),                    # ة/ه, ى/ي
    ("مداولات", "fatima"), ("مُداوَلات", "fatima"),                                    # tashkeel either side
    ("2024 ميزانيه", "ahmed"), ("٢٠٢٤", "ahmed"),                                      # digits, several words
    ("elise", "elise"), ("LEFEVRE", "elise"), ("eclairage", "elise"),                   # French accents
    ("jb445566", "fatima"), ("777001", "ahmed"),                                        # CNIE, in part
])
def test_search_finds_the_case_as_people_type_it(people, staff, query, who):
    assert find(staff["supervisor"], q=query) == [people[who].reference]


def test_search_by_reference_and_every_word_must_match(people, staff):
    ref = people["fatima"].reference
    assert find(staff["supervisor"], q=ref.lower()) == [ref]
    assert find(staff["supervisor"], q=ref[-6:]) == [ref]
    assert find(staff["supervisor"], q="فاطمة ميزانية") == []


def test_short_queries_are_refused_and_short_words_ignored(people, staff):
    with pytest.raises(SearchInvalid) as refused:
        find(staff["supervisor"], q="اح")
    assert set(refused.value.errors) == {"q"}
    assert find(staff["supervisor"], q="في احمد") == [people["ahmed"].reference]


def test_officers_search_only_their_unit(people, staff):
    assert find(staff["officer"], q="elise") == []
    assert find(staff["complaints"], q="elise") == [people["elise"].reference]


def test_the_document_follows_changes_of_the_case_and_its_party(people, staff):
    case = people["ahmed"]
    case.party.last_name = "العلوي"
    db.session.commit()
    assert find(staff["supervisor"], q="العلوي") == [case.reference]
    assert find(staff["supervisor"], q="الادريسي") == []
    case.information_requested = "لائحة الصفقات العمومية"
    db.session.commit()
    assert find(staff["supervisor"], q="الصفقات") == [case.reference]
    assert find(staff["supervisor"], q="ميزانيه") == []


def test_filters(register, staff):
    sup = staff["supervisor"]
    urgent = register(data=request_data(urgent=True, urgency_reason="حالة صحية"),
                      received_at=datetime(2025, 10, 31, 9)).case
    old = register(data=request_data(), received_at=datetime(2025, 9, 1, 9)).case
    mine = register(data=request_data()).case
    fire(mine, "assign", {"officer": "officer"}, actor=sup, now=RECEIVED)
    post = register(data=request_data(), channel="post").case
    complaint = register("complaint", data=complaint_data()).case
    assert find(sup, urgent=True) == [urgent.reference]
    assert urgent.reference not in find(sup, urgent=False)
    assert find(sup, assignee_id=staff["officer"].id) == [mine.reference]
    assert mine.reference not in find(sup, assignee_id=UNASSIGNED)
    assert find(sup, overdue=True) == [old.reference]
    assert find(sup, channel="post") == [post.reference]
    assert find(sup, kind="complaint") == [complaint.reference]
    assert find(sup, state="assigned") == [mine.reference]
    assert find(sup, received_to=date(2025, 9, 30)) == [old.reference]
    assert old.reference not in find(sup, received_from=date(2025, 10, 27))
    assert set(find(sup, received_from=date(2025, 10, 27), received_to=date(2025, 10, 27))) == {
        mine.reference, post.reference, complaint.reference}


def test_received_dates_are_casablanca_local_days(register, staff):
    """23:30 UTC on 31 Oct is 1 Nov 00:30 in Casablanca (UTC+1): it was received on 1 Nov."""
    late = register(data=request_data(), received_at=datetime(2025, 10, 31, 23, 30)).case
    assert find(staff["supervisor"], received_from=date(2025, 11, 1)) == [late.reference]
    assert find(staff["supervisor"], received_to=date(2025, 10, 31)) == []


def test_outcome_open_and_tag_filters(register, staff):
    from app.services.case_notes import create_tag, set_tags

    sup = staff["supervisor"]
    answered = register(data=request_data()).case
    fire(answered, "assign", {"officer": "officer"}, actor=sup, now=RECEIVED)
    fire(answered, "answer", {"outcome": "refused", "grounds": ["archived"], "text": "أرشيف"},
         actor=staff["officer"], now=RECEIVED)
    closed = register(data=request_data()).case
    fire(closed, "withdraw", {}, actor=sup, now=RECEIVED)
    press = create_tag("صحافة")
    set_tags(answered, [press.id], sup)
    assert find(sup, outcome="refused") == [answered.reference]
    assert find(sup, open=False) == [closed.reference]
    assert closed.reference not in find(sup, open=True)
    assert find(sup, tag_id=press.id) == [answered.reference]


def test_most_urgent_first_then_soonest_deadline_then_no_deadline(register, staff):
    sup = staff["supervisor"]
    later = register(data=request_data(), received_at=datetime(2025, 10, 28, 9)).case
    sooner = register(data=request_data(), received_at=datetime(2025, 10, 20, 9)).case
    urgent = register(data=request_data(urgent=True, urgency_reason="خطر"), received_at=datetime(2025, 10, 31, 9)).case
    done = register(data=request_data(), received_at=datetime(2025, 10, 1, 9)).case
    fire(done, "withdraw", {}, actor=sup, now=RECEIVED)
    assert find(sup) == [urgent.reference, sooner.reference, later.reference, done.reference]
    assert find(sup, sort="newest") == [urgent.reference, later.reference, sooner.reference, done.reference]
    assert find(sup, sort="oldest") == [done.reference, sooner.reference, later.reference, urgent.reference]


@pytest.mark.parametrize("sort", case_search.SORTS)
def test_offset_and_cursor_pages_walk_every_case_once_in_order(register, staff, sort):
    sup, calendar = staff["supervisor"], working_calendar()
    for day in range(7):
        case = register(data=request_data(urgent=day % 3 == 0, urgency_reason="x" if day % 3 == 0 else None),
                        received_at=datetime(2025, 10, 1 + day, 9)).case
        if day == 5:
            fire(case, "withdraw", {}, actor=sup, now=RECEIVED)
    everything = find(sup, sort=sort)
    wanted = CaseFilter(sort=sort)
    offset = [r for n in (1, 2, 3) for r in refs(search_cases(sup, wanted, TODAY, calendar, page=n, per_page=3))]
    walked, cursor = [], None
    while True:
        page = search_cases(sup, wanted, TODAY, calendar, per_page=2, cursor=cursor)
        walked += refs(page)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert offset == walked == everything and len(everything) == 7


def test_totals_are_bounded(register, staff, monkeypatch):
    for _ in range(4):
        register(data=request_data())
    monkeypatch.setattr(case_search, "COUNT_LIMIT", 3)
    page = search_cases(staff["supervisor"], CaseFilter(), TODAY, working_calendar(), per_page=2)
    assert (page.total, page.total_exact, len(page.rows)) == (3, False, 2)
    monkeypatch.setattr(case_search, "COUNT_LIMIT", 10)
    page = search_cases(staff["supervisor"], CaseFilter(), TODAY, working_calendar(), per_page=2)
    assert (page.total, page.total_exact) == (4, True)


def test_bad_cursor_and_too_deep_pages_are_refused(staff):
    with pytest.raises(SearchInvalid) as refused:
        search_cases(staff["supervisor"], CaseFilter(), TODAY, working_calendar(), cursor="not-a-cursor")
    assert set(refused.value.errors) == {"cursor"}
    with pytest.raises(SearchInvalid):
        search_cases(staff["supervisor"], CaseFilter(), TODAY, working_calendar(), page=10_000, per_page=100)


def test_deadline_columns_follow_the_clocks(register, staff):
    case = register(data=request_data(urgent=True, urgency_reason="خطر")).case
    assert (case.body_deadline, case.priority) == (case.clock("urgent_answer").last_day, 0)
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"], now=RECEIVED)
    fire(case, "answer", {"outcome": "granted", "text": "تجدون المعلومات"}, actor=staff["officer"], now=RECEIVED)
    assert (case.body_deadline, case.priority) == (None, 2)
    db.session.expire_all()
    assert (case.body_deadline, case.priority) == (None, 2)


def plan(statement, *off) -> str:
    """The engine's query plan of ``statement``, as one text (SQLite EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN).

    On PostgreSQL, tiny test tables would make a sequential scan or a sort the cheapest
    plan: ``off`` names the planner methods to refuse, so that the plan says what the
    indexes allow (a Sort left means no index serves the order).
    """
    sql = str(statement.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
    if db.engine.dialect.name == "sqlite":
        return "\n".join(str(r[-1]) for r in db.session.execute(text("EXPLAIN QUERY PLAN " + sql)).all())
    for method in off:
        db.session.execute(text(f"SET LOCAL enable_{method} = off"))
    try:
        return "\n".join(r[0] for r in db.session.execute(text("EXPLAIN " + sql)).all())
    finally:
        db.session.rollback()


def test_the_search_and_the_list_page_read_their_indexes(people, staff):
    from sqlalchemy import select

    from app.models.case import Case

    sup = staff["supervisor"]
    searched = select(Case).where(*case_search.conditions(sup, CaseFilter(q="احمد"), TODAY))
    listed = (select(Case.id).where(*case_search.conditions(sup, CaseFilter(), TODAY))
              .order_by(*case_search.order_by("priority")).limit(21))
    newest = (select(Case.id).where(*case_search.conditions(staff["officer"], CaseFilter(), TODAY))
              .order_by(*case_search.order_by("newest")).limit(21))
    officers = (select(Case.id).where(*case_search.conditions(staff["officer"], CaseFilter(), TODAY))
                .order_by(*case_search.order_by("priority")).limit(21))
    # The search may not scan a whole index (pk) and filter: only the full-text index can answer it.
    plans = {"search": plan(searched, "seqscan", "indexscan", "sort")}
    plans |= {name: plan(stmt, "seqscan", "sort") for name, stmt in (("list", listed), ("newest", newest),
                                                                      ("officer", officers))}
    sqlite = db.engine.dialect.name == "sqlite"
    assert ("case_search_fts VIRTUAL TABLE INDEX" if sqlite else "ix_case_search_document_trgm") in plans["search"], \
        plans["search"]
    for name, index in (("list", "ix_cases_priority"), ("newest", "ix_cases_kind_received"),
                        ("officer", "ix_cases_kind_priority")):
        assert index in plans[name], plans[name]
        assert ("TEMP B-TREE" if sqlite else "Sort") not in plans[name], plans[name]
    db.session.rollback()


def test_bulk_clock_changes_are_followed_by_refresh_deadlines(register, staff):
    from sqlalchemy import update

    from app.models.case_index import refresh_deadlines
    from app.models.clock import Clock

    case = register(data=request_data()).case
    db.session.execute(update(Clock).where(Clock.case_id == case.id).values(last_day=date(2025, 12, 31)))
    refresh_deadlines([case.id])
    db.session.commit()
    db.session.expire_all()
    assert (case.body_deadline, case.priority) == (date(2025, 12, 31), 1)
    db.session.execute(update(Clock).where(Clock.case_id == case.id).values(status="met"))
    refresh_deadlines()
    db.session.commit()
    db.session.expire_all()
    assert (case.body_deadline, case.priority) == (None, 2)
