"""Forms of the applicant's own access pages: a lost access code, an e-mailed link's confirmation."""
from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import StringField

from app import normalise


class LostCodeForm(Form):
    """The reference of the file whose access code was lost (nothing else is asked)."""

    reference = StringField(_l("Reference number"), description=_l("For example DAI-2026-000123."),
                            filters=[normalise.reference],
                            render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"})


class ConfirmForm(Form):
    """One button: links are opened by mail scanners too, so nothing changes on GET."""
