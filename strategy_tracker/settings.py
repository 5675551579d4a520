"""Settings for the strategy tracker.

One module for every environment. With no configuration at all it runs locally
on SQLite with DEBUG on; production sets DEBUG=off and the variables listed in
`.env.example`, and a missing or malformed one stops start-up with a clear line.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")


def _required(name, cast=str):
    """Read a variable that production cannot do without, naming it if absent."""
    try:
        value = env(name) if cast is str else env.list(name)
    except ImproperlyConfigured:
        raise ImproperlyConfigured(f"Set the {name} environment variable (DEBUG is off).") from None
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable (DEBUG is off).")
    return value


_BOOLEANS = {
    "1": True,
    "true": True,
    "on": True,
    "yes": True,
    "0": False,
    "false": False,
    "off": False,
    "no": False,
}
_debug = env.str("DEBUG", default="on").strip().lower()
if _debug not in _BOOLEANS:
    # environ would read any unknown word as False; a typo must not silently flip the mode.
    raise ImproperlyConfigured(f"DEBUG must be a boolean (on/off, true/false), not {_debug!r}.")
DEBUG = _BOOLEANS[_debug]

if DEBUG:
    # Local development only: a fixed key is harmless because DEBUG is on.
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-only")
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"]
    )
else:
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = _required("ALLOWED_HOSTS", cast=list)

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "accounts",
    "countries",
    "objectives",
    "evidence",
    "progress",
    "resilience",
    "imports",
    "dashboard",
    "reports",
    "notifications",
    "api",
    # Before the admin, whose forms it extends with one field per language.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "demo",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a signed-in user unless its view is marked @login_not_required
    # (sign-in, password reset, language choice).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Responses to signed-in users: Cache-Control: private, no-store.
    "core.middleware.PrivateNoStoreMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "strategy_tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.roles",
            ],
            # Dates, times and file sizes in the reader's language on every page.
            "builtins": ["core.templatetags.local_formats"],
        },
    },
]

WSGI_APPLICATION = "strategy_tracker.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if not DEBUG else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# British English: the site's English is "en" (users' choices, the `_en` columns), shown
# with British formats (core/locale_formats/en) for every reader, whatever their browser.
LANGUAGE_CODE = "en-gb"
# A third language is one more entry here, its catalogue in locale/ and a migration
# (`makemigrations` adds its column to each translated text, see */translation.py).
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date, time and number format per language, ours rather than Django's US English.
FORMAT_MODULE_PATH = ["core.locale_formats"]
# Translated strategy and resilience texts (django-modeltranslation): English is the
# original, kept in the original column and shown wherever a translation is missing.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # attachments are only served through a permission-checked view
# Where `manage.py backup` (and `make backup`) writes its files.
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(BASE_DIR / "backups")))

STORAGES = {
    "default": {
        "BACKEND": env("FILE_STORAGE", default="django.core.files.storage.FileSystemStorage"),
        # For another backend, e.g. S3 with django-storages: {"bucket_name": "…", …}.
        "OPTIONS": env.json("FILE_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Evidence attachments: content-checked, size-limited.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# Evidence imports (imports/): the largest file accepted, and once a workbook is unpacked
# (a zip bomb is refused before it is opened); the most rows in one file; files larger
# than IMPORT_BACKGROUND_BYTES are read and imported by the task worker, with a progress bar.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)
IMPORT_BACKGROUND_BYTES = env.int("IMPORT_BACKGROUND_BYTES", default=100 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Background work (sending email, large imports, exports and reports) goes through Django's
# Tasks API (the django-tasks backport). By default tasks are queued in the database and run
# by `manage.py db_worker` (started by `make run` and `make serve`; a service in production,
# docs/deploy.md). When one machine is outgrown, the RQ/Redis backend is this setting:
# TASKS_BACKEND=django_tasks_rq.RQBackend (with django-tasks-rq installed).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Email (notifications, password resets): one URL, read by django-environ. Shown in the
# console with DEBUG on (so `make run` prints every email); SMTP on this machine otherwise.
# smtp://user:password@host:587 (plain), smtp+tls://… (STARTTLS), smtp+ssl://…:465 (TLS).
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# A mail server that stops answering fails the send (which is retried) instead of holding
# the worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="strategy-tracker@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def _site_url():
    """The address people reach the site at, for the links in emails. With DEBUG off it
    defaults to https:// and the first of ALLOWED_HOSTS."""
    default = "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
    value = env("SITE_URL", default=default).rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ImproperlyConfigured(
            f"SITE_URL must be an http(s) address such as https://tracker.example.org, "
            f"not {value!r}."
        )
    return value


