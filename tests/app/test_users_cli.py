"""`flask users …`: create, token, deactivate, password (issue §9, §10)."""
import re

import pytest

PASSWORD = "Check-pass-2026!"


@pytest.fixture
def flask_cli(ctx):
    runner = ctx.test_cli_runner()

    def run(*args):
        return runner.invoke(args=["users", *args])
    return run


def user(username):
    from app.extensions import db
    from app.models.user import User

    db.session.expire_all()
    return db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none()


def test_create_an_officer_gets_the_unit_of_the_role(flask_cli):
    result = flask_cli("create", "amina", "--role", "information_officer", "--password", PASSWORD,
                       "--email", "Amina@Example.org")
    assert result.exit_code == 0, result.output
    amina = user("amina")
    assert (amina.role, amina.unit, amina.active) == ("information_officer", "information", True)
    assert amina.check_password(PASSWORD)
    assert amina.email == "Amina@example.org"
    assert PASSWORD not in result.output


def test_create_without_a_password_prints_a_generated_one(flask_cli):
    result = flask_cli("create", "chief", "--role", "head")
    assert result.exit_code == 0, result.output
    generated = re.search(r"password: (\S+)", result.output).group(1)
    assert len(generated) >= 12 and user("chief").check_password(generated)
    assert user("chief").unit is None


def test_create_with_a_unit(flask_cli):
    assert flask_cli("create", "sup", "--role", "supervisor", "--unit", "complaints",
                     "--password", PASSWORD).exit_code == 0
    assert user("sup").unit == "complaints"


def test_an_existing_username_is_refused(flask_cli):
    flask_cli("create", "amina", "--role", "supervisor", "--password", PASSWORD)
    result = flask_cli("create", "amina", "--role", "head", "--password", PASSWORD)
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert user("amina").role == "supervisor"


@pytest.mark.parametrize("args", [
    ("--role", "king"),
    ("--role", "complaints_officer", "--unit", "information"),
    ("--role", "viewer", "--password", "short"),
    ("--role", "viewer", "--email", "not-an-address"),
])
def test_invalid_accounts_are_refused(flask_cli, args):
    result = flask_cli("create", "someone", *args)
    assert result.exit_code != 0
    assert user("someone") is None


def test_token_prints_only_the_token_and_it_works(ctx, flask_cli):
    flask_cli("create", "sup", "--role", "supervisor", "--password", PASSWORD)
    result = flask_cli("token", "sup")
    assert result.exit_code == 0
    token = result.stdout.strip()
    assert re.fullmatch(r"[A-Za-z0-9_\-]{40,}", token) and result.stdout == token + "\n"
    client = ctx.test_client()
    assert client.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    # A second token (another integration) does not end the first: each is revoked on its own.
    newer = flask_cli("token", "sup", "--name", "portal", "--days", "30").stdout.strip()
    assert client.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/api/v1/cases", headers={"Authorization": f"Bearer {newer}"}).status_code == 200


def test_tokens_are_listed_and_revoked_from_the_command_line(ctx, flask_cli):
    flask_cli("create", "sup", "--role", "supervisor", "--password", PASSWORD)
    first = flask_cli("token", "sup", "--name", "chafafiya").stdout.strip()
    second = flask_cli("token", "sup", "--name", "chikaya", "--days", "10").stdout.strip()
    lines = flask_cli("tokens", "sup").stdout.strip().splitlines()
    assert [line.split("\t")[2] for line in lines] == ["chikaya", "chafafiya"]   # newest first
    assert all(line.split("\t")[1] == "sup" and line.endswith("\tactive") for line in lines)
    first_id = lines[1].split("\t")[0]
    assert flask_cli("revoke-token", first_id).exit_code == 0
    client = ctx.test_client()
    assert client.get("/api/v1/cases", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    assert client.get("/api/v1/cases", headers={"Authorization": f"Bearer {second}"}).status_code == 200
    assert flask_cli("tokens").stdout.strip().splitlines()[1].endswith("\trevoked")
    assert flask_cli("revoke-token", "999999").exit_code != 0
    assert flask_cli("token", "sup", "--days", "400").exit_code != 0


def test_token_for_an_unknown_or_deactivated_user_fails(flask_cli):
    assert flask_cli("token", "ghost").exit_code != 0
    flask_cli("create", "gone", "--role", "viewer", "--password", PASSWORD)
    flask_cli("deactivate", "gone")
    result = flask_cli("token", "gone")
    assert result.exit_code != 0 and result.stdout == ""


def test_deactivate_ends_sessions_and_token(ctx, flask_cli):
    flask_cli("create", "sup", "--role", "supervisor", "--password", PASSWORD)
    token = flask_cli("token", "sup").stdout.strip()
    version = user("sup").session_version
    result = flask_cli("deactivate", "sup")
    assert result.exit_code == 0, result.output
    assert user("sup").active is False and user("sup").session_version > version
    response = ctx.test_client().get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert flask_cli("deactivate", "ghost").exit_code != 0


def test_password_change_ends_sessions_and_token(ctx, flask_cli):
    flask_cli("create", "sup", "--role", "supervisor", "--password", PASSWORD)
    token = flask_cli("token", "sup").stdout.strip()
    version = user("sup").session_version
    result = flask_cli("password", "sup", "--password", "Another-pass-2026")
    assert result.exit_code == 0, result.output
    assert user("sup").check_password("Another-pass-2026") and user("sup").session_version > version
    response = ctx.test_client().get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    generated = flask_cli("password", "sup")
    assert user("sup").check_password(re.search(r"password: (\S+)", generated.output).group(1))
    assert flask_cli("password", "sup", "--password", "short").exit_code != 0
    assert flask_cli("password", "ghost", "--password", "Another-pass-2026").exit_code != 0


def test_list_shows_each_account(flask_cli):
    flask_cli("create", "amina", "--role", "information_officer", "--password", PASSWORD)
    flask_cli("create", "gone", "--role", "viewer", "--password", PASSWORD)
    flask_cli("deactivate", "gone")
    lines = flask_cli("list").stdout.splitlines()
    assert lines == ["amina\tinformation_officer\tinformation\tactive", "gone\tviewer\t-\tdeactivated"]


def test_create_with_the_name_in_both_scripts(flask_cli):
    result = flask_cli("create", "hind", "--role", "complaints_officer", "--password", PASSWORD,
                       "--full-name", "Hind Ennaji", "--full-name-ar", "هند الناجي")
    assert result.exit_code == 0, result.output
    hind = user("hind")
    assert (hind.full_name, hind.full_name_ar) == ("Hind Ennaji", "هند الناجي")
    assert (hind.name_in("ar"), hind.name_in("fr")) == ("هند الناجي", "Hind Ennaji")
