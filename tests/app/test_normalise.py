"""app.normalise: one spelling for what people type, whatever the script of its digits."""
import pytest

from app import normalise

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
EASTERN_ARABIC_INDIC = "۰۱۲۳۴۵۶۷۸۹"


@pytest.mark.parametrize("digits", [ARABIC_INDIC, EASTERN_ARABIC_INDIC, "０１２３４５６７８９", "0123456789"])
def test_every_script_s_digits_become_ascii(digits):
    assert normalise.ascii_digits(digits) == "0123456789"
    assert normalise.identifier(f"  {digits}\u200f ") == "0123456789"


@pytest.mark.parametrize("typed", ["DAI-٢٠٢٦-٠٠٠٠٠١", "DAI-۲۰۲۶-۰۰۰۰۰۱", " dai-2026-000001 ", "DAI‐2026‐000001",
                                   "DAI 2026 000001", "\u200fDAI-2026-000001\u200e", "ＤＡＩ－２０２６－０００００１"])
def test_a_reference_typed_any_way_is_one_reference(typed):
    assert normalise.reference(typed) == "DAI-2026-000001"


def test_full_width_letters_are_folded_and_superscripts_kept_for_the_validator_to_refuse():
    assert normalise.identifier("ＳＨ１２３４５６") == "SH123456"
    assert normalise.identifier("²⁰²⁶") == "²⁰²⁶" and normalise.identifier("①½") == "①½"


def test_compact_identifier_drops_spaces_and_dashes_and_upper_cases():
    assert normalise.compact_identifier("sh ١٢٣-٤٥٦") == "SH123456"


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
                                     "\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
                                     "\ufeff", "\u2060", "\u061c"])
def test_every_invisible_control_is_stripped_from_names_and_identifiers(control):
    assert normalise.has_invisible(f"Ali{control}ce")
    assert normalise.name(f"Ali{control}ce") == "Alice"
    assert normalise.identifier(f"SH{control}123456") == "SH123456"


def test_names_collapse_spaces_but_addresses_keep_their_lines():
    assert normalise.name("  سلمى \u202e  البناني ") == "سلمى البناني"
    assert normalise.address("حي الوحدة\nزنقة 12\u200b") == "حي الوحدة\nزنقة 12"


def test_free_text_keeps_what_was_typed():
    assert normalise.free_text("  قال: \u202bنعم\u202c ") == "قال: \u202bنعم\u202c"


def test_non_strings_pass_through_for_the_validator_to_refuse():
    assert normalise.identifier(12) == 12 and normalise.name(None) is None and normalise.reference(None) is None
