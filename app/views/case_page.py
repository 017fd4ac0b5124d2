"""What the staff case page shows: clocks with days left, timeline, letters, action forms.

Pure presentation over the services: no state is changed here, and loading the
page never touches the case (``available_triggers`` builds a throw-away machine).
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import ngettext

from app.forms.case_workbench import ButtonForm, LinkForm, NoteForm, TagsForm
from app.forms.staff import action_form_class
from app.models.case import Case
from app.services.assignment import officers_with_workload
from app.services.case_links import links_of
from app.services.case_notes import active_tags
from app.services.clock_facts import skipped_days
from app.services.letter_drafts import open_triggers
from app.labels import options, staff_name
from workflows.calendar import WorkingCalendar
from workflows.deadlines import days_left, is_overdue
from workflows.statute import PERIODS


@dataclass(frozen=True)
class ClockRow:
    """A clock as shown: ``days_left`` in the period's own unit, ``counting`` (None once stopped);
    ``provisional`` (a running clock's date depends on an estimated holiday) and ``skipped`` (the
    non-working weekdays the count passed over) explain its date."""

    clock: object
    running: bool
    days_left: int | None
    overdue: bool
    counting: str
    provisional: bool = False
    skipped: tuple = ()


def clock_rows(case: Case, today: date, calendar: WorkingCalendar) -> list[ClockRow]:
    """Every clock of ``case``, running ones first, each with the days left in its unit and overdue flag."""
    rows = []
    for clock in case.clocks:
        running = clock.status == "running"
        rule = PERIODS.get(clock.period)
        rows.append(ClockRow(clock, running,
                             days_left(today, clock.last_day, rule.counting, calendar) if running and rule else None,
                             running and is_overdue(clock.last_day, today),
                             rule.counting.value if rule else "", running and bool(clock.provisional),
                             skipped_days(clock, calendar)))
    return sorted(rows, key=lambda r: (not r.running, r.clock.id))


def action_forms(case: Case, user, failed: tuple[str, object] | None = None) -> dict:
    """One form per trigger ``user`` may fire now, keyed by trigger (the failed one kept as posted)."""
    forms = {}
    for trigger in open_triggers(case, user):
        form_class = action_form_class(case.kind, trigger)
        if form_class is None:
            continue
        if failed and failed[0] == trigger:
            form = failed[1]
        else:
            form = form_class(prefix=trigger, formdata=None)
        if trigger == "assign":
            form.officer.choices = officer_choices(case)
        if hasattr(form, "for_case") and form is not (failed or (None, None))[1]:
            form.for_case(case)
        forms[trigger] = form
    return forms


def officer_choices(case: Case) -> list:
    """``(username, "Name — N open cases")`` for the officers of the case's unit (name in the page's script)."""
    return options((user.username, ngettext("%(name)s — %(num)d open case", "%(name)s — %(num)d open cases", count,
                                            name=staff_name(user)))
                   for user, count in officers_with_workload(case.unit))


def attach_errors(form, errors: dict[str, str], translate) -> None:
    """Show a service's ``{field: message}`` errors on ``form``'s fields (unknown ones on the form)."""
    for name, message in errors.items():
        field = form.field_for(name) if hasattr(form, "field_for") else name
        if isinstance(field, str):   # a form that maps an error's key to a field's name
            field = getattr(form, field, None)
        text = translate(message)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors or []) + [text]
        else:
            form.form_errors.append(text)


def workbench_context(case: Case, user, aids: dict | None = None) -> dict:
    """The case page's working aids: notes, tags, links, and their forms (a failed one kept as posted).

    Viewers read them; the other staff roles write.
    """
    aids = aids or {}
    tags_form = aids.get("tags") or TagsForm(formdata=None, tags=[t.id for t in case.tags])
    offered = {t.id: t.name for t in active_tags()} | {t.id: t.name for t in case.tags}
    tags_form.tags.choices = options(sorted(offered.items(), key=lambda pair: pair[1]))
    return {"links": links_of(case), "may_write": user.role != "viewer",
            "note_form": aids.get("note") or NoteForm(formdata=None), "tags_form": tags_form,
            "link_form": aids.get("link") or LinkForm(formdata=None), "button_form": ButtonForm(formdata=None)}
