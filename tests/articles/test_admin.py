import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.models import Article
from events.models import Talk
from tests.factories import SummitFactory, build_programme

from .conftest import ArticleFactory

pytestmark = pytest.mark.django_db


def test_changelist_for_news_editor(editor_client, visible_and_hidden):
    response = editor_client.get(reverse("admin:articles_article_changelist")
                                 + "?status__exact=draft")
    assert response.status_code == 200
    assert [a.title for a in response.context["cl"].result_list] == ["Draft one"]
    assert reverse("admin:articles_article_coverage") in response.content.decode()


def test_add_form_uses_markdownx_widget_and_autocomplete(editor_client):
    content = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'class="markdownx-editor' in content or "markdownx-editor" in content
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in content
    for field in ("summits", "forums", "talks"):
        assert f'id="id_{field}"' in content
        assert "admin-autocomplete" in content


@pytest.mark.parametrize("model", ["talk", "forum", "summit"])
def test_news_editor_can_autocomplete_covered_programme(editor_client, summit, model):
    build_programme(summit, 1)
    response = editor_client.get(reverse("admin:autocomplete"), {
        "app_label": "articles", "model_name": "article", "field_name": f"{model}s", "term": "",
    })
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_news_editor_cannot_edit_talks(editor_client, summit):
    _, [talk] = build_programme(summit, 1)
    response = editor_client.post(reverse("admin:events_talk_change", args=[talk.pk]), {})
    assert response.status_code == 403


def test_add_article_by_editor(editor_client, news_editor, frozen):
    response = editor_client.post(reverse("admin:articles_article_add"), {
        "title_zh_hans": "Stream moved", "slug": "stream-moved", "summary_zh_hans": "",
        "body_zh_hans": "Now on **B站**.",
        "status": "published", "publish_at_0": "2022-08-09", "publish_at_1": "09:00:00",
        "author": news_editor.pk, "byline": "", "tags": "", "cover_alt": "", "cover_url": "",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="stream-moved")
    assert article.body_html == "<p>Now on <strong>B站</strong>.</p>"
    assert article.publish_at == datetime(2022, 8, 9, 1, 0, tzinfo=UTC)


def test_add_article_with_cover_but_no_alt_shows_error(editor_client, frozen):
    from .conftest import image_upload

    response = editor_client.post(reverse("admin:articles_article_add"), {
        "title_zh_hans": "C", "slug": "c", "body_zh_hans": "x", "status": "draft",
        "publish_at_0": "2022-08-09", "publish_at_1": "09:00:00", "cover": image_upload(),
    })
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cover_alt"] == [
        "Describe the cover image for screen readers."
    ]
    assert not Article.objects.exists()


@pytest.mark.parametrize("action, before, after", [
    ("publish", Article.Status.DRAFT, Article.Status.PUBLISHED),
    ("unpublish", Article.Status.PUBLISHED, Article.Status.DRAFT),
])
def test_publish_actions(editor_client, action, before, after):
    articles = [ArticleFactory(status=before), ArticleFactory(status=before)]
    response = editor_client.post(reverse("admin:articles_article_changelist"), {
        "action": action, "_selected_action": [a.pk for a in articles],
    })
    assert response.status_code == 302
    assert set(Article.objects.values_list("status", flat=True)) == {after}


def test_publish_action_dates_an_old_draft_now_and_keeps_a_scheduled_time(editor_client,
                                                                           frozen):
    old_draft = ArticleFactory(status=Article.Status.DRAFT,
                               publish_at=datetime(2022, 7, 1, tzinfo=UTC))
    scheduled = ArticleFactory(status=Article.Status.DRAFT,
                               publish_at=datetime(2030, 1, 1, tzinfo=UTC))
    editor_client.post(reverse("admin:articles_article_changelist"), {
        "action": "publish", "_selected_action": [old_draft.pk, scheduled.pk],
    })
    old_draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert (old_draft.publish_at, old_draft.updated) == (frozen, frozen)
    assert scheduled.publish_at == datetime(2030, 1, 1, tzinfo=UTC)


def coverage(client, **params):
    return client.get(reverse("admin:articles_article_coverage"), params)


def test_coverage_counts_published_articles_per_talk(editor_client, summit, frozen):
    _, talks = build_programme(summit, 3)
    ArticleFactory().talks.add(talks[0], talks[1])
    ArticleFactory().talks.add(talks[0])
    ArticleFactory(status=Article.Status.DRAFT).talks.add(talks[2])
    response = coverage(editor_client)
    assert response.status_code == 200
    assert [(t.title, t.article_count) for t in response.context["talks"]] == [
        (talks[0].title, 2), (talks[1].title, 1), (talks[2].title, 0),
    ]


