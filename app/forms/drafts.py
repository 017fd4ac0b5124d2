"""Forms of the letter drafts and the text modules (issue 5 §4)."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from app.services.text_modules import LIMITS


class RejectForm(Form):
    """The approver returns a draft to its author: why."""

    reason = TextAreaField(_l("Why is the draft returned to its author?"), validators=[Length(max=2000)])


class TextModuleForm(Form):
    """A reusable paragraph in Arabic and French."""

    title = StringField(_l("Title"), validators=[Length(max=LIMITS["title"])])
    body_ar = TextAreaField(_l("Paragraph in Arabic"), validators=[Length(max=LIMITS["body_ar"])],
                            render_kw={"dir": "rtl", "lang": "ar", "rows": 5})
    body_fr = TextAreaField(_l("Paragraph in French"), validators=[Length(max=LIMITS["body_fr"])],
                            render_kw={"dir": "ltr", "lang": "fr", "rows": 5})

    def fields(self) -> dict:
        """``{"title", "body_ar", "body_fr"}`` for ``text_modules.save_module``."""
        return {name: self[name].data or "" for name in LIMITS}
