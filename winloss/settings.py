"""Django settings, read from environment variables (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

from winloss.env import env_bool, env_int, env_list, env_path, env_str, parse_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent
_DEFAULT_DATA = _CHECKOUT / "data" if (_CHECKOUT / "pyproject.toml").exists() else Path.cwd() / "data"

DATA_DIR = env_path("WINLOSS_DATA_DIR", _DEFAULT_DATA)
UPLOAD_DIR = DATA_DIR / "uploads"

DEBUG = env_bool("WINLOSS_DEBUG", True)
SECRET_KEY = env_str("WINLOSS_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from winloss.env import SettingError

        raise SettingError("WINLOSS_SECRET_KEY must be set when WINLOSS_DEBUG is off")
    SECRET_KEY = "insecure-development-key-set-WINLOSS_SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("WINLOSS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

DATABASES = {"default": parse_database_url(env_str("DATABASE_URL", ""), DATA_DIR / "winloss.sqlite3")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "winloss.accounts",
    "winloss.deals",
    "winloss.interviews",
    "winloss.program",
    "winloss.insights",
    "winloss.reports",
    "winloss.actions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "winloss.urls"
WSGI_APPLICATION = "winloss.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "winloss.accounts.context_processors.membership",
            ]
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("WINLOSS_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Largest CRM export the web page accepts; the CLI reads files of any size.
WINLOSS_MAX_UPLOAD_MB = env_int("WINLOSS_MAX_UPLOAD_MB", 50, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": env_str("WINLOSS_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Email prints to the console until an SMTP server is set: WINLOSS_EMAIL_BACKEND=
# django.core.mail.backends.smtp.EmailBackend with the host and credentials below.
EMAIL_BACKEND = env_str("WINLOSS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("WINLOSS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("WINLOSS_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("WINLOSS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("WINLOSS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("WINLOSS_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("WINLOSS_FROM_EMAIL", "winloss@localhost")
# Links in emails (survey, opt-out) must work from a buyer's mailbox, outside any request: the server's public address.
BASE_URL = env_str("WINLOSS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The monthly digest (winloss/reports/digest.py): extra addresses besides members who asked for it, and a chat
# webhook (Slack-compatible) it is posted to as well.
WINLOSS_DIGEST_TO = env_list("WINLOSS_DIGEST_TO", [])
WINLOSS_DIGEST_WEBHOOK_URL = env_str("WINLOSS_DIGEST_WEBHOOK_URL", "")

# Every status change of an action is POSTed as JSON here (empty: none), for teams mirroring actions elsewhere.
WINLOSS_ACTIONS_WEBHOOK_URL = env_str("WINLOSS_ACTIONS_WEBHOOK_URL", "")
WINLOSS_ACTIONS_WEBHOOK_TIMEOUT = env_int("WINLOSS_ACTIONS_WEBHOOK_TIMEOUT", 5, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("WINLOSS_LOG_LEVEL", "WARNING")},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}
