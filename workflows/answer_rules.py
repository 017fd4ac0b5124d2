"""What a body's answer to an information request must hold (arts. 14, 18): outcome, grounds, reasons.

The grounds, outcomes and inadmissibility reasons themselves are data in
``workflows.statute``; this module checks an answer against them.
"""
from __future__ import annotations

from workflows.statute import (ANSWER_OUTCOMES, GROUNDS, INADMISSIBILITY_REASONS, OUTCOMES_NEEDING_GROUNDS,
                               Outcome)

# A withheld part is described in a few words (the letter lists each one, art. 18).
WITHHELD_PART_LIMIT = 500


def answer_grounds(grounds: list[str] | None, withheld: list[dict] | None) -> list[str]:
    """The grounds an answer rests on: those named, then those of its withheld parts (art. 18), no repeats."""
    parts = [p.get("ground") for p in withheld or [] if isinstance(p, dict)]
    return list(dict.fromkeys([*(grounds or []), *(g for g in parts if isinstance(g, str) and g)]))


def validate_answer(outcome: str | None, grounds: list[str] | None, text: str | None,
                    withheld: list[dict] | None = None, inadmissible_reason: str | None = None) -> dict[str, str]:
    """Check an answer's outcome, grounds, withheld parts and reasons against art. 18.

    Args:
        outcome: one of ``ANSWER_OUTCOMES`` values.
        grounds: codes from ``GROUNDS``; required for refused and partly granted (a
            partly granted answer may give them on its withheld parts instead).
        text: the reasoned answer; always required.
        withheld: a partly granted answer's withheld parts, each
            ``{"part": what was withheld, "ground": a GROUNDS code}``; at least one
            for a partial grant, none for any other outcome (art. 18).
        inadmissible_reason: a code from ``INADMISSIBILITY_REASONS``; required for
            the inadmissible outcome, and only for it (LAW.md §1, outcomes).

    Returns:
        ``{field: message}``, empty when the answer is acceptable; a withheld part's
        fields are named ``withheld.<index>.part`` / ``withheld.<index>.ground``.
    """
    errors: dict[str, str] = {}
    try:
        value = Outcome(outcome)
    except ValueError:
        value = None
    if value not in ANSWER_OUTCOMES:
        errors["outcome"] = "outcome must be one of: " + ", ".join(sorted(o.value for o in ANSWER_OUTCOMES))
    unknown = [g for g in (grounds or []) if g not in GROUNDS]
    if unknown:
        errors["grounds"] = "unknown ground(s): " + ", ".join(map(str, unknown))
    elif value in OUTCOMES_NEEDING_GROUNDS and not answer_grounds(grounds, withheld):
        errors["grounds"] = "a refusal names at least one ground (art. 18)"
    errors.update(_withheld_errors(value, withheld))
    errors.update(_inadmissibility_errors(value, inadmissible_reason))
    if not isinstance(text, str) or not text.strip():
        errors["text"] = "the answer must give its reasons (art. 18)"
    return errors


def _withheld_errors(outcome: Outcome | None, withheld) -> dict[str, str]:
    """Art. 18: a partial grant lists each withheld part with its ground; other outcomes list none."""
    if withheld is None:
        withheld = []
    if not isinstance(withheld, list):
        return {"withheld": "a list of withheld parts"}
    if outcome is not Outcome.PARTLY_GRANTED:
        return {"withheld": "only a partly granted answer lists withheld parts (art. 18)"} if withheld else {}
    if not withheld:
        return {"withheld": "a partial grant lists what was withheld, each part with its ground (art. 18)"}
    errors: dict[str, str] = {}
    for index, item in enumerate(withheld):
        item = item if isinstance(item, dict) else {}
        part = item.get("part")
        if not isinstance(part, str) or not part.strip():
            errors[f"withheld.{index}.part"] = "say what was withheld"
        elif len(part.strip()) > WITHHELD_PART_LIMIT:
            errors[f"withheld.{index}.part"] = f"at most {WITHHELD_PART_LIMIT} characters"
        if item.get("ground") not in GROUNDS:
            errors[f"withheld.{index}.ground"] = "choose the ground of this part (art. 18)"
    return errors




def _inadmissibility_errors(outcome: Outcome | None, reason) -> dict[str, str]:
    """An inadmissible request is answered with one reason from the table; no other outcome names one."""
    if outcome is Outcome.INADMISSIBLE:
        if reason not in INADMISSIBILITY_REASONS:
            return {"inadmissible_reason": "choose why the request is inadmissible: "
                                           + ", ".join(INADMISSIBILITY_REASONS)}
        return {}
    return {"inadmissible_reason": "only an inadmissible answer gives a reason of inadmissibility"} if reason else {}
