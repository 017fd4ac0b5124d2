"""The shapes of who asks: identity-card numbers, phone numbers, e-mail addresses (art. 14).

Each ``clean_*`` takes what a person typed (any script's digits, stray spaces and
invisible marks included — ``app.normalise``) and returns ``(canonical value, None)``
or ``(None, message)``. The messages are the validator's English codes, translated
for people by ``app.forms.portal.INTAKE_MESSAGES`` and given as they are by the API.
"""
import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from app import normalise

# Carte nationale d'identité électronique (CNIE): one or two letters (the issuing
# region's code), then three to six digits: BE123456, A123456, SH12345.
CNIE = re.compile(r"^[A-Z]{1,2}\d{3,6}$")
# A foreigner's residence card (carte de résidence / carte d'immatriculation, Law 02-03):
# aligned on the CNIE since 2019 (E123456, EA1234567, E12345678K), but older cards still
# in use carry a longer letter prefix (ZTABCD91). No official list of shapes is published,
# so both are accepted, each with an optional closing check letter: refusing a real card
# would refuse a foreigner's right (art. 4).
RESIDENCE_CARD = re.compile(r"^(?:[A-Z]{1,2}\d{5,8}|[A-Z]{3,6}\d{2,8})[A-Z]?$")
# Both shapes in one pattern, for the OpenAPI document (the canonical form; lower case,
# spaces and other scripts' digits are accepted too and normalised to it).
ID_NUMBER_PATTERN = r"^(?:[A-Z]{1,2}[0-9]{3,6}|(?:[A-Z]{1,2}[0-9]{5,8}|[A-Z]{3,6}[0-9]{2,8})[A-Z]?)$"
DEFAULT_REGION = "MA"

ID_NUMBER_MESSAGE = "a CNIE or residence-card number, e.g. SH123456"
PHONE_MESSAGE = "a phone number, e.g. 0612345678 or +212612345678"
EMAIL_LOCAL_PART_MESSAGE = "the part before @ must be in Latin letters"
EMAIL_MESSAGE = "an e-mail address, e.g. name@example.org"


def clean_id_number(value: str) -> tuple[str | None, str | None]:
    """A CNIE or residence-card number, upper-case, without spaces or dashes (``sh ١٢٣٤٥٦`` → ``SH123456``)."""
    number = normalise.compact_identifier(value)
    if CNIE.match(number) or RESIDENCE_CARD.match(number):
        return number, None
    return None, ID_NUMBER_MESSAGE


def clean_phone(value: str, region: str = DEFAULT_REGION) -> tuple[str | None, str | None]:
    """A phone number in E.164 (``06 12 34 56 78`` → ``+212612345678``); a national number is Moroccan.

    Parsed and checked by ``phonenumbers`` (Google's libphonenumber metadata): a number
    that cannot exist in its country is refused rather than stored as typed.
    """
    try:
        number = phonenumbers.parse(normalise.identifier(value), region)
    except phonenumbers.NumberParseException:
        return None, PHONE_MESSAGE
    if not phonenumbers.is_valid_number(number):
        return None, PHONE_MESSAGE
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def phone_spellings(stored: str | None) -> list[str]:
    """How a stored phone may be written in a document: as stored, libphonenumber's international
    and national forms, and the Moroccan habit of pairs (``+212 6 61 23 45 67``, ``06 61 23 45 67``).

    For finding the applicant's number in a PDF to withhold it; ``[]`` for no phone.
    """
    stored = (stored or "").strip()
    if not stored:
        return []
    spellings = [stored, stored.replace(" ", "")]
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return list(dict.fromkeys(spellings))
    national = str(number.national_number)
    pairs = " ".join([national[:1]] + [national[i:i + 2] for i in range(1, len(national), 2)])
    spellings += [phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                  phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
                  f"+{number.country_code} {pairs}", f"0{pairs}"]
    return list(dict.fromkeys(s for s in spellings if s))


def clean_email(value: str) -> tuple[str | None, str | None]:
    """An e-mail address in its normalised form, or why it is refused.

    An internationalised *domain* (``salma@مثال.المغرب``) is accepted: it is kept as
    typed for people to read and written in its ASCII (IDNA) form on the envelope
    (``app.services.mailer.deliverable_address``), which every mail server takes. A
    non-ASCII part *before* the @ would need SMTPUTF8, which many relays lack: it is
    refused here, while the person is still there to give another address, rather
    than accepted and never delivered (docs/security.md).
    """
    address = normalise.identifier(value)
    try:
        return validate_email(address, check_deliverability=False, allow_smtputf8=False).normalized, None
    except EmailNotValidError as exc:
        local = address.rpartition("@")[0]
        return None, EMAIL_LOCAL_PART_MESSAGE if local and not local.isascii() else str(exc)
