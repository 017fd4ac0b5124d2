"""Forms of the message thread: the office writes to the applicant, the applicant replies.

The length and the files are checked by the services (``app.services.messages``,
``app.services.attachments``) so that the page and the API refuse the same things;
the forms carry the fields and the CSRF token.
"""
from flask import current_app
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from app.forms.fields import upload_help
from wtforms import BooleanField, MultipleFileField, TextAreaField

ACCEPTED_FILES = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"


def _limit(field) -> None:
    """Let the browser stop at the length the service accepts (``MESSAGE_MAX_CHARS``)."""
    field.render_kw = {**field.render_kw, "maxlength": current_app.config["MESSAGE_MAX_CHARS"]}


class StaffMessageForm(Form):
    """A message to the applicant, or a request for clarification (LAW.md §4.7)."""

    body = TextAreaField(_l("Message to the applicant"), render_kw={"rows": 4, "dir": "auto"})
    clarification = BooleanField(_l("This is a request for clarification of the request"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.body)


class ReplyForm(Form):
    """The applicant's message, with documents (status page)."""

    body = TextAreaField(_l("Your message"), render_kw={"rows": 4, "dir": "auto"})
    attachments = MultipleFileField(_l("Documents (optional)"), render_kw={"accept": ACCEPTED_FILES})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.body)
        config = current_app.config
        self.attachments.description = upload_help(config["MESSAGE_MAX_ATTACHMENTS"])
