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
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"}
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
