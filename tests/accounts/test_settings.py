"""Production settings refuse to start without their secrets."""

import os
import subprocess
import sys

from django.conf import settings

SCRIPT = "import django; django.setup()"


def _run(env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env["DJANGO_SETTINGS_MODULE"] = "vraagbaak.settings.production"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run(
        {"DJANGO_ALLOWED_HOSTS": "vraagbaak.example", "DATABASE_URL": "postgres://x@localhost/x"}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_its_secrets():
    result = _run(
        {
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "vraagbaak.example",
            "DATABASE_URL": "postgres://x@localhost/x",
        }
    )
    assert result.returncode == 0, result.stderr
