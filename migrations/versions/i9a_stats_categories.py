"""statistics: complaint categories table, receipt and first-answer dates, public snapshots

Revision ID: i9a_stats
Revises: i5b_find
Create Date: 2026-11-30

Adds the administrator-managed complaint categories (seeded with the ten codes
cases already carry), the Casablanca receipt date of every case, the date and
deadline of its first answer (backfilled from the timeline and the clocks), an
index for counting the remedies by trigger, and the public statistics snapshots.
"""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "i9a_stats"
down_revision = "i5b_find"
branch_labels = None
depends_on = None

MOROCCO = ZoneInfo("Africa/Casablanca")
# The clocks that hold the body's answer deadline (workflows: ANSWER_CLOCKS of both kinds).
ANSWER_CLOCKS = ("answer", "urgent_answer", "delivery_after_overturn", "delivery_after_cdai",
                 "delivery_after_judgment", "complaint_answer")
CATEGORIES = (
    ("subsidies", "الدعم والمنح المقدمة للجمعيات", "Subventions et aides aux associations"),
    ("roads", "الطرق والمسالك", "Routes et pistes"),
    ("transport", "النقل", "Transport"),
    ("water", "الماء والتطهير", "Eau et assainissement"),
    ("environment", "البيئة", "Environnement"),
    ("services", "الخدمات الإدارية", "Services administratifs"),
    ("participation", "المشاركة المواطنة والعرائض", "Participation citoyenne et pétitions"),
    ("urbanism", "التعمير وإعداد التراب", "Urbanisme et aménagement du territoire"),
    ("economy", "التنمية الاقتصادية والاستثمار", "Développement économique et investissement"),
    ("other", "أخرى", "Autre"),
)


def _local_date(moment):
    return moment.replace(tzinfo=timezone.utc).astimezone(MOROCCO).date()


def upgrade():
    categories = op.create_table(
        "complaint_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=False),
        sa.Column("name_fr", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_categories")),
        sa.UniqueConstraint("code", name=op.f("uq_complaint_categories_code")),
    )
    conn = op.get_bind()
    stamp = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(categories, [
        {"code": code, "name_ar": ar, "name_fr": fr, "active": True, "position": 10 * (i + 1), "updated_at": stamp}
        for i, (code, ar, fr) in enumerate(CATEGORIES)])

    op.create_table(
        "statistics_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("charts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistics_snapshots")),
    )
    op.create_index(op.f("ix_statistics_snapshots_computed_at"), "statistics_snapshots", ["computed_at"])

    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("received_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("answered_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("answer_due_on", sa.Date(), nullable=True))
    _backfill(conn)
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("received_on", existing_type=sa.Date(), nullable=False)
        batch.create_index("ix_cases_kind_received_on", ["kind", "received_on"])
    with op.batch_alter_table("case_events") as batch:
        batch.create_index("ix_case_events_trigger_case", ["trigger", "case_id"])


def _backfill(conn):
    """Receipt dates of every case; the first answer's date and the deadline it met or missed."""
    cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("received_at", sa.DateTime),
                     sa.column("received_on", sa.Date), sa.column("answered_on", sa.Date),
                     sa.column("answer_due_on", sa.Date))
    events = sa.table("case_events", sa.column("case_id", sa.Integer), sa.column("kind", sa.String),
                      sa.column("trigger", sa.String), sa.column("at", sa.DateTime))
    clocks = sa.table("clocks", sa.column("case_id", sa.Integer), sa.column("period", sa.String),
                      sa.column("status", sa.String), sa.column("stopped_at", sa.DateTime),
                      sa.column("due_on", sa.Date))
    for case_id, received_at in conn.execute(sa.select(cases.c.id, cases.c.received_at)).all():
        conn.execute(cases.update().where(cases.c.id == case_id).values(received_on=_local_date(received_at)))
    first = (sa.select(events.c.case_id, sa.func.min(events.c.at))
             .where(events.c.kind == "transition", events.c.trigger == "answer").group_by(events.c.case_id))
    met = {}
    for case_id, stopped_at, due_on in conn.execute(sa.select(clocks.c.case_id, clocks.c.stopped_at, clocks.c.due_on)
                                                    .where(clocks.c.period.in_(ANSWER_CLOCKS), clocks.c.status == "met")):
        met.setdefault(case_id, []).append((stopped_at, due_on))
    for case_id, at in conn.execute(first).all():
        # The answer stopped its clock at the same instant; a case answered after its deadline ran
        # out (deemed refusal) has no such clock: no deadline, which the statistics count as late.
        stopped = [due for when, due in met.get(case_id, []) if when and abs((when - at).total_seconds()) < 1]
        conn.execute(cases.update().where(cases.c.id == case_id).values(
            answered_on=_local_date(at), answer_due_on=stopped[0] if stopped else None))


def downgrade():
    with op.batch_alter_table("case_events") as batch:
        batch.drop_index("ix_case_events_trigger_case")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_kind_received_on")
        batch.drop_column("answer_due_on")
        batch.drop_column("answered_on")
        batch.drop_column("received_on")
    op.drop_index(op.f("ix_statistics_snapshots_computed_at"), table_name="statistics_snapshots")
    op.drop_table("statistics_snapshots")
    op.drop_table("complaint_categories")
