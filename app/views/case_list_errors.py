"""The staff case list's bad parameters, in the reader's language, on their fields and in the summary.

``app.views.case_query`` names each bad parameter with a reason written for API clients
(English, as the API speaks); a person reading the list page gets one sentence per kind of
mistake instead, and the page says it failed (``form_failures``, ``templates/base.html``).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.form_errors import Failure

CHOOSE = _l("Choose one of the values offered.")
DAY = _l("Give a day of the calendar (YYYY-MM-DD).")
PAGE = _l("This page of results does not exist: start again from the first page.")
MESSAGES = {
    "type": CHOOSE, "state": CHOOSE, "outcome": CHOOSE, "channel": CHOOSE, "stage": CHOOSE, "sort": CHOOSE,
    "urgent": CHOOSE, "overdue": CHOOSE, "open": CHOOSE,
    "received_from": DAY, "received_to": DAY, "due_to": DAY,
    "assignee": _l("No staff member has this username."),
    "tag": _l("No tag has this name: it may have been removed."),
    "q": _l("Type at least 3 letters or digits of a word, and at most 200 characters."),
    "page": PAGE, "per_page": PAGE, "cursor": PAGE,
}
LABELS = {"type": _l("Kind"), "state": _l("State"), "outcome": _l("Outcome"), "channel": _l("Channel"),
          "stage": _l("Stage"), "sort": _l("Order"), "urgent": _l("Urgency"), "overdue": _l("Deadline"),
          "open": _l("Open or done"), "received_from": _l("Received from"), "received_to": _l("Received until"),
          "due_to": _l("Due by"), "assignee": _l("Assigned to"), "tag": _l("Tag"), "q": _l("Search"),
          "page": _l("Page"), "per_page": _l("Page"), "cursor": _l("Page")}
# Fields always on the page's form (their input's id is f-<name>): the summary links to them.
ON_THE_FORM = ("q", "state", "outcome", "channel", "urgent", "assignee", "overdue", "open", "received_from",
               "received_to", "sort")
BACKWARDS = _l("The end of the period is before its start.")


def page_errors(errors: dict[str, str]) -> tuple[dict[str, str], list[Failure]]:
    """``(message per parameter, summary lines)`` for the list page, from ``SearchInvalid.errors``."""
    messages = {name: str(_message(name, reason)) for name, reason in errors.items()}
    failures = [Failure(f"f-{name}" if name in ON_THE_FORM else None, str(LABELS.get(name, name)),
                        (message if name in ON_THE_FORM else f"{LABELS.get(name, name)}: {message}",))
                for name, message in messages.items()]
    return messages, failures


def _message(name: str, reason: str):
    if name == "received_to" and reason.startswith("must not be before"):
        return BACKWARDS
    return MESSAGES.get(name, CHOOSE)
