import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 64 + "-production-test-secret",
    "ALLOWED_HOSTS": "aigc.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "VAR_DIR", "ENV_FILE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", env={**env, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("command", [["create_demo_accounts"]])
def test_demo_accounts_are_refused_in_production(command):
    result = _manage(*command, env=PRODUCTION)
    assert result.returncode != 0
    assert "refused with DEBUG off" in result.stderr


def test_embedded_default_runs_without_any_environment(tmp_path):
    env = {"VAR_DIR": str(tmp_path / "var")}
    result = _manage("check", env=env)
    assert result.returncode == 0, result.stderr


def test_var_dir_may_come_from_the_env_file(tmp_path):
    env_file = tmp_path / "site.env"
    env_file.write_text(f"VAR_DIR={tmp_path / 'from-env-file'}\n", encoding="utf-8")
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.VAR_DIR)",
        env={"ENV_FILE": str(env_file)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(tmp_path / "from-env-file")


COOKIE_CHECK = """
from django.conf import settings
from django.test import Client, override_settings
# Static files are not collected here; their storage has nothing to do with cookies.
override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
from accounts.roles import Role
from accounts.services import roles_ensure, user_create_with_role
roles_ensure()
user_create_with_role(username="https-user", password="a-long-pass-123", role=Role.CREATOR)
client = Client(HTTP_X_FORWARDED_PROTO="https")
page = client.get("/accounts/login/", secure=True)
print("HSTS", page.headers.get("Strict-Transport-Security"))
csrf = page.cookies["csrftoken"]
print("CSRF", bool(csrf["secure"]), csrf["samesite"])
answer = client.post(
    "/accounts/login/",
    {"username": "https-user", "password": "a-long-pass-123"},
    secure=True,
)
session = answer.cookies["sessionid"]
print("SESSION", bool(session["secure"]), bool(session["httponly"]), session["samesite"])
print("PLAIN", Client().get("/accounts/login/").status_code)
"""


def test_cookies_are_secure_over_https_in_production(tmp_path):
    env = {
        **PRODUCTION,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
        "BEHIND_TLS_PROXY": "1",
        "VAR_DIR": str(tmp_path),
    }
    assert _manage("migrate", "-v0", env=env).returncode == 0
    result = _manage("shell", "-c", COOKIE_CHECK, env=env)
    assert result.returncode == 0, result.stderr
    lines = dict(
        line.split(" ", 1)
        for line in result.stdout.strip().splitlines()
        if line.split(" ", 1)[0] in {"HSTS", "CSRF", "SESSION", "PLAIN"}
    )
    assert lines["HSTS"].startswith("max-age=31536000")
    assert lines["CSRF"] == "True Lax"
    assert lines["SESSION"] == "True True Lax"
    assert lines["PLAIN"] == "301"  # plain HTTP is sent to HTTPS
