"""Settings shared by every environment. Configuration comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from core.cache import cache_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "resources",
    "news",
    "events",
    "practices",
    "mapping",
    "search",
    "feedback",
    "wagtail_localize",
    "axes",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First: the request's copies of the locales and view restrictions (core.request_cache).
    "core.request_cache.RequestCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' pages from the shared cache (core.page_cache): a hit skips everything below.
    "core.page_cache.PageCacheMiddleware",
    "site_cms.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "site_cms.middleware.PublicInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "site_cms.wsgi.application"


def for_concurrent_use(database):
    """SQLite (the default on a new machine) set up for a web server's concurrent requests.

    - WAL: readers no longer block the writer, nor the writer the readers.
    - IMMEDIATE transactions: a transaction takes the write lock when it begins. In the default (deferred)
      mode a transaction that read first and then writes cannot wait for the lock: SQLite answers "database
      is locked" at once (Wagtail's autosave and "Pubblica" collided that way, and the editor's text was lost).
    - A busy timeout: a writer waits up to 20 s for the lock instead of failing.
    """
    if database.get("ENGINE") == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    if database.get("ENGINE", "").endswith("postgresql"):
        # The planner's default cost of a random page read (4.0) is for spinning disks: with the database in
        # memory or on SSD it prefers sequential scans to the indexes (the catalogue's full-text GIN index
        # among them) and is then several times slower. 1.1 is the usual figure for SSD.
        cost = os.environ.get("PG_RANDOM_PAGE_COST", "1.1")
        database.setdefault("OPTIONS", {}).setdefault("options", f"-c random_page_cost={float(cost)}")
    return database


DATABASES = {
    "default": for_concurrent_use(
        dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
            # A persistent connection the database dropped (restart, failover, idle timeout) is replaced at
            # the start of the next request instead of failing it.
            conn_health_checks=True,
        )
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A hello-world view at /_bench/hello/, for the benchmark only (`make bench` sets it): off everywhere else.
BENCH_HELLO_WORLD = os.environ.get("BENCH_HELLO_WORLD") == "1"

# Redis when REDIS_URL is set; if it stops answering the site serves without cache (core.cache).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = cache_settings(REDIS_URL)
# The anonymous page cache (core.page_cache): how long a public page is kept in the shared cache and in a
# reverse proxy (s-maxage), purged on every content change; 0 disables it. It is on by default only with
# Redis: a purge must reach every process that serves pages (each gunicorn worker, and the change may come
# from a command such as publish_scheduled), and a local-memory cache is one process's own. Browsers keep
# a page for PAGE_CACHE_BROWSER_SECONDS (they cannot be purged) and then revalidate it with its ETag.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600" if REDIS_URL else "0"))
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# A reverse proxy in front of the app servers (Varnish, deploy/varnish/default.vcl), purged by Wagtail's
# frontend cache on every content change: FRONTEND_CACHE_URL is where it accepts PURGE requests.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    if FRONTEND_CACHE_URL
    else {}
)
# Page addresses already carry their language (Italian unprefixed, English under /en/): no rewriting.
WAGTAILFRONTENDCACHE_LANGUAGES = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Logins: the admin's (/admin/login/) and the working groups' (/_util/login/) both go through django-axes.
# After LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that pair is locked for
# LOGIN_COOLOFF_MINUTES (each further attempt restarts the wait); failures and lockouts are logged by the
# "axes" logger; an administrator unlocks with `manage.py axes_reset_username <username>` (see README).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "login_locked.html"
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
AXES_ENABLE_ADMIN = False  # no django.contrib.admin: unlocking is done with the axes_reset commands
# Editors' and members' sessions last a working day (in seconds), then they log in again.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(9 * 60 * 60)))
# Number of reverse proxies in front of the site that append the client's address to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Internationalisation: Italian first, English through wagtail-localize and the `en` catalogues.
LANGUAGE_CODE = "it"
LANGUAGES = [("it", "Italiano"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Document files live outside MEDIA_ROOT and are only served by the document serve view (core.storage).
DOCUMENTS_ROOT = Path(os.environ.get("DOCUMENTS_ROOT", BASE_DIR / "protected-media"))

# Wagtail
WAGTAIL_SITE_NAME = "Le Province e il sistema dei servizi a supporto dei Comuni"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.SiteImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.SiteDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.document_forms.SiteDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "odp", "csv", "zip"]
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # every document is downloaded as an attachment with its name
DOCUMENTS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
# Members of the working groups log in to their reserved area with the site's own login page.
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "resources/login.html"
# Without ``next``, that login sends each user where they work (core.destinations.after_login).
LOGIN_REDIRECT_URL = "after_login"
# Renditions of images in restricted collections are kept outside MEDIA_ROOT (core.images).
WAGTAILIMAGES_RENDITION_STORAGE = "core.storage.RenditionStorage"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# One index; on PostgreSQL each entry is built with the text-search configuration of its language
# (see search/backend.py); on SQLite the index holds Snowball stems of each language (search/text.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIGS": {"it": "site_italian", "en": "site_english"},
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# No Gravatar: editors' e-mail hashes are not sent to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@example.invalid")

# Content-Security-Policy of the public site (see site_cms.middleware): everything is self-hosted.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "site_cms.views.csrf_failure"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

SITE_DESCRIPTION = _(
    "Il progetto UPI e Dipartimento della Funzione Pubblica per i servizi delle Province ai Comuni"
)