SITE_URL = _site_url()


def _days(name, default):
    value = env.int(name, default=default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of days, at least 1.")
    return value


# Reminders sent by `manage.py send_reminders` (daily, docs/deploy.md): drafts untouched for
# this many days (to their author), items waiting for verification longer than this (to
# managers), and this many days before a reporting deadline (to the staff of countries
# with nothing submitted in the period). The periods themselves are data, in the admin.
REMIND_DRAFTS_AFTER_DAYS = _days("REMIND_DRAFTS_AFTER_DAYS", 14)
REMIND_WAITING_AFTER_DAYS = _days("REMIND_WAITING_AFTER_DAYS", 7)
REMIND_DEADLINE_DAYS_BEFORE = _days("REMIND_DEADLINE_DAYS_BEFORE", 7)
# A refused or failed send is tried again after 1, 2, 4, 8… minutes, this many times in all.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=8)
EMAIL_RETRY_SECONDS = env.int("EMAIL_RETRY_SECONDS", default=60)

# An evidence export as XLSX with more rows than this is built by the task worker while the
# reader sees a page that offers it once ready (CSV is streamed, so it always starts at
# once); the files built are deleted after EXPORT_FILES_KEEP_DAYS.
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=20_000)
EXPORT_FILES_KEEP_DAYS = _days("EXPORT_FILES_KEEP_DAYS", 2)
# A report's PDF is kept this many days for the manager who asked for it to download again.
REPORT_FILES_KEEP_DAYS = _days("REPORT_FILES_KEEP_DAYS", 14)

SESSION_COOKIE_HTTPONLY = True
# SECURE_COOKIES=off exists only for `make serve` over plain HTTP on 127.0.0.1;
# `check --deploy` flags it if a deployment turns it off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preloading is a decision for the whole registrable domain (every subdomain, hard to undo),
# not for this app: off unless asked for, and the deploy check's reminder is silenced.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): everything from this site only, no inline script
# or style anywhere (the app's templates and Django admin need neither), no plugins,
# no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The read API (/api/v1/, docs/api.md). JSON only; requests per minute per token (or per
# signed-in user), and per client address before any token is checked, so guessing tokens
# is slowed too. The counts live in the default cache: per process unless CACHES is shared.
API_RATE_PER_TOKEN = env.int("API_RATE_PER_TOKEN", default=120)
API_RATE_PER_ADDRESS = env.int("API_RATE_PER_ADDRESS", default=600)
# The longest a personal access token may live.
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=366)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasRole"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.KeysetPagination",
    "DEFAULT_FILTER_BACKENDS": ["api.filters.FilterSetBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "token": f"{API_RATE_PER_TOKEN}/min",
        "address": f"{API_RATE_PER_ADDRESS}/min",
    },
    "EXCEPTION_HANDLER": "api.errors.handle",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Strategy tracker read API",
    "DESCRIPTION": "Read-only access to strategies, the roll-up, evidence and resilience "
    "reviews, with the reader's own access rules. Guide: docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SECURITY": [{"personalToken": []}],
    "ENUM_NAME_OVERRIDES": {"EvidenceStatusEnum": "evidence.models.EvidenceStatus"},
}

# Sign-in protection (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one
# username, or from one address, further attempts are refused for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "accounts.signin.lockout_response"
# Behind a proxy every request comes from the proxy's address: read the client's instead.
AXES_CLIENT_IP_CALLABLE = "accounts.signin.client_ip"
# Lockouts end by themselves; to end one sooner: manage.py axes_reset_username NAME
# (or axes_reset_ip ADDRESS). Kept out of the admin, whose pages all hold our own data.
AXES_ENABLE_ADMIN = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each step of laying out a PDF, and fontTools each font table it
    # subsets, at INFO; their warnings still show.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
