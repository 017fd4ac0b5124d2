"""The e-mail outbox: messages queued with the case change that causes them.

Queuing (``queue_letter_email``, ``deadline_notice``) only adds a
``Notification`` row to the current unit of work: it commits or rolls back with
the change that caused it. Nothing is sent here: the scheduler process delivers
the outbox (``app.services.outbox``), never a web request.
"""
from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models.case import Case
from app.models.letter import Letter
from app.models.notification import Notification
from app.models.user import User
from app.services import letters
from app.labels import day_count
from app.services.letter_text import COMPLAINT_KINDS, long_date
from app.services.outbox import deliver_pending  # noqa: F401  (delivery lives in app.services.outbox)
from workflows.information_request import ANSWER_CLOCKS
from workflows.statute import DEEMED_REFUSAL_ARTICLE, period

DEADLINE_NOTICES = ("reminder", "overdue")


def queue_letter_email(case: Case, letter: Letter) -> Notification | None:
    """Queue the e-mail that carries ``letter`` to the applicant, if they gave an address.

    Subject and body are in the case's language (``templates/emails/letter.<ar|fr>.txt``);
    the letter's PDF is attached when the message is sent. Inside the caller's unit
    of work: flushes (for the letter's id), never commits. Only to a confirmed address
    (``app.services.email_confirmation``): the letter quotes the applicant's text.
    """
    recipient = case.party.confirmed_email
    if not recipient:
        return None
    db.session.flush()
    subject, body = render_email("letter", case.language, case=case, letter=letter,
                                 status_url=letters.status_url(case.reference),
                                 window=receipt_window(case, letter, case.language))
    notification = Notification(case_id=case.id, dedup_key=f"letter:{letter.id}", recipient=recipient,
                                subject=subject, body=body, letter_id=letter.id)
    db.session.add(notification)
    return notification


def receipt_window(case: Case, letter: Letter, language: str) -> dict | None:
    """The window that runs from the applicant's receipt of ``letter`` (arts. 19–20), as the e-mail states it.

    ``{"period", "article", "days", "last_day"}``: ``days`` as words (``20 jours ouvrables``),
    ``last_day`` a long date once the window has started (the letter was delivered at
    issue on the portal), else None: it starts on the receipt of the message (LAW.md §4.5).
    """
    from app.services.status_labels import days_label

    clock = next((c for c in case.clocks if c.letter is letter or (c.letter_id and c.letter_id == letter.id)), None)
    if clock is None:
        return None
    rule = period(clock.period)
    return {"period": clock.period, "article": rule.article, "days": days_label(rule)[language],
            "last_day": long_date(clock.last_day, language) if clock.last_day else None}


def queue_deemed_refusal_email(case: Case) -> Notification | None:
    """Tell the applicant that silence now counts as refusal, and until when to complain (art. 19).

    Called in the deem_refusal transition's unit of work, after its clocks moved
    (the expired answer clock, the running complaint-to-head window); never commits
    (raises IntegrityError at the flush if the same expiry was already notified).
    Only for an applicant who gave an e-mail address; dedup key ``deemed_refusal:<case id>:<expiry>``.
    """
    recipient = case.party.confirmed_email   # the greeting names the applicant
    window = case.clock("complaint_to_head_window")
    expired = next((c for c in reversed(case.clocks) if c.status == "expired"), None)
    if not recipient or window is None or expired is None:
        return None
    subject, body = render_email("deemed_refusal", case.language, case=case, article=DEEMED_REFUSAL_ARTICLE,
                                 expired_on=long_date(expired.due_on, case.language),
                                 window_last_day=long_date(window.last_day, case.language),
                                 status_url=letters.status_url(case.reference))
    notification = Notification(case_id=case.id, dedup_key=f"deemed_refusal:{case.id}:{expired.due_on.isoformat()}",
                                recipient=recipient, subject=subject, body=body)
    # A plain insert: a second deemed refusal of the case loses at its version check first,
    # and a duplicate key rolls back the whole transition (the sweep counts it skipped).
    db.session.add(notification)
    return notification


