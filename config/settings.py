"""Settings, read from the environment (django-environ).

Development defaults are safe for a laptop: SQLite beside manage.py, DEBUG on,
a throwaway secret key. Production sets DJANGO_ENV=production, which turns
DEBUG off, requires SECRET_KEY and ALLOWED_HOSTS from the environment and
switches on the deployment checklist (``manage.py check --deploy``).
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PRODUCTION = env("DJANGO_ENV", default="development") == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env("SECRET_KEY")  # no default: a missing secret is a failed start
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-0f3a9c1e7b2d4a6e8c0b")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rules",
    "people",
    "discipline",
    "interventions",
    "reporting",
    "district",
    "demo",
    "notifications",
    "imports",
    "exports",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy headers.
    "csp.middleware.CSPMiddleware",
    "people.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # A NUL in a query or form value is a 400, never a database error.
    "people.middleware.RejectNulMiddleware",
    "people.middleware.RejectEmptyToFieldMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Optional second factor (django-otp TOTP): people/two_factor.py.
    "django_otp.middleware.OTPMiddleware",
    "people.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after SESSION_IDLE_TIMEOUT without a request.
    "people.middleware.IdleSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Every read of a student's records is logged (discipline/middleware.py).
    "discipline.middleware.StudentRecordViewLogMiddleware",
    # Login throttling: must be last (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins, so a read-then-write
    # rule check (DAYS20) cannot interleave; others wait rather than fail.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
else:
    # Each server thread keeps its connection (persistent connections, checked
    # before reuse) instead of opening one per request: PostgreSQL starts a
    # backend process for every connection, which cost more server CPU than
    # the referral queue's twelve queries (docs/benchmarks.md, "Queue and
    # history at full size"). CONN_MAX_AGE=0 goes back to one per request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Named permissions as predicates (people/permissions.py).
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Common words with a year or digits ("Summer2026!"), and zxcvbn's estimate.
    {"NAME": "people.login.CommonWordsValidator"},
    {"NAME": "people.login.StrengthValidator", "OPTIONS": {"min_score": 3}},
]

# django-otp: the admin never shows a device's secret or its QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = "Discipline records"
# Set to require a second factor of every district staff member.
OTP_REQUIRED_FOR_DISTRICT = env.bool("OTP_REQUIRED_FOR_DISTRICT", default=False)

# History pages only show past versions (people.admin.ReadOnlyHistoryAdmin).
SIMPLE_HISTORY_REVERT_DISABLED = True
# Argon2 first: strong and fast enough that a login takes milliseconds, not the
# two seconds PBKDF2 at Django's iteration count took on the server. Existing
# PBKDF2 hashes still verify and are rehashed with Argon2 on the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The client's address: from the reverse proxy's header only when it is named
# here (e.g. "X-Forwarded-For", of which the entry TRUSTED_PROXY_COUNT from the
# right is taken, or "X-Real-IP"); else the connection's. See people/login.py.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

# django-axes: 5 failed logins for one username from one address, or 20 from
# one address across usernames (spraying), hold that address for 15 minutes
# (a cooling-off delay; the account's owner elsewhere is not held).
AXES_FAILURE_LIMIT_PER_USERNAME = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_FAILURE_LIMIT_PER_ADDRESS = env.int("AXES_FAILURE_LIMIT_PER_ADDRESS", default=20)
AXES_FAILURE_LIMIT = "people.login.failure_limit"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "people.login.client_ip"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# A success does not wipe the address's count: one known password must not
# reset a spraying run.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Files the application writes for a user to download (large CSV exports,
# ``exports``), served only through a view that checks their owner, never by the
# web server: keep MEDIA_ROOT out of any directory the proxy serves. The web
# process and the workers must see the same directory (one machine, or a shared
# volume).
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# A list's CSV of more rows than this is written by a task (a worker) instead of
# in the request; its page follows the export and offers the file when done.
EXPORT_ROWS_IN_REQUEST = env.int("EXPORT_ROWS_IN_REQUEST", default=20_000)
# An export's file is deleted this many hours after it was written (by the next
# export, or ``manage.py prune_exports``); the export's row (who, what, when) stays.
EXPORTS_KEEP_HOURS = env.int("EXPORTS_KEEP_HOURS", default=24)

# Long work (publishing, SIS imports, large exports) runs as tasks on Django's task framework
# (the django-tasks backport) with its database backend: `manage.py db_worker`
# runs them (bin/demo starts one beside the web server). The tests use the
# immediate backend (tests/conftest.py) and one test goes through a worker.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# The default cache holds the public downloads' rate-limit counts
# (reporting/downloads.py). Production: CACHE_URL=dbcache://django_cache (after
# manage.py createcachetable), shared by every worker; or a Redis URL.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # The public pages keep their frozen pages and fragments here
    # (reporting.views_public): one process's memory, a few tens of kB each.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # A running import's progress, written by the worker while its transaction is
    # still open and read by the web process: a cache both processes see.
    "progress": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("PROGRESS_CACHE_DIR", default=str(BASE_DIR / ".progress-cache")),
    },
    # The district reports' results, computed once and shared for
    # REPORTS["CACHE_SECONDS"] (reporting/reports/cache.py): every worker of the
    # server must see the same entries, so a file cache (or REPORTS_CACHE_URL:
    # dbcache://, a Redis URL), never a per-process one.
    "reports": env.cache(
        "REPORTS_CACHE_URL",
        default="filecache://" + env("REPORTS_CACHE_DIR", default=str(BASE_DIR / ".reports-cache")),
    ),
}
PUBLIC_DOWNLOADS_PER_MINUTE = env.int("PUBLIC_DOWNLOADS_PER_MINUTE", default=30)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# District settings the rules read (SPEC section 4). District staff may change
# them per deployment; the defaults are the Board's.
DISCIPLINE = {
    # ALT: documented alternatives required before a non-Category-1 suspension.
    "ALT_REQUIRED_TIER2": env.int("ALT_REQUIRED_TIER2", default=1),
    "ALT_REQUIRED_TIER3": env.int("ALT_REQUIRED_TIER3", default=1),
    # DAYS5 / DAYS20 (E.C. 48911, 48903).
    "MAX_DAYS_PER_SUSPENSION": 5,
    "MAX_DAYS_PER_YEAR": 20,
    "MAX_DAYS_PER_YEAR_AFTER_OPPORTUNITY_TRANSFER": 30,
    # WD: business days to document an intervention for willful defiance.
    "WD_FOLLOW_UP_SCHOOL_DAYS": 5,
    # MDR (34 CFR 300.530(e)).
    "MDR_THRESHOLD_DAYS": 10,
    "MDR_REVIEW_WITHIN_SCHOOL_DAYS": 10,
    # NOTICE: the appeal timeline stated on every suspension notice (Bill of
    # Rights "Appeals"; BUL-5655). To be confirmed by the district's counsel.
    "APPEAL_CONFERENCE_SCHOOL_DAYS": env.int("APPEAL_CONFERENCE_SCHOOL_DAYS", default=3),
    "APPEAL_WRITTEN_SCHOOL_DAYS": env.int("APPEAL_WRITTEN_SCHOOL_DAYS", default=5),
}

# District reports (issue 14; 34 CFR 300.647): below the minimum cell size
# (numerators) or n-size (denominators) a risk or risk ratio is not computed.
REPORTS = {
    "MIN_CELL_SIZE": env.int("REPORTS_MIN_CELL_SIZE", default=10),
    "MIN_N_SIZE": env.int("REPORTS_MIN_N_SIZE", default=30),
    # Watch list: schools with at least this many citations and arrests in a year.
    "FREQUENT_POLICE_CONTACTS": env.int("REPORTS_FREQUENT_POLICE_CONTACTS", default=5),
    # Watch list: a student with an IEP or 504 plan this many days from 10.
    "MDR_WATCH_WITHIN_DAYS": 2,
    # District staff's reports are computed once and shared this long (seconds;
    # 0: computed on every request). The page says when they were computed.
    "CACHE_SECONDS": env.int("REPORTS_CACHE_SECONDS", default=300),
}
# Mail (alerts and the family's notice): the console in development and the
# demo, SMTP from the environment in production (EMAIL_URL, e.g.
# smtp+tls://user:password@mail.example.org:587). Sent after the write commits.
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env(
        "EMAIL_BACKEND",
        default=(
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend"
        ),
    )
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="discipline-records@localhost")

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# A strict Content-Security-Policy (django-csp): scripts and styles only from
# our own static files, no inline script, handler or style attribute; nothing
# may frame the pages. Charts are server-rendered SVG; the admin is CSP-clean.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the pages never use are switched off (people/middleware.py).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "browsing-topics=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

SESSION_COOKIE_HTTPONLY = True
# Sessions: at most a working day, and 30 minutes idle (people/middleware.py).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# How a publication's complements are found (docs/publication.md, "Suppression
# engines"): "auto" (default: the audit for a statistic of up to REPORTING_AUDIT_CELLS
# cells, modular where the audit cannot prove a pattern and above that size), "audit"
# or "modular"; and the CPU seconds per statistic the measurement of the narrowest pin
# range may spend before it says "search capped".
REPORTING_SUPPRESSION = env("REPORTING_SUPPRESSION", default="auto")
REPORTING_AUDIT_CELLS = env.int("REPORTING_AUDIT_CELLS", default=10_000)
# Events are suppressed in a second process beside the other statistics above this many cells.
REPORTING_PARALLEL_CELLS = env.int("REPORTING_PARALLEL_CELLS", default=50_000)
REPORTING_RANGE_SECONDS = env.float("REPORTING_RANGE_SECONDS", default=60.0)
