"""Form fields that read what people type in any script (``app.normalise``) before parsing it.

A date or a time typed with Arabic-Indic digits (``٢٠٢٦-٠٣-٢٧``) is the same date as
``2026-03-27``. WTForms filters run after a field has parsed its text, too late for a
date; these fields normalise the posted text first.
"""
from wtforms import DateField, DateTimeLocalField

from app import normalise


class _NormalisedText:
    """Mixin: the posted text goes through ``normalise.identifier`` before the field parses it."""

    def process_formdata(self, valuelist):
        super().process_formdata([normalise.identifier(v) for v in valuelist])


class AnyDigitsDateField(_NormalisedText, DateField):
    """A ``DateField`` that reads digits of any script."""


class AnyDigitsDateTimeLocalField(_NormalisedText, DateTimeLocalField):
    """A ``DateTimeLocalField`` that reads digits of any script."""
