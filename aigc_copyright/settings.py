"""Settings for aigc_copyright, driven by environment variables.

With no environment at all the app runs embedded: SQLite and media under ``var/``, Celery tasks
in-process (eager), a development secret key and DEBUG on. ``DATABASE_URL`` and ``REDIS_URL``
switch to PostgreSQL and a real broker; ``DEBUG=0`` turns on the production safeguards, which
then require ``SECRET_KEY`` and ``ALLOWED_HOSTS``. Every variable is listed in ``.env.example``.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# .env first: every setting below, VAR_DIR included, may come from it (the environment wins).
env = environ.Env()
env_file = Path(os.environ.get("ENV_FILE") or BASE_DIR / ".env")
if env_file.is_file():
    environ.Env.read_env(env_file)
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    # Kept only so that the migration can carry tokens issued before into knox's hashed table.
    "rest_framework.authtoken",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "axes",
    "accounts",
    "cases",
    "assessments",
]

MIDDLEWARE = [
    # First: an oversized request is refused before anything reads its body.
    "aigc_copyright.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "aigc_copyright.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "aigc_copyright.middleware.PrivateAnswersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "aigc_copyright.middleware.ApplicationErrorMiddleware",
    # Last, as django-axes requires: it answers locked-out log-ins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed log-ins are limited per username and address; a success resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# django-axes prints a banner on every command otherwise; a newcomer takes it for a problem.
AXES_VERBOSE = False
# The client's address behind the deployment's own proxies (README "Deployment"): with the
# documented TLS proxy in front, one; 0 trusts no forwarded header at all.
TRUSTED_PROXIES = env.int(
    "TRUSTED_PROXIES", default=1 if env.bool("BEHIND_TLS_PROXY", default=False) else 0
)
AXES_CLIENT_IP_CALLABLE = "aigc_copyright.middleware.client_address"

ROOT_URLCONF = "aigc_copyright.urls"
WSGI_APPLICATION = "aigc_copyright.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Punctuation as the reader's language writes it, in every template.
            "builtins": ["aigc_copyright.typography"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
# A connection kept across requests is checked before use, so a restarted database is survived.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# Redis: Celery broker and result backend (REDIS_URL), and the cache (CACHE_URL, a separate
# instance in production: the cache's may evict, the broker's must never lose a message; it
# defaults to REDIS_URL for a single local Redis). Without them tasks run eagerly.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_URL = env.str("CACHE_URL", default=REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # A cache that is down costs a request half a second, then the database answers.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="aigc")
# Public case-library answers are cached this long (invalidated at once by any library change;
# see cases/cache.py); 0 turns the cache off. Off without Redis: processes would not share it.
CASE_CACHE_SECONDS = env.int("CASE_CACHE_SECONDS", default=300 if CACHE_URL else 0)

# Without Redis (the embedded mode) the broker needs no server: kombu's filesystem transport
# under VAR_DIR, which the worker that `make run` starts beside the web server reads. A submit
# answers at once in every mode; the page shows progress until the report is there.
BROKER_DIR = VAR_DIR / "broker"
# (A host is named only so that kombu does not warn on every message; the transport ignores it.)
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or f"file://{VAR_DIR / 'results'}"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A submit whose broker is down answers at once (the report stays pending for the sweeper):
# connections time out after a second and a publish is not retried in the request.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
    "socket_connect_timeout": 1,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
if not REDIS_URL:
    for folder in ("queue", "processed"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "results").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
    }
CELERY_TIMEZONE = "UTC"
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
# A report left pending (lost message, broker down at submit) past the grace, or running with a
# worker silent past the silent deadline (each stage of a build beats; a killed pool child does
# not) or past the running deadline, is sent again by the sweeper, which beat runs every 15 s:
# a killed build is back in the queue within a minute.
REPORT_PENDING_GRACE = timedelta(seconds=env.int("REPORT_PENDING_GRACE_SECONDS", default=60))
REPORT_SILENT_DEADLINE = timedelta(seconds=env.int("REPORT_SILENT_DEADLINE_SECONDS", default=45))
REPORT_RUNNING_DEADLINE = timedelta(seconds=env.int("REPORT_RUNNING_DEADLINE_SECONDS", default=300))
CELERY_BEAT_SCHEDULE = {
    "sweep-reports": {"task": "assessments.tasks.sweep_reports", "schedule": 15.0},
}
# Public address of the site, for the links of documents (PDF reports, library citations). No
# loopback default: unset, links are built from the request being answered (cases/links.py), and a
# document built with no request at all refuses to guess.
PUBLIC_URL = env.str("PUBLIC_URL", default="")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: the request body limit and the size of one uploaded creation log.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=25 * 1024 * 1024)
# A whole request (several files at once): refused from its declared length, never read.
# A JSON log larger than this is read by a worker, with its progress shown, not in the request
# (a 4 MB native log is about 11,000 steps, read in a quarter of a second). A preview's answer is
# kept this long for its reader to fetch.
PARSE_IN_REQUEST_MAX_BYTES = env.int("PARSE_IN_REQUEST_MAX_BYTES", default=4 * 1024 * 1024)
PARSE_JOB_KEEP = timedelta(hours=env.int("PARSE_JOB_KEEP_HOURS", default=24))
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=4 * MAX_UPLOAD_BYTES)
# Files in one request (Django refuses more before reading them).
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("MAX_FILES_PER_REQUEST", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

REST_FRAMEWORK = {
    # Token first, so an unauthenticated API call answers 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "aigc_copyright.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "aigc_copyright.api.exception_handler",
    # A JSON API: bodies bounded in size and depth. The views that take files or forms (log
    # uploads, the token log-in) name their parsers themselves.
    "DEFAULT_PARSER_CLASSES": ["aigc_copyright.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
}

# API tokens: hashed at rest, expiring, revoked with a password change or reset (accounts.signals).
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "AIGC Copyright API",
    "DESCRIPTION": (
        "Case-law library and copyright assessment of AI-assisted works. "
        'Decision support, not legal advice. Errors are JSON {"error": code, "detail": message}.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "cases.models.SourceKind",
        "ProtectedWorkKindEnum": "cases.models.ProtectedWorkKind",
        "BuildStatusEnum": "assessments.models.ReportStatus",
        "AssessmentStatusEnum": "assessments.models.AssessmentStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "aigc_copyright.api.document_authentication_errors",
    ],
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # fontTools reports every table it subsets while WeasyPrint embeds a font: noise, not news.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

# Production safeguards (DEBUG off): HTTPS everywhere, secure cookies, HSTS.
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    if env.bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
