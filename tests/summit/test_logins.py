"""Admin logins are throttled by django-axes, with its state in the database."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from summit.logins import client_ip

pytestmark = pytest.mark.django_db

LOCKED = ("After 5 failed attempts for this account or from this address, logging in is "
          "blocked for 30 minutes. Each further attempt starts the wait again.")


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser("boss", password="right-horse-battery")


def log_in(username, password, address="203.0.113.7", language="en"):
    """One login attempt from its own client, as from a fresh browser (or another server)."""
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)
    return client.post(reverse("admin:login"), {"username": username, "password": password,
                                                "next": reverse("admin:index")})


def statuses(attempts):
    return [response.status_code for response in attempts]


def test_wrong_passwords_lock_the_account_even_for_the_right_one(boss):
    wrong = [log_in("boss", f"guess-{n}") for n in range(5)]
    assert statuses(wrong) == [200, 200, 200, 200, 429]
    response = log_in("boss", "right-horse-battery")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_lockout_page_speaks_chinese(boss):
    for n in range(5):
        log_in("boss", f"guess-{n}", language="zh-hans")
    content = log_in("boss", "right-horse-battery", language="zh-hans").content.decode()
    assert "登录失败次数过多" in content
    assert "此账户或此地址的登录已失败 5 次，30 分钟内禁止登录。" in content


def test_one_address_trying_many_usernames_is_locked(boss):
    attempts = [log_in(f"user{n}", "guess") for n in range(5)]
    assert statuses(attempts) == [200, 200, 200, 200, 429]
    assert log_in("boss", "right-horse-battery").status_code == 429
    # Another address is not affected.
    assert log_in("boss", "right-horse-battery", address="198.51.100.9").status_code == 302


def test_many_addresses_trying_one_username_lock_it(boss):
    attempts = [log_in("boss", "guess", address=f"198.51.100.{n}") for n in range(5)]
    assert statuses(attempts) == [200, 200, 200, 200, 429]
    assert log_in("boss", "right-horse-battery", address="192.0.2.1").status_code == 429


def test_the_count_lives_in_the_database_not_in_one_process(boss):
    for n in range(5):
        log_in("boss", f"guess-{n}")
        cache.clear()  # as if each attempt had reached another application server
    assert AccessAttempt.objects.filter(username="boss").get().failures_since_start == 5
    assert log_in("boss", "right-horse-battery").status_code == 429


def test_a_success_before_the_limit_starts_the_count_again(boss):
    for n in range(4):
        log_in("boss", f"guess-{n}")
    assert log_in("boss", "right-horse-battery").status_code == 302
    assert statuses(log_in("boss", f"again-{n}") for n in range(4)) == [200] * 4


def test_axes_reset_unlocks(boss):
    for n in range(5):
        log_in("boss", f"guess-{n}")
    call_command("axes_reset_username", "boss", stdout=StringIO())
    call_command("axes_reset_ip", "203.0.113.7", stdout=StringIO())
    assert log_in("boss", "right-horse-battery").status_code == 302


def test_a_superuser_sees_and_deletes_attempts_in_the_admin(boss, client):
    for n in range(5):
        log_in("boss", f"guess-{n}", address="198.51.100.1")
    client.force_login(boss)
    changelist = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert list(changelist.context["cl"].result_list) == list(AccessAttempt.objects.all())
    client.post(reverse("admin:axes_accessattempt_changelist"), {
        "action": "delete_selected", "post": "yes",
        "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
    })
    assert AccessAttempt.objects.count() == 0
    assert log_in("boss", "right-horse-battery", address="198.51.100.1").status_code == 302


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "6.6.6.6", "10.0.0.1"),                 # no proxy: the header is the client's word
    (1, "203.0.113.7", "203.0.113.7"),          # one proxy appended the client's address
    (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged entry left of it is ignored
    (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
    (2, "203.0.113.7", "10.0.0.1"),             # fewer hops than proxies: the peer
])
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1",
                                    HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
