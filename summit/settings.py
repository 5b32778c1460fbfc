"""Settings for the summit portal, read from the environment.

Production is the default: without DJANGO_DEBUG=true, DJANGO_SECRET_KEY and
DJANGO_ALLOWED_HOSTS are required, so a forgotten variable stops the application server at
start (summit/startup.py) instead of running with debug pages and a known key; commands
that serve nothing (check, makemigrations, migrate) still run. `make run`, `make test` and
the test suite (tests/settings.py) ask for development mode, whose defaults need nothing set.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from events.replays import PLAYER_ORIGINS

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-insecure-key-not-for-production"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
else:
    # Left empty when missing: Django refuses to sign anything with an empty key, and
    # summit/startup.py refuses to serve, naming the variable.
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
MISSING_ENVIRONMENT = [] if DEBUG else [
    name for name, value in (("DJANGO_SECRET_KEY", SECRET_KEY),
                             ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS)) if not value
]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Moving the admin off /admin/ keeps scanners of the default path away from its login.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "").strip().strip("/") + "/"
if ADMIN_PATH == "/":
    ADMIN_PATH = "admin/"

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so its admin integration loads first
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Search on PostgreSQL: lookups, and OpClass in the trigram indexes' migrations.
    "django.contrib.postgres",
    "markdownx",
    "axes",
    "summit",  # the project package: its rerender_markdown command
    "simple_history",
    "events",
    "api",
    "articles",
    "search",  # the search page, over events and articles
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A view's database error -> 503 with Retry-After (summit/errors.py).
    "summit.errors.DatabaseUnavailableMiddleware",
    # Before sessions and locale: a cached public page costs one cache round trip.
    "summit.page_cache.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "summit.i18n.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "summit.urls"

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
                "django.template.context_processors.i18n",
                "events.context_processors.current_summit",
                "summit.i18n.language_links",
            ],
        },
    },
    {
        # Only the talk cards: a template rendered hundreds of times a page (summit/jinja2.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "summit.jinja2.environment"},
    },
]

WSGI_APPLICATION = "summit.wsgi.application"
ASGI_APPLICATION = "summit.asgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a plan whose estimated cost passes jit_above_cost: meant
    # for long analytic queries, it fires on the search's EXISTS checks (their estimate
    # assumes every row is checked) and spends 50 ms compiling a 3 ms query. A site's
    # short queries never gain from it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"



def redis_cache(url):
    """The shared cache on Redis. With Redis down every cache call answers a miss (the site
    serves uncached) and the fault is logged once per outage (summit/cache_faults.py)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        # Sites (or benchmark runs) sharing one Redis keep apart by prefix.
        "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "summit"),
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            # A hung Redis costs each request at most this much, not a worker.
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "summit.cache_faults"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},  # every page of a big programme, in 2 codings
        }
    }

# Public pages are cached until something public changes (summit/page_cache/): at most this
# many seconds (0 turns the cache off); a CDN or proxy in front may keep a copy for
# PAGE_CACHE_SHARED_SECONDS and serve it PAGE_CACHE_STALE_SECONDS longer while refreshing.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_SHARED_SECONDS = 10
PAGE_CACHE_STALE_SECONDS = 30
PAGE_CACHE_SKIP_PREFIXES = ("/" + ADMIN_PATH, "/markdownx/", "/i18n/", "/media/")

# Failed logins are counted by django-axes (its backend first, so a locked-out user is
# refused even with the right password). The counts live in the database, so every
# application server sees the same ones. A superuser unlocks with `manage.py axes_reset`
# (or axes_reset_username / axes_reset_ip) or by deleting the admin's access attempts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "30")))
# Either too many failures from one address or too many for one username locks.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "summit.logins.lockout_response"
AXES_CLIENT_IP_CALLABLE = "summit.logins.client_ip"
AXES_VERBOSE = False  # no banner on every manage.py command; lockouts still log
# How many reverse proxies in front of the application append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # only the server reads it


# Content in both languages (django-modeltranslation): each translated field gets a
# column per language (title_zh_hans, title_en); an empty one falls back to the other.
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans", "en")
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

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

# Uploads: images are checked by Pillow; these bound what a request may carry.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644
# import_posts --fetch-images: hosts exempt from the public-address check (e.g. an intranet
# mirror), the time allowed per network operation and the largest image fetched.
IMPORT_IMAGE_ALLOWED_HOSTS = env_list("DJANGO_IMPORT_IMAGE_ALLOWED_HOSTS")
IMPORT_IMAGE_TIMEOUT = 10
IMPORT_IMAGE_MAX_BYTES = 5 * 1024 * 1024

MARKDOWNX_MARKDOWNIFY_FUNCTION = "summit.markdown.render_markdown"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Public pages load nothing from elsewhere and run no inline script. Images may be
# hotlinked from https sources in imported posts; plain-http images are not shown (on
# the HTTPS site browsers would upgrade or block them as mixed content anyway), and in
# production the policy asks the browser to upgrade such addresses to https.
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "https:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    # Replays (events/replays.py): exactly the players the talk page embeds, and video
    # files wherever staff host them. Both load only after the reader's click.
    "frame-src": PLAYER_ORIGINS,
    "media-src": [SELF, "https:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
if not DEBUG:
    CSP_DIRECTIVES["upgrade-insecure-requests"] = True
# The admin gets the same policy: its Markdown preview is inserted with innerHTML, and
# Django's admin and markdownx run from static files (their style changes go through
# CSSOM, which the policy does not block).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once_per_outage": {"()": "summit.cache_faults.OncePerOutage"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"summit.cache_faults": {"filters": ["once_per_outage"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
