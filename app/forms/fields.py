"""Form fields that read what people type in any script (``app.normalise``) before parsing it.

A date or a time typed with Arabic-Indic digits (``٢٠٢٦-٠٣-٢٧``) is the same date as
``2026-03-27``. WTForms filters run after a field has parsed its text, too late for a
date; these fields normalise the posted text first.
"""
from flask import current_app
from flask_babel import LazyString, ngettext
from wtforms import DateField, DateTimeLocalField

from app import normalise
from app.services.attachments import MAX_ATTACHMENTS
from app.services.file_types import size_label


class _NormalisedText:
    """Mixin: the posted text goes through ``normalise.identifier`` before the field parses it."""

    def process_formdata(self, valuelist):
        super().process_formdata([normalise.identifier(v) for v in valuelist])


class AnyDigitsDateField(_NormalisedText, DateField):
    """A ``DateField`` that reads digits of any script."""


class AnyDigitsDateTimeLocalField(_NormalisedText, DateTimeLocalField):
    """A ``DateTimeLocalField`` that reads digits of any script."""


def upload_help(max_files: int = MAX_ATTACHMENTS) -> LazyString:
    """The help of a file field: how many files, of which types, and the size limit of each
    (``MAX_ATTACHMENT_BYTES``), in the page's language when shown."""
    return LazyString(_upload_help, max_files)


def _upload_help(max_files: int) -> str:
    return ngettext("Up to %(num)d file: PDF, PNG or JPEG, %(size)s at most.",
                    "Up to %(num)d files: PDF, PNG or JPEG, %(size)s each at most.", max_files,
                    size=size_label(current_app.config["MAX_ATTACHMENT_BYTES"]))
