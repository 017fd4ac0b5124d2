"""Statistics of the case office: figures (SQL aggregates), charts, public snapshot, open data.

``compute(period, filters)`` gives every indicator of ``indicators.INDICATORS`` for
the cases received in a period; ``disclosure`` protects small counts before anything
is published; ``charts`` draws them as SVG; ``public`` keeps the portal's snapshot.
"""
from app.services.statistics.figures import Figures, compute  # noqa: F401
from app.services.statistics.period import Filters, Period, QueryError  # noqa: F401
