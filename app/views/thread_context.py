"""What the thread partials show: one page of messages, the form, the clarification policy.

``staff_thread`` feeds ``templates/pages/staff/_case_messages.html`` (and marks the
applicant's replies read when their reader opens the case); ``applicant_thread`` feeds
``templates/pages/portal/_messages.html`` with the applicant's view only
(``messages.applicant_json``: no staff name, no internal field).
"""
from flask import request

from app.forms.messages import ReplyForm, StaffMessageForm
from app.services import clarification, messages
from app.strict_values import query_number
from workflows.clarification import ClarificationPolicy
from workflows.machine import TransitionRefused

PAGE_ARG = "messages"   # ?messages=2 → the second page of the thread (newest first)


def page_number() -> int:
    """The thread page asked for in the query string (1 when absent or not a whole number from 1)."""
    return query_number(request.args, PAGE_ARG)


def staff_thread(case, user, form=None) -> dict:
    """The staff partial's context; opening it marks unread replies read for their reader."""
    new = messages.unread_ids(case)
    messages.mark_read(case, user)
    may_write = messages.write_problem(case, user) is None
    return {"thread": messages.thread(case, page_number()), "thread_new": new,
            "message_form": (form or StaffMessageForm(formdata=None)) if may_write else None,
            "may_ask_clarification": may_write and _may_ask(case),
            "awaiting_clarification": clarification.pending_request(case) is not None,
            "clarification_policy": clarification.current_policy().value}


def _may_ask(case) -> bool:
    try:
        clarification.check_may_ask(case)
    except TransitionRefused:
        return False
    return True


def applicant_thread(case, form=None) -> dict:
    """The status page partial's context: the applicant's view of one page, the reply form, the policy."""
    page = messages.thread(case, page_number())
    return {"thread": page, "thread_items": [messages.applicant_json(m) for m in page.items],
            "reply_form": form or ReplyForm(formdata=None),
            "awaiting_clarification": clarification.pending_request(case) is not None,
            "clock_restarts": clarification.current_policy() is ClarificationPolicy.RESTART_ON_REPLY,
            "restarted": clarification.latest_restart(case)}
