"""Who may do what: every model in the admin, the editor's endpoints, previews and drafts.

Each case is a real request by one of five users; the expected results are the tables
below, written out by hand. A model newly registered in the admin fails
``test_every_admin_model_is_in_the_table`` until it gets its rows.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Article
from tests.articles.conftest import NOW, ArticleFactory, CategoryFactory, image_upload
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    StreamFactory,
    SummitFactory,
    TalkFactory,
)

pytestmark = pytest.mark.django_db

USERS = ["anonymous", "member", "news", "programme", "superuser"]
ACTIONS = ["view", "add", "change", "delete"]

# What each user may do in the admin, per model: add, change, delete, view.
ADMIN_TABLE = """
model                   action  anonymous  member  news  programme  superuser
auth.group              add     no         no      no    no         yes
auth.group              change  no         no      no    no         yes
auth.group              delete  no         no      no    no         yes
auth.group              view    no         no      no    no         yes
auth.user               add     no         no      no    no         yes
auth.user               change  no         no      no    no         yes
auth.user               delete  no         no      no    no         yes
auth.user               view    no         no      no    no         yes
axes.accessattempt      add     no         no      no    no         no
axes.accessattempt      change  no         no      no    no         yes
axes.accessattempt      delete  no         no      no    no         yes
axes.accessattempt      view    no         no      no    no         yes
axes.accessfailurelog   add     no         no      no    no         no
axes.accessfailurelog   change  no         no      no    no         yes
axes.accessfailurelog   delete  no         no      no    no         yes
axes.accessfailurelog   view    no         no      no    no         yes
axes.accesslog          add     no         no      no    no         no
axes.accesslog          change  no         no      no    no         yes
axes.accesslog          delete  no         no      no    no         yes
axes.accesslog          view    no         no      no    no         yes
events.summit           add     no         no      no    yes        yes
events.summit           change  no         no      no    yes        yes
events.summit           delete  no         no      no    yes        yes
events.summit           view    no         no      yes   yes        yes
events.forum            add     no         no      no    yes        yes
events.forum            change  no         no      no    yes        yes
events.forum            delete  no         no      no    yes        yes
events.forum            view    no         no      yes   yes        yes
events.talk             add     no         no      no    yes        yes
events.talk             change  no         no      no    yes        yes
events.talk             delete  no         no      no    yes        yes
events.talk             view    no         no      yes   yes        yes
events.speaker          add     no         no      no    yes        yes
events.speaker          change  no         no      no    yes        yes
events.speaker          delete  no         no      no    yes        yes
events.speaker          view    no         no      yes   yes        yes
events.stream           add     no         no      no    yes        yes
events.stream           change  no         no      no    yes        yes
events.stream           delete  no         no      no    yes        yes
events.stream           view    no         no      no    yes        yes
articles.category       add     no         no      yes   no         yes
articles.category       change  no         no      yes   no         yes
articles.category       delete  no         no      yes   no         yes
articles.category       view    no         no      yes   no         yes
articles.article        add     no         no      yes   no         yes
articles.article        change  no         no      yes   no         yes
articles.article        delete  no         no      yes   no         yes
articles.article        view    no         no      yes   no         yes
"""

# Everything outside the admin's model pages that not everyone may use.
OTHER_TABLE = """
what                           anonymous  member  news  programme  superuser
markdownx preview              no         no      yes   no         yes
markdownx upload               no         no      yes   no         yes
preview of a draft             no         no      yes   no         yes
preview of a scheduled one     no         no      yes   no         yes
draft on its public page       no         no      no    no         no
scheduled on its public page   no         no      no    no         no
drafts in news list and home   no         no      no    no         no
drafts in RSS and Atom         no         no      no    no         no
drafts in the sitemap          no         no      no    no         no
drafts in the API              no         no      no    no         no
drafts in search results       no         no      no    no         no
"""


def parse(table, keys):
    """{(key..., user): allowed} from one of the tables above."""
    header, *rows = [line.split() for line in table.strip().splitlines()]
    expected = {}
    for row in rows:
        # The "what" column of OTHER_TABLE has spaces: the last five cells are the users.
        key = tuple(row[:keys]) if keys == 2 else (" ".join(row[:-5]),)
        for user, cell in zip(header[-5:], row[-5:], strict=True):
            expected[(*key, user)] = cell == "yes"
    return expected


ADMIN_EXPECTED = parse(ADMIN_TABLE, keys=2)
OTHER_EXPECTED = parse(OTHER_TABLE, keys=1)


def make_user(name, django_user_model):
    if name == "anonymous":
        return None
    if name == "superuser":
        return django_user_model.objects.create_superuser("root", password=None)
    user = django_user_model.objects.create_user(name, password=None,
                                                 is_staff=name in {"news", "programme"})
    group = {"news": "News editors", "programme": "Programme editors"}.get(name)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def as_user(client, django_user_model):
    def login(name):
        user = make_user(name, django_user_model)
        if user is not None:
            client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client
    return login


AXES_ROW = {"user_agent": "test", "ip_address": "192.0.2.1", "username": "someone",
            "http_accept": "*/*", "path_info": "/admin/login/"}

# One object per admin model to change and delete (the summit is not the current one:
# the current summit may never be deleted, see SummitAdmin).
OBJECTS = {
    "auth.group": lambda: Group.objects.create(name="Volunteers"),
    "auth.user": lambda: User.objects.create_user("someone"),
    "axes.accessattempt": lambda: AccessAttempt.objects.create(
        **AXES_ROW, get_data="", post_data="", failures_since_start=1),
    "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(**AXES_ROW),
    "axes.accesslog": lambda: AccessLog.objects.create(**AXES_ROW),
    "events.summit": lambda: SummitFactory(slug="other-summit", is_current=False),
    "events.forum": lambda: ForumFactory(),
    "events.talk": lambda: TalkFactory(),
    "events.speaker": lambda: SpeakerFactory(),
    "events.stream": lambda: StreamFactory(),
    "articles.category": lambda: CategoryFactory(),
    "articles.article": lambda: ArticleFactory(),
}


def test_every_admin_model_is_in_the_table():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert {model for model, *_ in ADMIN_EXPECTED} == registered
    assert set(OBJECTS) == registered


def admin_url(obj, view, *args):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=args)


def let_through(response):
    """Neither refused (403) nor sent to the login page."""
    login = reverse("admin:login")
    return response.status_code != 403 and not (
        response.status_code == 302 and response["Location"].startswith(login))


def attempt(client, obj, action):
    """Try one admin action on obj; True if it went through."""
    if action == "view":
        pages = [admin_url(obj, "changelist"), admin_url(obj, "change", obj.pk)]
        return all(client.get(page).status_code == 200 for page in pages)
    if action == "delete":
        client.post(admin_url(obj, "delete", obj.pk), {"post": "yes"})
        return not type(obj).objects.filter(pk=obj.pk).exists()
    # add and change: an empty form is refused before validation unless the user may.
    url = admin_url(obj, "add") if action == "add" else admin_url(obj, "change", obj.pk)
    return let_through(client.post(url, {}))


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("model", sorted(OBJECTS))
def test_admin_permission_matrix(as_user, summit, model, user):
    obj = OBJECTS[model]()
    client = as_user(user)
    # Delete last: it removes the object the others work on.
    done = {action: attempt(client, obj, action) for action in ACTIONS}
    assert done == {action: ADMIN_EXPECTED[(model, action, user)] for action in ACTIONS}


@pytest.fixture
def hidden(summit):
    """A draft and an article scheduled for later, both covering the summit's talk."""
    talk = TalkFactory(slug="covered")
    draft = ArticleFactory(title="Secret draft", slug="secret-draft",
                           status=Article.Status.DRAFT)
    scheduled = ArticleFactory(title="Secret scheduled", slug="secret-scheduled",
                               publish_at=datetime(2030, 1, 1, tzinfo=UTC))
    for article in (draft, scheduled):
        article.talks.add(talk)
        article.summits.add(summit)
    return draft, scheduled


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def shows_secrets(response):
    """The hidden articles' titles or addresses are in a successful answer."""
    return response.status_code == 200 and (
        b"Secret" in response.content or b"secret-" in response.content)


