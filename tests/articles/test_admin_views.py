from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Article
from articles.recaps import create_recap_draft
from tests.factories import ForumFactory, TalkFactory, shanghai

from .conftest import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(summit):
    forum = ForumFactory(summit=summit, title="Materials forum", slug="materials-test")
    for index in range(2):
        start = shanghai(forum.date, 9) + timedelta(minutes=40 * index)
        TalkFactory(forum=forum, start=start, end=start + timedelta(minutes=30))
    return forum


@pytest.fixture
def programme_editor_client(client):
    user = User.objects.create_user("programme", is_staff=True)
    user.groups.add(Group.objects.get(name="Programme editors"))
    client.force_login(user)
    return client


def recap_url(forum, append=False):
    name = "admin:articles_article_recap_append" if append else "admin:articles_article_recap"
    return reverse(name, args=[forum.pk])


def wechat_url(article):
    return reverse("admin:articles_article_wechat", args=[article.pk])


def test_news_editor_creates_recap_draft(editor_client, news_editor, forum):
    response = editor_client.post(recap_url(forum))
    article = Article.objects.get()
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert (article.author, article.talks.count()) == (news_editor, 2)
    page = editor_client.get(response["Location"]).content.decode()
    assert "Recap draft created with 2 talks." in page


def test_superuser_creates_recap_draft(staff, forum):
    assert staff.post(recap_url(forum)).status_code == 302
    assert Article.objects.count() == 1


@pytest.mark.parametrize("append", [False, True])
def test_programme_editor_may_not_make_recaps(programme_editor_client, forum, append):
    assert programme_editor_client.post(recap_url(forum, append)).status_code == 403
    assert not Article.objects.exists()


@pytest.mark.parametrize("append", [False, True])
def test_anonymous_is_sent_to_login_for_recaps(client, forum, append):
    response = client.post(recap_url(forum, append))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Article.objects.exists()


def test_recap_get_is_not_allowed(editor_client, forum):
    assert editor_client.get(recap_url(forum)).status_code == 405
    assert not Article.objects.exists()


def test_recap_unknown_forum_is_404(editor_client, forum):
    assert editor_client.post(reverse("admin:articles_article_recap", args=[999])).status_code \
        == 404


def test_second_recap_is_refused_with_a_link_to_the_first(editor_client, forum):
    first = create_recap_draft(forum=forum)
    forum_page = reverse("admin:events_forum_change", args=[forum.pk])
    response = editor_client.post(recap_url(forum), {"next": forum_page}, follow=True)
    assert response.redirect_chain == [(forum_page, 302)]
    [message] = [str(m) for m in response.context["messages"]]
    change = reverse("admin:articles_article_change", args=[first.pk])
    assert message == (f'“Materials forum” already has a recap draft. '
                       f'<a href="{change}">{first.title}</a>')
    assert f'<a href="{change}">' in response.content.decode()
    assert Article.objects.count() == 1


def test_refusal_does_not_redirect_to_another_site(editor_client, forum):
    create_recap_draft(forum=forum)
    response = editor_client.post(recap_url(forum), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:articles_article_coverage")


def test_append_button_adds_new_talk(editor_client, forum):
    article = create_recap_draft(forum=forum)
    late = TalkFactory(forum=forum, start=shanghai(forum.date, 12),
                       end=shanghai(forum.date, 13))
    response = editor_client.post(recap_url(forum, append=True), follow=True)
    assert late in article.talks.all()
    assert [str(m) for m in response.context["messages"]] == [
        f"1 talk added to “{article.title}”."]


def test_append_action_on_changelist(editor_client, forum):
    article = create_recap_draft(forum=forum)
    late = TalkFactory(forum=forum, start=shanghai(forum.date, 12),
                       end=shanghai(forum.date, 13))
    editor_client.post(reverse("admin:articles_article_changelist"), {
        "action": "append_new_talks", "_selected_action": [article.pk],
    })
    assert article.talks.count() == 3 and late in article.talks.all()


def test_forum_change_page_shows_recap_buttons_to_news_editors(editor_client, forum):
    page = reverse("admin:events_forum_change", args=[forum.pk])
    content = editor_client.get(page).content.decode()
    assert f'action="{recap_url(forum)}"' in content
    assert f'action="{recap_url(forum, append=True)}"' in content


def test_forum_change_page_has_no_recap_button_for_programme_editors(
        programme_editor_client, forum):
    page = reverse("admin:events_forum_change", args=[forum.pk])
    content = programme_editor_client.get(page).content.decode()
    assert recap_url(forum) not in content


def test_coverage_report_offers_create_then_append(editor_client, forum):
    coverage = reverse("admin:articles_article_coverage")
    assert f'action="{recap_url(forum)}"' in editor_client.get(coverage).content.decode()
    article = create_recap_draft(forum=forum)
    content = editor_client.get(coverage).content.decode()
    assert f'action="{recap_url(forum)}"' not in content
    assert reverse("admin:articles_article_change", args=[article.pk]) in content
    assert f'action="{recap_url(forum, append=True)}"' not in content  # nothing new
    TalkFactory(forum=forum, start=shanghai(forum.date, 12), end=shanghai(forum.date, 13))
    content = editor_client.get(coverage).content.decode()
    assert f'action="{recap_url(forum, append=True)}"' in content
    assert 'value="Add 1 new talk"' in content


def test_wechat_page_for_news_editors(editor_client):
    assert editor_client.get(wechat_url(ArticleFactory())).status_code == 200


def test_wechat_page_for_superusers(staff):
    assert staff.get(wechat_url(ArticleFactory())).status_code == 200


def test_wechat_page_forbidden_to_programme_editors(programme_editor_client):
    article = ArticleFactory()
    assert programme_editor_client.get(wechat_url(article)).status_code == 403
    assert programme_editor_client.get(wechat_url(article) + "?download=html").status_code \
        == 403


def test_wechat_page_anonymous_sent_to_login(client):
    response = client.get(wechat_url(ArticleFactory()) + "?download=md")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_wechat_page_unknown_article_is_404(editor_client):
    assert editor_client.get(reverse("admin:articles_article_wechat", args=[999])) \
        .status_code == 404
