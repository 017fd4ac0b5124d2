"""`flask calendar …`: add-working-days, holidays, seed."""
import pytest

from app.extensions import db
from app.models.holiday import Holiday
from workflows.official_holidays import OFFICIAL_HOLIDAYS


@pytest.fixture
def run(ctx):
    runner = ctx.test_cli_runner()
    return lambda *args: runner.invoke(args=["calendar", *args])


@pytest.mark.parametrize("start, n, due", [
    ("2025-02-03", "20", "2025-03-03"),
    ("2025-03-27", "20", "2025-04-28"),        # across Eid al-Fitr
    ("2025-06-06", "20", "2025-07-08"),        # Eid al-Adha, closure 9 June, 1 Muharram
    ("2025-11-06", "20", "2025-12-05"),        # day 0 is a holiday
    ("2026-03-09", "20", "2026-04-08"),
    ("2025-08-13", "3", "2025-08-19"),
    ("2025-03-27", "0", "2025-03-27"),
])
def test_add_working_days(run, start, n, due):
    result = run("add-working-days", start, n)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == due


@pytest.mark.parametrize("args", [("2025-02-30", "3"), ("27/03/2025", "3"), ("2025-03-27", "-1"),
                                  ("2025-03-27", "ten")])
def test_bad_input_is_a_clear_error(run, args):
    result = run("add-working-days", *args)
    assert result.exit_code != 0
    assert "Error" in result.output


def test_holidays_lists_each_non_working_day_with_names_and_status(run):
    result = run("holidays", "2026")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    by_day = {line.split("\t")[0]: line for line in lines}
    assert by_day["2026-03-23"].endswith("confirmed") and "fermeture exceptionnelle" in by_day["2026-03-23"]
    assert "عيد الأضحى" in by_day["2026-05-27"] and by_day["2026-05-27"].endswith("estimated")
    assert "2026-01-01" in by_day and all(line.count("\t") == 2 for line in lines)
    assert run("holidays", "year").exit_code != 0


def test_seed_inserts_the_official_dates_once(run):
    db.session.execute(db.delete(Holiday))
    db.session.commit()
    first = run("seed")
    assert first.exit_code == 0 and first.output.startswith(f"{len(OFFICIAL_HOLIDAYS)} ")
    assert run("seed").output.startswith("0 ")
