"""The answer to an information request: outcome, grounds, withheld parts, delivery, documents, text modules.

The form turns itself into the ``answer`` payload (``payload()``) and back
(``from_payload``, for a saved draft); the rules — art. 18 for withheld parts, art. 14
and 5 for the delivery per form of access — are checked once, by the service
(``action_rules``), whose per-field errors come back on the fields (``field_for``).
Only the delivery fields of the form of access the applicant asked for are shown.
"""
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.fields import FieldList, FormField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app import normalise
from app.forms.base import SubForm
from app.forms.staff import AnswerRequestForm
from app.labels import ground_choices, options
from app.services import released_documents, text_modules
from workflows.delivery import FIELDS as DELIVERY_FIELDS

WITHHELD_ROWS = 3      # empty rows offered for withheld parts (one more appears once they are filled)
DELIVERY = ("place", "date", "time", "hours", "copying_cost", "sending_cost")


class WithheldPartForm(SubForm):
    """One withheld part of a partial grant and its ground (art. 18)."""

    part = StringField(_l("Part withheld"), validators=[Optional(), Length(max=500)])
    ground = SelectField(_l("Its ground (art. 18)"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ground.choices = options([("", "—")]) + ground_choices()


class DeliveringAnswerForm(AnswerRequestForm):
    """``AnswerRequestForm`` with what a grant delivers and a partial grant withholds, and the text modules."""

    withheld = FieldList(FormField(WithheldPartForm), label=_l("Parts withheld, each with its ground (art. 18)"),
                         min_entries=WITHHELD_ROWS)
    documents = SelectMultipleField(_l("Documents released with the answer (electronic copy)"), coerce=int,
                                    validate_choice=False, option_widget=CheckboxInput(),
                                    widget=ListWidget(prefix_label=False))
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    date = StringField(_l("Date"), render_kw={"type": "date"}, filters=[normalise.identifier])
    time = StringField(_l("Time"), render_kw={"type": "time"}, filters=[normalise.identifier])
    hours = StringField(_l("Opening hours (optional)"), validators=[Optional(), Length(max=120)])
    copying_cost = StringField(_l("Copying costs in dirhams (art. 5; optional)"), render_kw={"inputmode": "decimal"},
                               filters=[normalise.identifier])
    sending_cost = StringField(_l("Sending costs in dirhams (art. 5; optional)"), render_kw={"inputmode": "decimal"},
                               filters=[normalise.identifier])
    module = SelectField(_l("Text module"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents.choices = []
        self.module.choices = options([("", "—")])
        self.access_form = None

    def for_case(self, case) -> None:
        """Fit the form to ``case``: its documents not yet released, the delivery fields of its form of access."""
        self.access_form = case.access_form
        self.documents.choices = [(d.id, d.original_name) for d in released_documents.pending(case)]
        # Each option carries its paragraph in the case's language, for static/text_modules.js.
        self.module.choices = options([("", "—")]) + [
            SelectChoice(str(m.id), m.title, {"data-body": m.body(case.language)})
            for m in text_modules.all_modules()]
        shown = DELIVERY_FIELDS.get(case.access_form or "", {})
        for name in DELIVERY:
            if name not in shown:
                delattr(self, name)
        if not self.documents.choices:
            delattr(self, "documents")
        filled = sum(1 for row in self.withheld if (row.part.data or "").strip())
        while len(self.withheld) < max(WITHHELD_ROWS, filled + 1):
            self.withheld.append_entry()

    def payload(self) -> dict:
        """The ``answer`` payload: outcome, grounds, text, withheld parts, documents, delivery."""
        out = super().payload()
        parts = [{"part": (row.part.data or "").strip(), "ground": row.ground.data or ""}
                 for row in self.withheld if (row.part.data or "").strip() or row.ground.data]
        if parts:
            out["withheld"] = parts
        if "documents" in self._fields and self.documents.data:
            out["documents"] = list(self.documents.data)
        delivery = {name: (self[name].data or "").strip() for name in DELIVERY if name in self._fields}
        delivery = {k: v for k, v in delivery.items() if v}
        if delivery:
            out["delivery"] = delivery
        return out

    @staticmethod
    def data_of(payload: dict) -> dict:
        """Form data (``data=``) from a saved ``answer`` payload."""
        data = {k: payload.get(k) for k in ("outcome", "grounds", "inadmissible_reason", "text", "documents")}
        data["withheld"] = list(payload.get("withheld") or [])
        data.update(payload.get("delivery") or {})
        return {k: v for k, v in data.items() if v not in (None, "")}

    def field_for(self, name: str):
        """The field a service error names: ``delivery.place``, ``withheld.0.part``, ``documents`` …"""
        parts = name.split(".")
        if parts[0] == "delivery" and len(parts) == 2:
            return self._fields.get(parts[1])
        if parts[0] == "withheld" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(self.withheld):
            return self.withheld[int(parts[1])][parts[2]]
        return self._fields.get(parts[0]) if parts[0] != "withheld" else self.withheld
