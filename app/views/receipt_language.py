"""The portal's one-time receipt page in the other language (a route of ``portal.bp``).

The page is the answer to the submission; its language switch posts back a short-lived
signed token and the access code shown (``app.services.receipt_switch``), and this
answers with the same page in the language of ``?lang=``. The code is never put in a
URL, the session cookie or a log; an expired token or a code that no longer matches
gets the same answer as the old link: the code is not shown again.
"""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from app.forms.portal import LetterDownloadForm
from app.rate_limits import access_code_limit
from app.services.calendar import utc_now
from app.services.receipt_switch import shown_again
from app.services.signed_links import LinkInvalid
from app.views.portal import _shown_once, bp


@bp.post("/receipt/language")
@access_code_limit()
def receipt_language():
    """The receipt shown again in the chosen language, from the token and the code posted with it."""
    form = LetterDownloadForm()
    try:
        if not form.validate_on_submit():
            raise LinkInvalid("form")
        receipt = shown_again(request.form.get("receipt", ""), form.access_code.data or "", utc_now())
    except LinkInvalid:
        flash(_("The access code is shown only once. Use the code you noted, or the one on your receipt."))
        return redirect(url_for(".status_lookup"))
    return _shown_once(receipt.case, receipt.access_code, again=receipt.again)