def queue_message_email(case: Case, message) -> Notification | None:
    """Tell the applicant that a message from the office awaits them on the status page.

    Short on purpose: the subject says whether it is a request for clarification, the
    body gives the status page's link, never the message, the applicant's own text,
    name or access code. Only when the applicant gave an e-mail address; dedup key
    ``message:<id>``. Inside the caller's unit of work: flushes, never commits.
    """
    recipient = (case.party.email or "").strip()
    if not recipient:
        return None
    db.session.flush()
    subject, body = render_email("message", case.language, case=case, clarification=bool(message.clarification),
                                 status_url=letters.status_url(case.reference))
    notification = Notification(case_id=case.id, dedup_key=f"message:{message.id}", recipient=recipient,
                                subject=subject, body=body)
    db.session.add(notification)
    return notification


def deadline_key(kind: str, clock, user) -> str:
    """The dedup key of a deadline notice: one per clock, last day and recipient."""
    return f"{kind}:{clock.id}:{clock.last_day.isoformat()}:{user.id}"


def deadline_notice(kind: str, case: Case, clock, user, today: date, days_left: int) -> Notification:
    """A reminder or overdue notice about ``clock`` to the staff member ``user`` (not added).

    Args:
        kind: ``"reminder"`` (the last day is near) or ``"overdue"`` (it has passed).
        case, clock: the case and its running statutory clock.
        user: the staff member (``id``, ``email``, ``full_name``, ``username``) with an e-mail address.
        today: the Casablanca local date of the sweep.
        days_left: days left after today up to the last day, in the clock's own unit (working or
            calendar days; negative when overdue).

    Written in the institution's default language (``BABEL_DEFAULT_LOCALE``); the
    dedup key is ``deadline_key(kind, clock, user)``. Raises ValueError for an unknown kind.
    """
    if kind not in DEADLINE_NOTICES:
        raise ValueError(f"unknown deadline notice {kind!r}")
    language = current_app.config.get("BABEL_DEFAULT_LOCALE", "ar")
    subject, body = render_email(kind, language, case=case, clock=clock, user=user, today=today,
                                 days_left=days_left, rule=period(clock.period), name=User.name_in(user, language),
                                 deemed_refusal=case.is_information_request and clock.period in ANSWER_CLOCKS,
                                 deemed_refusal_article=DEEMED_REFUSAL_ARTICLE)
    return Notification(case_id=case.id, dedup_key=deadline_key(kind, clock, user),
                        recipient=user.email, subject=subject, body=body)


def add_once(notification: Notification) -> bool:
    """Insert ``notification`` in a SAVEPOINT; False when its dedup key already exists.

    For inserts that may race with another process (two sweeps): the loser's
    unique-key violation rolls back to the savepoint only, not the transaction.
    """
    try:
        with db.session.begin_nested():
            db.session.add(notification)
    except IntegrityError:
        return False
    return True


def render_email(kind: str, language: str, **context) -> tuple[str, str]:
    """Subject (one line) and plain-text body of ``templates/emails/<kind>.<language>.txt``.

    The template defines a ``subject`` block and extends ``emails/_base.<language>.txt``.
    Rendered under ``language``'s catalogue: counts take its plural forms (``day_count``);
    ``kind_words`` names a complaint, observation or proposal as such.
    """
    language = language if language in ("ar", "fr") else "ar"
    context.setdefault("institution", current_app.config["INSTITUTION"])
    case = context.get("case")
    context.setdefault("kind_words", COMPLAINT_KINDS.get(getattr(case, "complaint_kind", None) or "complaint"))
    context.setdefault("day_count", day_count)
    template = current_app.jinja_env.get_template(f"emails/{kind}.{language}.txt")
    with force_locale(language):  # counts go through the catalogue of the e-mail's language
        subject = "".join(template.blocks["subject"](template.new_context(context)))
        body = template.render(context).strip() + "\n"
    return " ".join(subject.split()), body


def case_outbox(case: Case) -> list[Notification]:
    """Every e-mail queued about ``case``, oldest first, with its delivery state (for staff)."""
    return list(db.session.execute(
        select(Notification).where(Notification.case_id == case.id).order_by(Notification.id)).scalars())
