"""Settings read the environment; each case imports them afresh in a subprocess."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import json; from summit import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'host': s.DATABASES['default'].get('HOST', '')}))"
)


def import_settings(code=PRINT_SETTINGS, **env):
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("DJANGO_") and k not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(  # noqa: S603 (fixed argv, our own interpreter)
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=60, check=False,
    )


def start_server(**env):
    """Load the WSGI application as gunicorn does."""
    return import_settings("import summit.wsgi", **env)


def test_settings_without_environment_are_production_and_refuse_to_start():
    result = start_server()
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set when "
        "DJANGO_DEBUG is off (production settings; set DJANGO_DEBUG=true for development)."
    )


def test_commands_that_serve_nothing_run_without_environment():
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("DJANGO_") and k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(  # noqa: S603 (fixed argv, our own interpreter)
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=clean,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (
        0, "System check identified no issues (0 silenced).")
    # ...but nothing can be signed with the empty key.
    result = import_settings(
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'summit.settings'; "
        "django.setup(); from django.core import signing; signing.dumps(1)")
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.")


def test_settings_in_development_mode_need_nothing_else():
    result = import_settings(DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": True, "hosts": ["127.0.0.1", "localhost", "[::1]"],
        "engine": "django.db.backends.sqlite3", "name": str(ROOT / "db.sqlite3"), "host": "",
    }


def test_settings_refuse_production_without_secret_key():
    result = start_server(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="summit.example.org")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set when "
        "DJANGO_DEBUG is off (production settings; set DJANGO_DEBUG=true for development)."
    )


@pytest.mark.parametrize("hosts", [None, "", " , "])
def test_settings_refuse_production_without_allowed_hosts(hosts):
    env = {} if hosts is None else {"DJANGO_ALLOWED_HOSTS": hosts}
    result = start_server(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="k" * 50, **env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_ALLOWED_HOSTS must be set when "
        "DJANGO_DEBUG is off (production settings; set DJANGO_DEBUG=true for development)."
    )


def test_settings_in_production_with_secret_and_hosts():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="k" * 50,
                             DJANGO_ALLOWED_HOSTS="summit.example.org, www.summit.example.org")
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert (settings["debug"], settings["hosts"]) == (
        False, ["summit.example.org", "www.summit.example.org"])


def test_settings_honour_database_url():
    result = import_settings(DJANGO_DEBUG="true",
                             DATABASE_URL="postgres://editor@db.internal:5433/summit")
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert (settings["engine"], settings["name"], settings["host"]) == (
        "django.db.backends.postgresql", "summit", "db.internal")


def test_settings_locale_and_time_defaults():
    result = subprocess.run(  # noqa: S603 (fixed argv, our own interpreter)
        [sys.executable, "-c", "from summit import settings as s; "
         "print(s.TIME_ZONE, s.USE_TZ, s.LANGUAGE_CODE)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.stdout.split() == ["Asia/Shanghai", "True", "zh-hans"]


def test_production_settings_pass_checks_before_collectstatic():
    """Nothing may resolve static files at import time: migrate runs before collectstatic."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("DJANGO_") and k not in {"DATABASE_URL", "REDIS_URL"}}
    env = {**clean, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "k" * 50,
           "DJANGO_ALLOWED_HOSTS": "summit.example.org", "DJANGO_STATIC_ROOT": "/nonexistent"}
    result = subprocess.run(  # noqa: S603 (fixed argv, our own interpreter)
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr


PRODUCTION = {"DJANGO_SECRET_KEY": "test-only-Zq8vN3rLx5TgW2yHc7KpB4mJd9FsQ6eA1uVo0iRn",
              "DJANGO_ALLOWED_HOSTS": "summit.example.org"}
HSTS = {"DJANGO_HSTS_SECONDS": "31536000", "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "true",
        "DJANGO_HSTS_PRELOAD": "true"}


def check_deploy(**env):
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("DJANGO_") and k not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(  # noqa: S603 (fixed argv, our own interpreter)
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_variables_and_hsts():
    result = check_deploy(**PRODUCTION, **HSTS)
    # --fail-level DEBUG: any message at all, even a hint, would exit non-zero.
    assert (result.returncode, result.stdout) == (
        0, "System check identified no issues (0 silenced).\n"), result.stderr


def test_check_deploy_reports_only_what_the_operator_left_out():
    result = check_deploy(**PRODUCTION, DJANGO_HSTS_SECONDS="31536000")
    assert re.findall(r"\((security\.\w+)\)", result.stderr) == ["security.W005",
                                                                  "security.W021"]


def test_production_settings_harden_cookies_hsts_and_csp():
    script = ("import json; from summit import settings as s; print(json.dumps(["
              "s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_HTTPONLY,"
              "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
              "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['upgrade-insecure-requests']]))")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(  # noqa: S603 (fixed argv, our own interpreter)
        [sys.executable, "-c", script], cwd=ROOT, env={**clean, **PRODUCTION, **HSTS},
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert json.loads(result.stdout) == [True, "Lax", True, 31536000, True, True, True]


@pytest.mark.parametrize(("value", "expected"), [
    (None, "admin/"), ("", "admin/"), ("/backstage-7/", "backstage-7/"), ("staff", "staff/"),
])
def test_admin_path_comes_from_the_environment(value, expected):
    env = {} if value is None else {"DJANGO_ADMIN_PATH": value}
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(  # noqa: S603 (fixed argv, our own interpreter)
        [sys.executable, "-c", "from summit import settings as s; print(s.ADMIN_PATH)"],
        cwd=ROOT, env={**clean, "DJANGO_DEBUG": "true", **env},
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.stdout == expected + "\n", result.stderr


def served_application_answers(setup, *checks):
    """Each of ``checks`` (Python expressions) holds after ``setup`` imports the served
    application, in a process of its own."""
    result = import_settings(f"{setup}; print({', '.join(checks)})", DJANGO_DEBUG="true")
    assert result.stdout.split() == ["True"] * len(checks), result.stderr


def test_the_served_application_has_the_304_front_and_frozen_startup_objects():
    served_application_answers(
        "import gc, summit.wsgi as w; from summit.page_cache.front import NotModifiedFront; "
        "from summit.startup import CollectorPausedPerRequest",
        "isinstance(w.application, CollectorPausedPerRequest)",
        "isinstance(w.application.application, NotModifiedFront)",
        "w.application.application.application is w.django_application",
        "gc.get_threshold() == (700, 10, 10)", "gc.get_freeze_count() > 10000",
        "gc.isenabled()")


def test_the_served_application_has_compiled_the_projects_templates():
    served_application_answers(
        "import summit.wsgi; from django.template import engines; "
        "names = {key.split('-')[0] for key in "
        "engines['django'].engine.template_loaders[0].get_template_cache}; "
        "jinja = {name for _, name in engines['jinja2'].env.cache.keys()}",
        "'events/schedule.html' in names", "'base.html' in names",
        "'includes/talk_cards.html' in jinja", "'includes/talk_cards.html' not in names")
