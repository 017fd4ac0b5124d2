"""Text modules: both languages required, unique titles, one page at a time, inserted as a paragraph."""
import pytest

from app.services import text_modules as modules


def test_modules_are_checked_paginated_and_inserted(ctx, staff):
    with pytest.raises(modules.TextModuleInvalid) as invalid:
        modules.save_module({"title": " ", "body_ar": "نص", "body_fr": "a\x00b"}, staff["supervisor"])
    assert set(invalid.value.errors) == {"title", "body_fr"}
    for n in range(25):
        modules.save_module({"title": f"Module {n:02d}", "body_ar": "نص", "body_fr": "texte"}, staff["supervisor"])
    with pytest.raises(modules.TextModuleInvalid) as taken:
        modules.save_module({"title": "module 03", "body_ar": "نص", "body_fr": "texte"}, staff["supervisor"])
    assert taken.value.errors == {"title": "another text module has this title"}
    first, second = modules.list_modules(1, 20), modules.list_modules(2, 20)
    assert (first.total, len(first.items), len(second.items)) == (25, 20, 5)
    assert second.items[0].title == "Module 20"
    module = first.items[0]
    assert modules.insert("Réponse.  \n", module, "fr") == "Réponse.\n\ntexte"
    assert modules.insert("", module, "ar") == "نص"
