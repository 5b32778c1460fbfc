import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROGRAMME_MODELS = ["forum", "speaker", "stream", "summit", "talk", "talkspeaker"]


def events_codenames(group_name):
    group = Group.objects.get(name=group_name)
    return sorted(group.permissions.filter(content_type__app_label="events")
                  .values_list("codename", flat=True))


@pytest.fixture
def client_in_group(client):
    def login(group_name):
        user = User.objects.create_user("editor", is_staff=True)
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return client

    return login


def test_programme_editors_may_add_change_delete_and_view_the_programme():
    expected = sorted(f"{action}_{model}" for model in PROGRAMME_MODELS
                      for action in ("add", "change", "delete", "view"))
    assert events_codenames("Programme editors") == expected


def test_programme_editors_have_no_permissions_outside_events():
    group = Group.objects.get(name="Programme editors")
    assert group.permissions.exclude(content_type__app_label="events").count() == 0


def test_news_editors_may_only_view_the_programme():
    assert events_codenames("News editors") == [
        "view_forum", "view_speaker", "view_summit", "view_talk",
    ]


def test_programme_editor_opens_talk_changelist(client_in_group):
    client = client_in_group("Programme editors")
    assert client.get(reverse("admin:events_talk_changelist")).status_code == 200
    assert client.get(reverse("admin:events_talk_add")).status_code == 200


def test_news_editor_cannot_add_a_talk(client_in_group):
    client = client_in_group("News editors")
    assert client.get(reverse("admin:events_talk_add")).status_code == 403
    assert client.get(reverse("admin:events_talk_changelist")).status_code == 200
