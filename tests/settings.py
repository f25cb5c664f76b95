"""Test settings: the real settings, with tasks run inline and files in a throwaway folder."""

import tempfile
from pathlib import Path

from winloss.settings import *  # noqa: F403

DATA_DIR = Path(tempfile.mkdtemp(prefix="winloss-test-"))
UPLOAD_DIR = DATA_DIR / "uploads"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_AUTOREFRESH = True
