"""The benchmark still runs: its scripts start, and its bulk data fits today's schema.

``make bench`` is not part of the suite (it takes minutes); these checks keep it from
rotting when the schema or the modules move (its rows are written in raw SQL).
"""
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("script", ["run.py", "search.py", "year_statistics.py"])
def test_bench_script_starts(script):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / script), "--help"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage:")


def test_generated_cases_fit_the_schema_and_the_sweep_finds_the_due_set(tmp_path):
    from app import create_app
    from app.extensions import db
    from app.services.deadlines import sweep
    from bench import data
    from bench.run import build
    from bench.server import bench_config

    app = create_app(bench_config(f"sqlite:///{tmp_path}/bench.db", tmp_path))
    now = datetime(2026, 12, 1, 8, 30)   # 09:30 in Casablanca on a Tuesday: the notice hour
    lay, _token = build(app, 400, 40, now)
    with app.app_context():
        with db.engine.connect() as conn:
            assert conn.execute(data.text("SELECT count(*) FROM cases")).scalar() == 400
            data.activate_due(conn, lay)
        report = sweep(now)
        db.session.remove()
    assert report.deemed_refusals == 16      # 40 % of the due set
    assert report.reminders > 0 and report.overdue_notices > report.deemed_refusals
    assert report.errors == 0