def try_other(client, what, draft, scheduled):
    if what == "markdownx preview":
        response = client.post("/markdownx/markdownify/", {"content": "**bold**"})
        return response.status_code == 200 and response.content == b"<p><strong>bold</strong></p>"
    if what == "markdownx upload":
        response = client.post("/markdownx/upload/", {"image": image_upload()})
        return response.status_code == 200 and "image_code" in response.json()
    if what == "preview of a draft":
        return shows_secrets(client.get(draft.get_preview_url()))
    if what == "preview of a scheduled one":
        return shows_secrets(client.get(scheduled.get_preview_url()))
    public = {
        "draft on its public page": ["/news/secret-draft/"],
        "scheduled on its public page": ["/news/secret-scheduled/"],
        "drafts in news list and home": ["/news/", "/", "/talks/covered/"],
        "drafts in RSS and Atom": ["/news/feed/", "/news/atom/"],
        "drafts in the sitemap": ["/sitemap.xml"],
        "drafts in the API": ["/api/articles/"],
        # Words of both articles' summary ("A short summary."): the page repeats the query,
        # so it must not be "Secret" itself.
        "drafts in search results": ["/search/?q=summary", "/en/search/?q=short+summary"],
    }[what]
    return any(shows_secrets(client.get(url)) for url in public)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("what", sorted({what for what, _ in OTHER_EXPECTED}))
def test_editor_endpoints_previews_and_drafts(as_user, hidden, frozen, what, user):
    client = as_user(user)
    assert try_other(client, what, *hidden) == OTHER_EXPECTED[(what, user)]
