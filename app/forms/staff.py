"""Staff forms: sign-in, and one form per case action (trigger).

Each action form turns its fields into the trigger's payload (``payload()``);
the service (``app.services.cases.fire``) validates the payload and its per-field
errors are shown back on the same fields.
"""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from app.forms.base import Form
from wtforms import DateTimeLocalField, PasswordField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.labels import choices, ground_choices, inadmissibility_choices, options
from workflows.calendar import MOROCCO


class LoginForm(Form):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class ActionForm(Form):
    """Base of the case-action forms: ``FIELDS`` are copied into the payload."""

    FIELDS: tuple[str, ...] = ()

    def payload(self) -> dict:
        """The trigger's payload: the listed fields, stripped of surrounding blanks."""
        out = {}
        for name in self.FIELDS:
            value = getattr(self, name).data
            out[name] = value.strip() if isinstance(value, str) else value
        return {k: v for k, v in out.items() if v not in (None, "")}


class AssignForm(ActionForm):
    FIELDS = ("officer", "reason")
    officer = SelectField(_l("Officer (open cases)"), choices=[], validate_choice=False)
    reason = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])


class ExtendForm(ActionForm):
    FIELDS = ("reason",)
    reason = TextAreaField(_l("Reasons for the extension (art. 16)"), validators=[Length(max=2000)])


class AnswerRequestForm(ActionForm):
    FIELDS = ("outcome", "grounds", "inadmissible_reason", "text")
    outcome = SelectField(_l("Outcome"), validate_choice=False)
    grounds = SelectMultipleField(_l("Ground(s) of refusal (art. 18)"), validate_choice=False,
                                  option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))
    inadmissible_reason = SelectField(_l("Why the request is inadmissible (inadmissible outcome only)"),
                                      validate_choice=False)
    text = TextAreaField(_l("Answer and reasons"), validators=[Length(max=10000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome.choices = options([("", "—")]) + [c for c in choices("outcome") if c.value != "withdrawn"]
        self.grounds.choices = ground_choices()
        self.inadmissible_reason.choices = options([("", "—")]) + inadmissibility_choices()


class AnswerComplaintForm(ActionForm):
    FIELDS = ("text",)
    text = TextAreaField(_l("Answer to the complainant"), validators=[Length(max=10000)])


class RedirectForm(ActionForm):
    FIELDS = ("competent_body", "reason")
    competent_body = StringField(_l("Competent body"), validators=[Length(max=300)])
    reason = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])


class ReasonForm(ActionForm):
    """Withdraw and close."""

    FIELDS = ("reason",)
    reason = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=2000)])


class ObjectionForm(ActionForm):
    """The staff registration of a complaint to the head, and a reopening: what the applicant objects to."""

    FIELDS = ("text", "reason")
    text = TextAreaField(_l("The applicant's objection, as received"), validators=[Length(max=10000)])
    reason = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])


class HeadComplaintForm(ObjectionForm):
    """A complaint to the head of the body (art. 19), with its real moment of receipt when it came on paper.

    The moment is typed in Africa/Casablanca local time (DST-aware) and sent as ISO 8601 with
    its offset; empty means received now (``app.services.complaint_receipt``).
    """

    received_at = DateTimeLocalField(_l("Received by the head of the body on (Casablanca local time; "
                                        "leave empty if received now)"),
                                     format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"], validators=[Optional()])

    def payload(self) -> dict:
        out = super().payload()
        if self.received_at.data is not None:
            out["received_at"] = self.received_at.data.replace(tzinfo=MOROCCO).isoformat()
        return out

    @classmethod
    def data_of(cls, payload: dict) -> dict:
        """Form data from a stored payload (a draft): the instant back in Casablanca local time."""
        data, value = dict(payload), payload.get("received_at")
        if isinstance(value, str):
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            data["received_at"] = moment.astimezone(MOROCCO).replace(tzinfo=None)
        return data


class DecideForm(ActionForm):
    FIELDS = ("decision", "text", "reason")
    decision = SelectField(_l("Decision"), validate_choice=False)
    text = TextAreaField(_l("Reasons of the decision"), validators=[Length(max=10000)])
    reason = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision.choices = options([("", "—")]) + choices("decision")


class TakeForm(ActionForm):
    """An officer takes a new case of the unit: nothing to fill in."""


class NotUrgentForm(ActionForm):
    FIELDS = ("reason",)
    reason = TextAreaField(_l("Why the request is not urgent (art. 17)"), validators=[Length(max=2000)])


class RemedyFilingForm(ActionForm):
    """A remedy the applicant filed after the head (arts. 20–21): its date and the authority's reference."""

    FIELDS = ("filed_on", "reason")
    filed_on = StringField(_l("Filed on"), render_kw={"type": "date"})
    reason = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])


class CdaiComplaintForm(RemedyFilingForm):
    FIELDS = ("filed_on", "cdai_reference", "reason")
    cdai_reference = StringField(_l("The CDAI's reference of the complaint"), validators=[Length(max=80)])


class CourtCaseForm(RemedyFilingForm):
    FIELDS = ("filed_on", "court_reference", "reason")
    court_reference = StringField(_l("The court's case number"), validators=[Length(max=80)])


class RulingForm(ActionForm):
    """The CDAI's decision (art. 20) or the court's judgment (art. 21): its date and which side it favours."""

    FIELDS = ("decided_on", "decision", "reason")
    decided_on = StringField(_l("Decided on"), render_kw={"type": "date"})
    decision = SelectField(_l("Ruling"), validate_choice=False)
    reason = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision.choices = options([("", "—")]) + choices("ruling")


def action_form_class(kind: str, trigger: str):
    """The form class for ``trigger`` on a case of ``kind`` (None: not a staff action)."""
    if trigger == "answer":
        from app.forms.answer import DeliveringAnswerForm   # it builds on AnswerRequestForm, defined here

        return DeliveringAnswerForm if kind == "information_request" else AnswerComplaintForm
    return ACTION_FORMS.get(trigger)


ACTION_FORMS = {"assign": AssignForm, "extend": ExtendForm, "redirect": RedirectForm,
                "withdraw": ReasonForm, "close": ReasonForm, "complain_to_head": HeadComplaintForm,
                "reopen": ObjectionForm, "decide": DecideForm, "take": TakeForm, "rule_not_urgent": NotUrgentForm,
                "complain_to_cdai": CdaiComplaintForm, "record_cdai_decision": RulingForm,
                "record_court_case": CourtCaseForm, "record_judgment": RulingForm}
