"""The catalogues merge by section (union merge): each msgid once, every one translated in both languages."""
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent / "app" / "translations"
MSGID = re.compile(r'^msgid "(.*)"\n((?:".*"\n)*)', re.M)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_each_msgid_once_and_translated(lang):
    path = ROOT / lang / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    ids = [m.group(1) + "".join(re.findall(r'"(.*)"', m.group(2))) for m in MSGID.finditer(text)]
    assert [msgid for msgid, n in Counter(ids).items() if n > 1] == []
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    missing = [m.id for m in catalogue if m.id and (not m.string or (isinstance(m.string, tuple)
                                                                      and not all(m.string)))]
    assert missing == []
    plurals = {"ar": 6, "fr": 2}[lang]
    assert all(len(m.string) == plurals for m in catalogue if m.id and m.pluralizable)


def test_every_string_the_code_and_templates_mark_is_translated():
    """What `pybabel extract` finds (``_``, ``_l``, ``ngettext`` …) is in both catalogues."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = ROOT.parent.parent
    with (root / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    marked = {message[0] if isinstance(message, tuple) else message
              for *_, message, _comments, _context in extract_from_dir(root, method_map, options_map, keywords)}
    for lang in ("ar", "fr"):
        with (ROOT / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalogue = read_po(handle)
        assert sorted(m for m in marked if m and m not in catalogue) == [], lang
