"""One folding of text for search, applied alike to stored documents and to queries.

People type Arabic without hamza, tashkeel or the right final letter, and French
without accents; references and CNIE numbers come in any case, and digits in
Arabic-Indic form. ``fold`` maps all of these to one form, so that a query folded
the same way finds the stored text whatever variant either side used:

* case folded (``Élise`` → ``élise``), then compatibility-decomposed (NFKD: Arabic
  presentation forms and ligatures → base letters);
* every combining mark dropped: French accents (``é`` → ``e``), the Arabic tashkeel
  (fatha … sukun, shadda, superscript alef) and the hamza/madda carried on a letter,
  so أ إ آ → ا, ؤ → و, ئ → ي;
* ٱ (alef wasla) → ا, ة → ه, ى → ي, Persian ی/ک → ي/ك; tatweel (ـ) removed;
* Arabic-Indic and Eastern Arabic-Indic digits → ASCII digits;
* runs of white space → one space.

Pure standard library: the same function serves the application, the migration that
builds the search documents and the benchmark.
"""
import re
import unicodedata

_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
_LETTERS = {ord("ٱ"): "ا", ord("ة"): "ه", ord("ى"): "ي", ord("ی"): "ي", ord("ک"): "ك", ord("ـ"): None}
_TABLE = str.maketrans({**_DIGITS, **_LETTERS})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """``text`` folded for search (see the module docstring); ``""`` for None."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.translate(_TABLE)).strip()
