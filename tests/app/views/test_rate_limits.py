"""Throttling (Flask-Limiter), counted in the real Redis when one answers: sign-in, every route that
checks an access code, anonymous submissions, the lost-code form, attached bytes; all off with
RATELIMIT_ENABLED=0; the counts shared between processes."""
import inspect
import io
import os
import subprocess
import sys
import textwrap

import pytest

from config import BASE_DIR, Config
from tests.app.views.rate_limit_support import limited, limited_config, redis_answers  # noqa: F401
from tests.app.views.test_portal_support import COMPLAINT_FORM, PDF, REQUEST_FORM, shown_once
from tests.conftest import REQUEST

UNKNOWN = "DAI-2025-000001"
# Views that check an access code or an e-mailed link (the detector below must find at least these).
CODE_CHECKING = {"portal.status_lookup", "portal.letter", "api.status", "api.applicant_action",
                 "api.applicant_rating", "api.status_letter", "applicant.confirm_email", "applicant.new_code"}
CHECKS = ("case_for_applicant(", "applicant_case(", "case_for_link(")


def at(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_staff_sign_in_is_throttled(limited):
    client = limited(LOGIN_RATE_LIMIT="3 per minute").test_client()
    codes = [client.post("/staff/login", data={"username": "nobody", "password": "wrong"},
                         **at("127.0.9.1")).status_code for _ in range(4)]
    assert codes[:3] == [401] * 3 and codes[3] == 429
    assert client.post("/staff/login", data={"username": "nobody", "password": "wrong"},
                       **at("127.0.9.2")).status_code == 401


def test_every_view_that_checks_an_access_code_is_limited(app):
    """Walks the URL map: a view whose code checks an access code or a link carries the shared limit."""
    checking = set()
    for endpoint, view in app.view_functions.items():
        try:
            source = inspect.getsource(inspect.unwrap(view))
        except (OSError, TypeError):
            continue
        if any(call in source for call in CHECKS):
            checking.add(endpoint)
    assert CODE_CHECKING <= checking
    assert {e for e in checking if not getattr(app.view_functions[e], "access_code_limited", False)} == set()


def test_the_access_code_routes_share_one_count_per_address(limited):
    client = limited(LOOKUP_RATE_LIMIT="6 per minute").test_client()
    code = {"X-Access-Code": "ABCDEFGHJK"}
    calls = [
        lambda: client.get(f"/api/v1/status/{UNKNOWN}", headers=code, **at("127.0.9.3")),
        lambda: client.post(f"/api/v1/status/{UNKNOWN}/rating", json={"rating": 5}, headers=code, **at("127.0.9.3")),
        lambda: client.post(f"/api/v1/status/{UNKNOWN}/actions/withdraw", headers=code, **at("127.0.9.3")),
        lambda: client.get(f"/api/v1/status/{UNKNOWN}/letters/1", headers=code, **at("127.0.9.3")),
        lambda: client.post("/status", data={"reference": UNKNOWN, "access_code": "ABCDEFGHJK"}, **at("127.0.9.3")),
        lambda: client.post(f"/status/{UNKNOWN}/letters/1", data={"access_code": "ABCDEFGHJK"}, **at("127.0.9.3")),
    ]
    assert 429 not in [call().status_code for call in calls]
    answers = [call() for call in calls]          # the allowance is spent, whatever the route
    assert [a.status_code for a in answers] == [429] * len(calls)
    assert answers[0].json["error"] == "too_many_requests" and answers[0].headers.get("Retry-After")
    assert client.get(f"/api/v1/status/{UNKNOWN}", headers=code, **at("127.0.9.4")).status_code == 404


def test_submissions_are_throttled_per_address_portal_and_api_together(limited):
    app = limited(SUBMIT_RATE_LIMIT="2 per hour", SUBMIT_GLOBAL_RATE_LIMIT="100 per hour")
    client = app.test_client()
    invalid = client.post("/requests/new", data={**REQUEST_FORM, "first_name": ""}, **at("127.0.9.5"))
    assert invalid.status_code == 200            # sent back with errors: not counted
    assert shown_once(client.post("/requests/new", data=REQUEST_FORM, **at("127.0.9.5")))[0].startswith("DAI-")
    assert client.post("/api/v1/requests", json=REQUEST, **at("127.0.9.5")).status_code == 201
    assert client.post("/api/v1/requests", json=REQUEST, **at("127.0.9.5")).status_code == 429
    refused = client.post("/complaints/new", data=COMPLAINT_FORM, **at("127.0.9.5"))
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert client.post("/api/v1/requests", json=REQUEST, **at("127.0.9.6")).status_code == 201


def test_submissions_are_throttled_overall(limited):
    client = limited(SUBMIT_RATE_LIMIT="10 per hour", SUBMIT_GLOBAL_RATE_LIMIT="2 per hour").test_client()
    codes = [client.post("/api/v1/requests", json=REQUEST, **at(f"127.0.9.{n}")).status_code for n in (7, 8, 9)]
    assert codes == [201, 201, 429]


def test_attached_bytes_are_capped_per_address_per_day(limited):
    client = limited(ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY=len(PDF) + 10).test_client()

    def post(address):
        files = {**COMPLAINT_FORM, "attachments": [(io.BytesIO(PDF), "photo.pdf")]}
        return client.post("/complaints/new", data=files, content_type="multipart/form-data", **at(address))

    assert shown_once(post("127.0.9.10"))[0].startswith("REC-")
    second = post("127.0.9.10")
    assert second.status_code == 200 and "أُرسل اليوم من اتصالكم" in second.get_data(as_text=True)
    assert shown_once(post("127.0.9.11"))[0].startswith("REC-")


def test_the_lost_code_form_is_throttled_per_address_and_per_reference(limited):
    app = limited(ACCESS_CODE_REISSUE_RATE_LIMIT="3 per hour", ACCESS_CODE_REISSUE_PER_REFERENCE="2 per day")
    client = app.test_client()

    def ask(reference, address):
        return client.post("/access-code/lost", data={"reference": reference}, **at(address)).status_code

    assert [ask("DAI-2025-000001", "127.0.9.12"), ask("DAI-2025-000001", "127.0.9.12")] == [200, 200]
    assert ask("DAI-2025-000001", "127.0.9.13") == 429          # that reference's allowance, any address
    assert ask("DAI-2025-000002", "127.0.9.12") == 200
    assert ask("DAI-2025-000003", "127.0.9.12") == 429          # that address's allowance


def test_ratelimit_enabled_0_turns_every_limit_off(limited):
    client = limited(RATELIMIT_ENABLED=False, LOOKUP_RATE_LIMIT="1 per minute", LOGIN_RATE_LIMIT="1 per minute",
                     SUBMIT_RATE_LIMIT="1 per hour", ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY=1).test_client()
    for _ in range(3):
        assert client.get(f"/api/v1/status/{UNKNOWN}", headers={"X-Access-Code": "X"}).status_code == 404
        assert client.post("/staff/login", data={"username": "x", "password": "y"}).status_code == 401
        assert client.post("/api/v1/requests", json=REQUEST).status_code == 201


def test_every_limit_is_read_from_the_environment_and_listed_in_the_readme():
    names = [n for n in vars(Config) if n.endswith(("RATE_LIMIT", "_PER_REFERENCE", "_PER_DAY"))
             or n in ("RATELIMIT_ENABLED", "RATELIMIT_STORAGE_URI", "MAX_SUBMISSION_ATTACHMENT_BYTES")]
    assert len(names) >= 9
    env = {**os.environ, "RATELIMIT_ENABLED": "0", "SUBMIT_RATE_LIMIT": "7 per hour",
           "ACCESS_CODE_REISSUE_PER_REFERENCE": "1 per day", "ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY": "1234"}
    script = ("from config import Config as C; print(C.RATELIMIT_ENABLED, C.SUBMIT_RATE_LIMIT, "
              "C.ACCESS_CODE_REISSUE_PER_REFERENCE, C.ATTACHMENT_BYTES_PER_ADDRESS_PER_DAY)")
    out = subprocess.run([sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["False", "7", "per", "hour", "1", "per", "day", "1234"], out.stderr
    readme = (BASE_DIR / "README.md").read_text()
    assert [n for n in names if f"`{n}`" not in readme] == []


@pytest.mark.skipif(not redis_answers(), reason="no Redis server answers: counts shared between workers untested")
def test_counts_are_shared_between_processes_through_redis(limited, app, tmp_path):
    """A second process (a gunicorn worker) spends the allowance; this process then gets 429."""
    here = limited(LOOKUP_RATE_LIMIT="3 per minute")
    config = limited_config(app, tmp_path, LOOKUP_RATE_LIMIT="3 per minute")
    worker = textwrap.dedent(f"""
        from config import TestConfig
        from app import create_app

        class Worker(TestConfig):
            INSTANCE_DIR = {str(tmp_path / 'worker')!r}
            SQLALCHEMY_DATABASE_URI = {app.config['SQLALCHEMY_DATABASE_URI']!r}
            RATELIMIT_ENABLED = True
            RATELIMIT_STORAGE_URI = {config.RATELIMIT_STORAGE_URI!r}
            RATELIMIT_KEY_PREFIX = {config.RATELIMIT_KEY_PREFIX!r}
            LOOKUP_RATE_LIMIT = "3 per minute"

        client = create_app(Worker).test_client()
        print(*[client.get("/api/v1/status/{UNKNOWN}", headers={{"X-Access-Code": "X"}},
                           environ_base={{"REMOTE_ADDR": "127.0.9.20"}}).status_code for _ in range(3)])
    """)
    out = subprocess.run([sys.executable, "-c", worker], cwd=BASE_DIR, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["404", "404", "404"], out.stderr[-2000:]
    answer = here.test_client().get(f"/api/v1/status/{UNKNOWN}", headers={"X-Access-Code": "X"},
                                    **at("127.0.9.20"))
    assert answer.status_code == 429


@pytest.mark.parametrize("address, key", [
    ("203.0.113.9", "203.0.113.9"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),         # one subscriber's /64 counts as one client
    ("2001:db8:1:2:ffff::9", "2001:db8:1:2::/64"),
    ("::ffff:203.0.113.9", "203.0.113.9"),                  # an IPv4 client seen through IPv6
    ("not an address", "not an address"),
])
def test_clients_are_counted_by_address_and_ipv6_by_network(app, address, key):
    from app.rate_limits import client_key

    with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        assert client_key() == key
