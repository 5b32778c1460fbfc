import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login_request():
    # django-axes counts each attempt against a request's address: authenticate needs one.
    return RequestFactory().post("/admin/login/")


LINE = re.compile(r"Admin: (\S+)  user: (\S+)  password: (\S+)")


def run_ensure_local_admin(*args):
    out = StringIO()
    call_command("ensure_local_admin", *args, stdout=out)
    return LINE.search(out.getvalue()).groups()


def test_ensure_local_admin_prints_a_working_random_password(settings):
    settings.DEBUG = True
    url, username, password = run_ensure_local_admin("--host", "http://127.0.0.1:8102")
    assert (url, username) == ("http://127.0.0.1:8102/admin/", "admin")
    user = authenticate(login_request(), username="admin", password=password)
    assert (user.is_staff, user.is_superuser) == (True, True)


def test_ensure_local_admin_changes_the_password_each_run(settings):
    settings.DEBUG = True
    first = run_ensure_local_admin()[2]
    second = run_ensure_local_admin()[2]
    assert first != second
    assert authenticate(login_request(), username="admin", password=first) is None
    assert get_user_model().objects.count() == 1


def test_ensure_local_admin_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("ensure_local_admin", stdout=StringIO())
    assert get_user_model().objects.count() == 0
