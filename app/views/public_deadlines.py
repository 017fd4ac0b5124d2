"""The public page of the rules applied: every statutory period and the holiday table (issue 8 §3).

No login and no personal data: the law's periods (``workflows.statute``) and the
working calendar in force, in Arabic (RTL) or French.
"""
from flask import Blueprint, render_template

from app import labels
from app.services.calendar import today_local
from app.services.public_rules import rules

bp = Blueprint("deadlines", __name__)
bp.record_once(labels.register)


@bp.get("/deadlines")
def page():
    """Délais légaux / الآجال القانونية: each period with its days, counting, article and who acts; the holidays."""
    return render_template("pages/portal/deadlines.html", rules=rules(today_local()))
