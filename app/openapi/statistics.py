"""OpenAPI of the statistics (staff) and the complaint categories (public), merged by ``app.openapi``."""
from app.openapi.paths import PREFIX, PUBLIC, STAFF, _err, _json, _op, _param
from app.openapi.schemas import KINDS, obj, ref
from app.services.statistics.indicators import INDICATORS
from workflows.statute import Channel

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# A count (integer), days or a mean (number; null when nothing to average), or a breakdown {key: count}.
COUNT_OR_BREAKDOWN = {"oneOf": [{"type": ["number", "null"], "minimum": 0},
                                {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}]}

SCHEMAS = {
    "Statistics": obj({
        "period": obj({"from": DATE, "to": DATE}, required=("from", "to")),
        "filters": obj({name: {"type": ["string", "null"]} for name in ("kind", "channel", "unit", "officer")}),
        "computed_at": {"type": "string", "format": "date-time"},
        "figures": obj({i.id: {**COUNT_OR_BREAKDOWN, "description": f"{i.label_fr} — {i.definition_fr}"}
                        for i in INDICATORS.values()}, required=tuple(INDICATORS),
                       description="one value per indicator (see /statistics.json's dictionary); a breakdown "
                                   "lists every key of its family"),
        "units": {"type": "object", "additionalProperties": {"type": "string",
                                                             "enum": ["count", "working_days", "days", "rating"]}},
    }, required=("period", "filters", "computed_at", "figures")),
    "ComplaintCategory": obj({"code": {"type": "string"}, "name_ar": {"type": "string"},
                              "name_fr": {"type": "string"}}, required=("code", "name_ar", "name_fr")),
}


def paths() -> dict:
    """The statistics path (staff: supervisors, head, administrators) and the categories path (public)."""
    parameters = [
        _param("from", "query", DATE, "first receipt date (Africa/Casablanca), included"),
        _param("to", "query", DATE, "last receipt date, included; at most ten years after 'from'"),
        _param("kind", "query", {"type": "string", "enum": list(KINDS)}),
        _param("channel", "query", {"type": "string", "enum": [c.value for c in Channel]}),
        _param("unit", "query", {"type": "string", "enum": ["information", "complaints"]}),
        _param("officer", "query", {"type": "string", "minLength": 1},
               description="the username of the officer the cases are assigned to"),
    ]
    parameters[0]["required"] = parameters[1]["required"] = True
    return {
        f"{PREFIX}/statistics": {"get": _op(
            "Every statistics indicator for the cases received in a period (exact counts)", STAFF,
            {"200": _json("Statistics", "the figures"), **_err("BadRequest", "Unauthorized", "Forbidden", "Invalid")},
            parameters=parameters)},
        f"{PREFIX}/complaint-categories": {"get": _op(
            "The active complaint categories: the codes a complaint may be filed under", PUBLIC,
            {"200": {"description": "in order", "content": {"application/json": {"schema": {
                "type": "array", "items": ref("ComplaintCategory")}}}}})},
    }
