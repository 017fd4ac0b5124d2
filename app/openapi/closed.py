"""What an operation of the OpenAPI document accepts: its query parameters and its body's fields.

``app.views.api_guard`` refuses what the document does not declare — an unknown query
parameter, or a body field outside a closed object (``additionalProperties: false``) — so
a client's typo (``acces_form``, ``?pagee=2``) is a 422 naming it, never silently ignored.
The document is the one list: a parameter or a field is accepted exactly when it is declared.
"""
from __future__ import annotations

import functools
import re

from app.openapi import document

RULE_VARIABLE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
COMPOSITIONS = ("allOf", "oneOf", "anyOf")


@functools.cache
def _document() -> dict:
    return document()


def operation(rule: str, method: str, view_args: dict | None = None) -> dict | None:
    """The operation serving Flask URL ``rule`` (``/api/v1/cases/<reference>``) with ``method``, or None.

    One Flask route may serve several documented paths (``…/actions/<trigger>`` is documented
    per trigger): the path with the route's variables is tried first, then with their values.
    """
    paths, method = _document()["paths"], method.lower()
    templated = RULE_VARIABLE.sub(r"{\1}", rule)
    candidates = [templated] + [templated.replace("{" + name + "}", str(value))
                                for name, value in (view_args or {}).items()]
    return next((paths[p][method] for p in candidates if method in paths.get(p, {})), None)


def unknown_parameters(op: dict, names) -> list[str]:
    """The query parameter ``names`` that ``op`` does not declare, sorted."""
    declared = {_resolve(p).get("name") for p in op.get("parameters", ()) if _resolve(p).get("in") == "query"}
    return sorted(set(names) - declared)


def unknown_fields(op: dict, body) -> list[str]:
    """The fields of the JSON ``body`` that the closed objects of ``op``'s body schema do not declare,
    as dotted paths (``applicant.nickname``, ``withheld.0.note``), in the body's order."""
    content = (op.get("requestBody") or {}).get("content", {}).get("application/json")
    return _unknown(content["schema"], body, "") if content else []


def _unknown(schema: dict, value, path: str) -> list[str]:
    properties, closed, items = _shape(schema)
    if isinstance(value, list) and items is not None:
        return [f for i, item in enumerate(value) for f in _unknown(items, item, f"{path}{i}.")]
    if not isinstance(value, dict) or properties is None:
        return []
    out = [path + str(key) for key in value if key not in properties] if closed else []
    for key, item in value.items():
        if key in properties:
            out += _unknown(properties[key], item, f"{path}{key}.")
    return out


def _shape(schema: dict) -> tuple[dict | None, bool, dict | None]:
    """``(properties, closed, items)`` of ``schema``, merged over $ref, allOf/oneOf/anyOf and if/then/else.

    Merged over alternatives, a field is known when any of them declares it (the schema's own
    checks then say whether it fits); closed when one of the parts is.
    """
    schema = _resolve(schema)
    properties = dict(schema["properties"]) if "properties" in schema else None
    closed, items = schema.get("additionalProperties") is False, schema.get("items")
    parts = [p for key in COMPOSITIONS for p in schema.get(key, ())] + [schema[k] for k in ("then", "else")
                                                                       if k in schema]
    for part in parts:
        more, part_closed, part_items = _shape(part)
        if more is not None:
            properties = {**more, **(properties or {})}
        closed, items = closed or part_closed, items or part_items
    return properties, closed, items


def _resolve(node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        node = functools.reduce(lambda at, key: at[key], node["$ref"].lstrip("#/").split("/"), _document())
    return node
