"""History and revert in the admin for every edited model; deletes that would take talks."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db.models import ProtectedError
from django.forms import FileField, MultiWidget
from django.urls import reverse

from events.history import programme_changes
from events.models import Forum, Speaker, Talk
from tests.articles.conftest import ArticleFactory, CategoryFactory
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    StreamFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
)

pytestmark = pytest.mark.django_db


def form_data(response):
    """The revert form's own values, as the browser would post them back."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, FileField):  # kept as they are when nothing is uploaded
            continue
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{index}"] = "" if part is None else part
        elif isinstance(value, list) or value is not None and value is not False:
            data[name] = value
    return data


def revert(staff, obj, record):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history",
                  args=[obj.pk, record.history_id])
    page = staff.get(url)
    assert page.status_code == 200
    return staff.post(url, form_data(page))


@pytest.mark.parametrize(("factory", "field"), [
    (SummitFactory, "short_name"), (ForumFactory, "title"), (SpeakerFactory, "name"),
    (StreamFactory, "url"), (ArticleFactory, "title"), (CategoryFactory, "name"),
])
def test_history_page_lists_an_edit_for_every_model(staff, summit, factory, field):
    obj = factory(**({"summit": summit} if factory in (ForumFactory, StreamFactory) else {}))
    value = "https://example.org/after" if field == "url" else "After"
    setattr(obj, field, value)
    obj.save()
    opts = obj._meta
    response = staff.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history",
                                 args=[obj.pk]))
    assert response.status_code == 200
    assert getattr(response.context["page_obj"][0], field) == value


def test_revert_of_a_forum_title_restores_it_and_is_recorded(staff, summit):
    forum = ForumFactory(summit=summit, title="原来的标题")
    first = forum.history.get()
    forum.title = "新标题"
    forum.save()
    response = revert(staff, forum, first)
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.title_zh_hans == "原来的标题"
    assert [r.title for r in forum.history.order_by("-history_id")] == [
        "原来的标题", "新标题", "原来的标题"]
    assert forum.history.order_by("-history_id")[0].history_user.username == "boss"


def test_revert_of_a_category_restores_its_names(staff):
    category = CategoryFactory(name="旧", name_en="Old")
    first = category.history.get()
    category.name, category.name_en = "新", "New"
    category.save()
    assert revert(staff, category, first).status_code == 302
    category.refresh_from_db()
    assert (category.name, category.name_en) == ("旧", "Old")


def test_revert_of_a_talk_whose_forum_is_gone_is_refused_naming_the_forum(staff, summit):
    forum = ForumFactory(summit=summit, title="化学分论坛")
    talk = TalkFactory(forum=forum, title="Gone")
    last = talk.history.latest()
    pk = talk.pk
    talk.delete()
    forum.delete()
    url = reverse("admin:events_talk_simple_history", args=[pk, last.history_id])
    response = staff.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:events_talk_history", args=[pk])
    assert "“化学分论坛” no longer exists" in response.content.decode()
    assert staff.post(url, {}).status_code == 302
    assert not Talk.objects.filter(pk=pk).exists()


def test_deleted_forum_then_talk_restored_in_order_shows_on_the_change_log(staff, summit):
    published = datetime(2022, 7, 2, tzinfo=UTC)
    with time_machine.travel(datetime(2022, 7, 1, tzinfo=UTC), tick=False):
        forum = ForumFactory(summit=summit, title="Forum")
        talk = TalkFactory(forum=forum, title="Comes back")
    summit.programme_published_at = published
    summit.save()
    forum_version, talk_version = forum.history.latest(), talk.history.latest()
    talk_pk, forum_pk = talk.pk, forum.pk
    talk.delete()
    forum.delete()
    assert revert(staff, Forum(pk=forum_pk), forum_version).status_code == 302
    assert revert(staff, Talk(pk=talk_pk), talk_version).status_code == 302
    assert Talk.objects.get(pk=talk_pk).forum_id == forum_pk
    actions = [c.action for c in programme_changes(summit) if c.talk_id == talk_pk]
    assert actions == ["added", "removed"]


def test_forum_with_talks_cannot_be_deleted_and_the_admin_names_them(staff, summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum, title="Keeps its forum")
    response = staff.post(reverse("admin:events_forum_delete", args=[forum.pk]), {"post": "yes"})
    assert "Keeps its forum" in response.content.decode()
    assert Forum.objects.filter(pk=forum.pk).exists()
    with pytest.raises(ProtectedError):
        forum.delete()


def test_speaker_with_talks_cannot_be_deleted_and_the_admin_names_them(staff, summit):
    speaker = SpeakerFactory()
    TalkSpeakerFactory(talk=TalkFactory(forum=ForumFactory(summit=summit), title="Their talk"),
                       speaker=speaker)
    response = staff.post(reverse("admin:events_speaker_delete", args=[speaker.pk]),
                          {"post": "yes"})
    assert "Their talk" in response.content.decode()
    assert Speaker.objects.filter(pk=speaker.pk).exists()
