"""Who may call which API route: every route of the ``api`` blueprint, from ``app.url_map``."""
import pytest

from tests.app.views.api_support import bearer, request_body, submit, tokens  # noqa: F401

ROLES = ("admin", "supervisor", "officer", "complaints", "head", "viewer")   # the staff cast's names

# (method, rule) → status expected for each member of the cast, on an information request.
MATRIX = {
    ("POST", "/api/v1/cases"): dict(admin=201, supervisor=201, officer=201, complaints=403, head=403, viewer=403),
    ("GET", "/api/v1/cases"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/v1/cases/<reference>"): dict(dict.fromkeys(ROLES, 200), complaints=403),
    ("GET", "/api/v1/cases/<reference>/letters/<int:letter_id>"): dict(dict.fromkeys(ROLES, 200), complaints=403),
    ("POST", "/api/v1/cases/<reference>/actions/<trigger>"): dict(
        admin=200, supervisor=200, officer=403, complaints=403, head=403, viewer=403),
    ("GET", "/api/v1/cases/<reference>/messages"): dict(dict.fromkeys(ROLES, 200), complaints=403),
    ("POST", "/api/v1/cases/<reference>/messages"): dict(   # the target is assigned to ``officer``
        admin=201, supervisor=201, officer=201, complaints=403, head=403, viewer=403),
    # h1-deliver (the target is assigned to ``officer``, with a document and his draft answer)
    ("POST", "/api/v1/cases/<reference>/documents"): dict(           # 422: no file sent
        admin=422, supervisor=422, officer=422, complaints=403, head=403, viewer=403),
    ("GET", "/api/v1/cases/<reference>/documents/<int:document_id>"): dict(dict.fromkeys(ROLES, 200), complaints=403),
    ("DELETE", "/api/v1/cases/<reference>/documents/<int:document_id>"): dict(   # the first allowed removes it
        admin=204, supervisor=404, officer=404, complaints=403, head=403, viewer=403),
    ("GET", "/api/v1/cases/<reference>/letters/draft"): dict(dict.fromkeys(ROLES, 200), complaints=403),
    ("GET", "/api/v1/cases/<reference>/drafts"): dict(dict.fromkeys(ROLES, 200), complaints=403),
    ("POST", "/api/v1/cases/<reference>/drafts"): dict(             # 422: no trigger in the body
        admin=422, supervisor=422, officer=422, complaints=403, head=422, viewer=403),
    ("GET", "/api/v1/cases/<reference>/drafts/<int:draft_id>"): dict(dict.fromkeys(ROLES, 200), complaints=403),
    ("POST", "/api/v1/cases/<reference>/drafts/<int:draft_id>/<step>"): dict(   # discard: then 409, no longer open
        admin=200, supervisor=409, officer=409, complaints=403, head=403, viewer=403),
    ("GET", "/api/v1/approvals"): dict(admin=200, supervisor=200, officer=403, complaints=403, head=200, viewer=403),
    ("GET", "/api/v1/cases/export.csv"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/v1/cases/export.xlsx"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/v1/statistics"): dict(admin=200, supervisor=200, officer=403, complaints=403, head=200, viewer=403),
    # h9b-disclosure: the target is not answered yet, so publishing is refused (422) to those who may publish,
    # and the body carries no reason to withhold (422).
    ("GET", "/api/v1/cases/<reference>/publication"): dict(dict.fromkeys(ROLES, 200), complaints=403),
    ("POST", "/api/v1/cases/<reference>/actions/publish"): dict(
        admin=422, supervisor=422, officer=422, complaints=403, head=403, viewer=403),
    ("POST", "/api/v1/cases/<reference>/actions/withhold_publication"): dict(
        admin=422, supervisor=422, officer=422, complaints=403, head=403, viewer=403),
    # h8b-receipt: a letter's delivery (the body carries no method nor date: 422 past the role checks)
    ("POST", "/api/v1/cases/<reference>/letters/<int:letter_id>/delivery"): dict(
        admin=422, supervisor=422, officer=422, complaints=403, head=403, viewer=403),
    # h8d-chain: correcting it is a supervisor's (400 past the role checks: the call sends no JSON body)
    ("PUT", "/api/v1/cases/<reference>/letters/<int:letter_id>/delivery"): dict(
        admin=400, supervisor=400, officer=403, complaints=403, head=403, viewer=403),
}
PUBLIC = {("POST", "/api/v1/requests"), ("POST", "/api/v1/complaints"), ("GET", "/api/v1/status/<reference>"),
          ("GET", "/api/v1/status/<reference>/documents/<int:document_id>"),
          ("GET", "/api/v1/status/<reference>/letters/<int:letter_id>"), ("GET", "/api/v1/openapi.json"),
          ("POST", "/api/v1/status/<reference>/actions/<trigger>"), ("POST", "/api/v1/status/<reference>/rating"),
          ("GET", "/api/v1/status/<reference>/messages"), ("POST", "/api/v1/status/<reference>/messages"),
          ("GET", "/api/v1/complaint-categories"),
          ("GET", "/api/v1/status/<reference>/receipt")}


def api_routes(app):
    """(method, rule, endpoint) of every route of the api blueprint."""
    return sorted((method, rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()
                  if rule.endpoint.startswith("api.")
                  for method in rule.methods - {"HEAD", "OPTIONS"})


def staff_routes(app):
    return [(m, r) for m, r, endpoint in api_routes(app) if hasattr(app.view_functions[endpoint], "staff_roles")]


def test_every_api_route_is_classified(app):
    routes = {(m, r) for m, r, _ in api_routes(app)}
    assert routes == set(MATRIX) | PUBLIC
    assert set(staff_routes(app)) == set(MATRIX)


def call(client, method, rule, target, headers):
    """Call ``rule`` filled in for ``target`` (an information request and its receipt)."""
    path = (rule.replace("<reference>", target["reference"]).replace("<trigger>", "assign")
            .replace("<int:letter_id>", str(target["letter_id"]))
            .replace("<int:document_id>", str(target.get("document_id", 1)))
            .replace("<int:draft_id>", str(target.get("draft_id", 1))).replace("<step>", "discard"))
    path += "?kind=answer" if rule.endswith("/letters/draft") else ""
    path += "?from=2025-01-01&to=2025-12-31" if rule.endswith("/statistics") else ""
    body = {"officer": "officer"} if "actions" in rule else {"body": "Merci de préciser."} if "messages" in rule else (
        {**request_body(), "type": "information_request", "channel": "counter"} if method == "POST" else None)
    return client.open(path, method=method, json=body, headers=headers)


@pytest.fixture
def target(ctx, client, staff):
    from app.services.cases import get_case

    from app.extensions import db
    from app.models.released_document import ReleasedDocument
    from app.services.cases import fire
    from app.services.letter_drafts import save

    reference = submit(client).json["reference"]
    case = get_case(reference)
    fire(case, "assign", {"officer": "officer"}, actor=staff["supervisor"])
    folder = ctx.config["ATTACHMENTS_DIR"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "auth-matrix.pdf").write_bytes(b"%PDF-1.4\n")
    document = ReleasedDocument(case_id=case.id, original_name="d.pdf", stored_name="auth-matrix.pdf",
                                content_type="application/pdf", size=9, sha256="0" * 64)
    db.session.add(document)
    db.session.commit()
    draft = save(case, "answer", {"outcome": "granted", "text": "Ci-joint."}, staff["officer"])
    return {"reference": reference, "letter_id": case.letters[0].id, "document_id": document.id,
            "draft_id": draft.id}


@pytest.fixture
def nothing():
    """Route arguments of no case: enough for checks made before any lookup."""
    return {"reference": "DAI-2025-000001", "letter_id": 1}


@pytest.mark.parametrize("method, rule", list(MATRIX))
def test_role_matrix(client, target, tokens, method, rule):
    # Refusals first: they change nothing, so the case is as registered for each role.
    for role in sorted(ROLES, key=lambda r: MATRIX[(method, rule)][r] != 403):
        response = call(client, method, rule, target, tokens[role])
        assert response.status_code == MATRIX[(method, rule)][role], (role, response.get_data(as_text=True)[:300])
        if response.status_code == 403:
            assert response.json["error"] == "forbidden" and response.json["reason"]


@pytest.mark.parametrize("method, rule", list(MATRIX))
def test_staff_routes_need_a_valid_token(ctx, client, nothing, staff, method, rule):
    from app.extensions import db

    revoked = bearer(staff["admin"])
    staff["admin"].deactivate()
    db.session.commit()
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic YWRtaW46eA=="},
                    {"Authorization": "Bearer "}, revoked):
        response = call(client, method, rule, nothing, headers)
        assert response.status_code == 401, (headers, response.status_code)
        assert response.is_json and response.json["error"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_session_cookie_is_not_enough(app, nothing, staff):
    """The API is exempt from CSRF, so only a bearer token may authenticate (never a cookie)."""
    signed_in = app.test_client()
    login = signed_in.post("/staff/login", data={"username": "supervisor", "password": "Secret-pass-2026"})
    assert login.status_code == 302
    for method, rule in MATRIX:
        assert call(signed_in, method, rule, nothing, {}).status_code == 401


def test_a_new_password_revokes_the_token(client, staff):
    from app.extensions import db

    headers = bearer(staff["supervisor"])
    assert client.get("/api/v1/cases", headers=headers).status_code == 200
    staff["supervisor"].set_password("Another-pass-2026")
    db.session.commit()
    assert client.get("/api/v1/cases", headers=headers).status_code == 401


@pytest.mark.parametrize("method, rule", sorted(PUBLIC))
def test_public_routes_need_no_token(ctx, client, nothing, method, rule):
    response = call(client, method, rule, nothing, {})
    assert response.status_code not in (401, 403)