def test_coverage_filter_not_yet_written_up(editor_client, summit, frozen):
    _, talks = build_programme(summit, 3)
    ArticleFactory().talks.add(talks[0])
    response = coverage(editor_client, missing="1")
    assert [t.title for t in response.context["talks"]] == [talks[1].title, talks[2].title]


def test_coverage_leaves_out_breaks(editor_client, summit, frozen):
    _, talks = build_programme(summit, 2)
    talks[1].kind = Talk.Kind.BREAK
    talks[1].save()
    response = coverage(editor_client)
    assert [t.title for t in response.context["talks"]] == [talks[0].title]


def test_coverage_of_another_summit(editor_client, summit, frozen):
    build_programme(summit, 2)
    other = SummitFactory(slug="other", name="Other", is_current=False)
    response = coverage(editor_client, summit=str(other.pk))
    assert response.context["summit"] == other
    assert response.context["talks"] == []


def test_coverage_query_count_is_fixed(editor_client, summit, frozen,
                                       django_assert_num_queries):
    _, talks = build_programme(summit, 2)
    ArticleFactory().talks.add(talks[0])
    with django_assert_num_queries(10):  # + forums and their recaps
        coverage(editor_client)
    _, more = build_programme(summit, 30)
    for talk in more:
        ArticleFactory().talks.add(talk)
    with django_assert_num_queries(10):  # + forums and their recaps
        response = coverage(editor_client)
    assert len(response.context["talks"]) == 32


def test_coverage_forbidden_without_permission(client, summit, django_user_model):
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    assert coverage(client).status_code == 403


def test_coverage_anonymous_redirected_to_login(client, summit):
    response = coverage(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("value", ["²", "abc", "-1", "99999999999999999999", "999"])
def test_coverage_with_an_unknown_summit_shows_the_current_one_with_a_note(
        editor_client, summit, frozen, value):
    response = coverage(editor_client, summit=value)
    assert (response.status_code, response.context["summit"]) == (200, summit)
    assert [str(message) for message in response.context["messages"]] == [
        "There is no such summit; showing the current one."]


def test_add_article_body_longer_than_the_cap_shows_error(editor_client, news_editor, frozen):
    response = editor_client.post(reverse("admin:articles_article_add"), {
        "title_zh_hans": "Long", "slug": "long", "body_zh_hans": "a" * 100_001, "status": "draft",
        "publish_at_0": "2022-08-09", "publish_at_1": "09:00:00", "author": news_editor.pk,
    })
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body_zh_hans"] == [
        "This text is too long: at most 100,000 characters, it has 100,001."
    ]
    assert not Article.objects.exists()


@pytest.mark.parametrize("value", ["²", "%00", "١"])
def test_coverage_odd_summit_parameter_falls_back_to_current_summit(editor_client, summit,
                                                                    frozen, value):
    response = editor_client.get(reverse("admin:articles_article_coverage") + f"?summit={value}")
    assert response.status_code == 200
    assert response.context["summit"] == summit


def test_admin_saves_text_without_control_characters(editor_client, news_editor, frozen):
    response = editor_client.post(reverse("admin:articles_article_add"), {
        "title_zh_hans": "Stream\x0b moved", "slug": "stream-moved",
        "body_zh_hans": "Now\x0b on B站.",
        "status": "draft", "publish_at_0": "2022-08-09", "publish_at_1": "09:00:00",
        "author": news_editor.pk, "summary_zh_hans": "Word\x0b text",
    })
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.title_zh_hans, article.body_zh_hans, article.summary_zh_hans,
            article.body_html_zh_hans) == (
        "Stream moved", "Now on B站.", "Word text", "<p>Now on B站.</p>"
    )


def test_article_form_edits_both_languages_each_with_its_markdown_editor(editor_client,
                                                                          news_editor, frozen):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    editors = re.findall(r'<textarea name="(body_\w+)"[^>]*data-markdownx', html)
    fields = re.findall(r'name="((?:title|summary|body)_(?:zh_hans|en))"', html)
    assert editors == ["body_zh_hans", "body_en"]
    assert fields == ["title_zh_hans", "title_en", "summary_zh_hans", "summary_en",
                      "body_zh_hans", "body_en"]
    response = editor_client.post(reverse("admin:articles_article_add"), {
        "title_zh_hans": "直播改期", "title_en": "Stream moved", "slug": "moved",
        "body_zh_hans": "改到**B站**。", "body_en": "<script>x</script>Now on *Bilibili*.",
        "status": "draft", "publish_at_0": "2022-08-09", "publish_at_1": "09:00:00",
    })
    assert response.status_code == 302
    article = Article.objects.get(slug="moved")
    assert (article.body_html_zh_hans, article.body_html_en) == (
        "<p>改到<strong>B站</strong>。</p>", "<p>Now on <em>Bilibili</em>.</p>")
