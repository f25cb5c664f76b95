"""Settings come from environment variables through typed helpers that fail loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from winloss.env import SettingError, env_bool, env_int, parse_database_url

ROOT = Path(__file__).resolve().parents[1]


def test_a_boolean_that_is_not_one_is_refused(monkeypatch):
    monkeypatch.setenv("WINLOSS_DEBUG", "maybe")
    with pytest.raises(SettingError, match="WINLOSS_DEBUG='maybe' is not a boolean"):
        env_bool("WINLOSS_DEBUG", True)


def test_a_number_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("WINLOSS_MAX_UPLOAD_MB", "0")
    with pytest.raises(SettingError, match="must be at least 1"):
        env_int("WINLOSS_MAX_UPLOAD_MB", 50, minimum=1)
    monkeypatch.setenv("WINLOSS_MAX_UPLOAD_MB", "lots")
    with pytest.raises(SettingError, match="is not a whole number"):
        env_int("WINLOSS_MAX_UPLOAD_MB", 50, minimum=1)


def test_database_urls_become_django_settings(tmp_path):
    default = tmp_path / "db.sqlite3"
    assert parse_database_url("", default)["NAME"] == str(default)
    assert parse_database_url("sqlite:////srv/winloss.db", default)["NAME"] == "/srv/winloss.db"
    pg = parse_database_url("postgres://win:s%40cret@db.local:5433/winloss", default)
    assert pg == {"ENGINE": "django.db.backends.postgresql", "NAME": "winloss", "USER": "win",
                  "PASSWORD": "s@cret", "HOST": "db.local", "PORT": "5433"}
    with pytest.raises(SettingError, match="unsupported scheme 'mysql'"):
        parse_database_url("mysql://x@y/z", default)


def _settings_in_subprocess(env: dict[str, str], expr: str) -> subprocess.CompletedProcess:
    code = ("import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'winloss.settings'; "
            f"from django.conf import settings; print({expr})")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WINLOSS_", "DATABASE_URL"))}
    return subprocess.run([sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT, capture_output=True,
                          text=True)


def test_the_data_folder_holds_the_sqlite_database(tmp_path):
    result = _settings_in_subprocess({"WINLOSS_DATA_DIR": str(tmp_path)}, "settings.DATABASES['default']['NAME']")
    assert result.stdout.strip() == str(tmp_path / "winloss.sqlite3")


def test_production_without_a_secret_key_does_not_start():
    result = _settings_in_subprocess({"WINLOSS_DEBUG": "false"}, "settings.DEBUG")
    assert result.returncode != 0
    assert "WINLOSS_SECRET_KEY must be set" in result.stderr
