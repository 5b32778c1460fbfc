"""The search page: what it finds in both languages, what it never shows, odd queries,
escaping, and a fixed number of queries."""

from datetime import UTC, date, datetime, time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import Article
from events.models import Talk
from tests.articles.conftest import ArticleFactory
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db

DAY = date(2022, 8, 9)


def talk(forum, slug, zh, en, hour, **fields):
    return TalkFactory(forum=forum, slug=slug, title_zh_hans=zh, title_en=en,
                       start=shanghai(DAY, hour), end=shanghai(DAY, hour, 30), **fields)


@pytest.fixture
def programme(summit):
    """Two sub-forums like the demo's: materials (Chinese and English) and biocomputing."""
    materials = ForumFactory(summit=summit, slug="materials", date=DAY,
                             title_zh_hans="材料计算分论坛",
                             title_en="Materials computing sub-forum", topic="材料计算")
    bio = ForumFactory(summit=summit, slug="bio", date=DAY, title_zh_hans="生物计算分论坛",
                       title_en="Biocomputing sub-forum", start_time=time(13), end_time=time(18))
    talks = {
        "alloys": talk(materials, "alloys", "机器学习势函数在合金设计中的应用",
                       "Machine-learning potentials for alloy design", 9),
        "battery": talk(materials, "battery", "电池材料的高通量筛选",
                        "High-throughput screening of battery materials", 10),
        "tea": talk(materials, "tea", "茶歇", "Tea break", 11, kind=Talk.Kind.BREAK),
        "proteins": talk(bio, "proteins", "深度学习驱动的蛋白质设计",
                         "Protein design driven by deep learning", 14,
                         abstract_zh_hans="结合新材料……", abstract_en="Touches on new materials."),
        "genomes": talk(bio, "genomes", "基因组语言模型", "Genome language models", 15),
    }
    zhang = SpeakerFactory(name_zh_hans="张伟", name_en="Wei Zhang", name_latin="Zhang Wei",
                           slug="zhang-wei", affiliation_zh_hans="启明材料实验室",
                           affiliation_en="Qiming Materials Laboratory")
    TalkSpeakerFactory(talk=talks["alloys"], speaker=zhang)
    TalkSpeakerFactory(talk=talks["genomes"], speaker=SpeakerFactory(slug="li-na", name="李娜",
                                                                     name_latin="Li Na"))
    ArticleFactory(slug="materials-recap", title_zh_hans="材料计算分论坛回顾", title_en="",
                   body="材料研发的新范式。", publish_at=datetime(2022, 8, 10, tzinfo=UTC))
    return talks


def search(client, q, prefix=""):
    response = client.get(prefix + reverse("search"), {"q": q})
    assert response.status_code == 200
    return response


def found(response):
    """The slugs of each group's results."""
    results = response.context["results"]
    if not results:
        return {}
    return {name: {item.slug for item in getattr(results, name).items}
            for name in ("talks", "forums", "speakers", "articles")}


MATERIALS = {"talks": {"alloys", "battery", "proteins"}, "forums": {"materials"},
             "speakers": {"zhang-wei"}, "articles": {"materials-recap"}}


@pytest.mark.parametrize("q", ["材料", "materials", "MATERIALS"])
def test_search_finds_the_materials_forum_and_its_talks_in_either_language(client, programme, q):
    # The tea break is in the forum but is no result; "proteins" mentions materials.
    expected = MATERIALS if q == "材料" else {**MATERIALS, "articles": set()}
    assert found(search(client, q)) == expected


@pytest.mark.parametrize("q", ["张伟", "Zhang Wei", "zhang", "Wei Zhang", "伟"])
def test_search_finds_a_speaker_by_chinese_latin_or_english_name(client, programme, q):
    assert found(search(client, q))["speakers"] == {"zhang-wei"}


def test_search_every_word_must_match(client, programme):
    assert found(search(client, "materials battery"))["talks"] == {"battery"}
    assert found(search(client, "materials genome")) == {}


def test_search_shows_each_result_with_its_context(client, programme):
    html = search(client, "材料").content.decode()
    assert ('<a href="/talks/battery/">电池<mark>材料</mark>的高通量筛选</a>') in html
    assert ('<time datetime="2022-08-09T10:00:00+08:00">8月9日 星期二 <span class="when__range">'
            '10:00–10:30</span></time> <span class="tz">(Asia/Shanghai, UTC+8)</span>') in html
    assert '<a href="/forums/materials/"><mark>材料</mark>计算分论坛</a>' in html
    assert "启明<mark>材料</mark>实验室" in html  # the speaker's affiliation
    assert '<time datetime="2022-08-10T08:00:00+08:00">2022年8月10日</time>' in html


def test_search_in_english_shows_english_text_and_the_chinese_match(english_client, programme):
    html = search(english_client, "材料").content.decode()
    assert ('<a href="/en/talks/battery/">High-throughput screening of battery materials</a>'
            in html)
    assert ('<p class="search-result__other"><span lang="zh-Hans">电池<mark>材料</mark>的高通量筛选'
            "</span></p>") in html
    html = search(english_client, "materials").content.decode()
    assert "High-throughput screening of battery <mark>materials</mark>" in html


def test_search_never_shows_drafts_scheduled_articles_or_hidden_summits(client, programme):
    ArticleFactory(slug="draft", title="材料 draft", status=Article.Status.DRAFT)
    ArticleFactory(slug="later", title="材料 later", publish_at=datetime(2099, 1, 1, tzinfo=UTC))
    hidden = SummitFactory(slug="next", is_current=False, start_date=date(2030, 8, 8),
                           end_date=date(2030, 8, 9))
    forum = ForumFactory(summit=hidden, slug="next-materials", date=date(2030, 8, 8),
                         title="材料 next year")
    secret = talk(forum, "next-talk", "材料 secret", "Materials secret", 9)
    secret.start, secret.end = shanghai(date(2030, 8, 8), 9), shanghai(date(2030, 8, 8), 10)
    secret.save()
    TalkSpeakerFactory(talk=secret, speaker=SpeakerFactory(slug="next-speaker", name="材料人"))
    assert found(search(client, "材料")) == MATERIALS


@pytest.mark.parametrize(("q", "message"), [
    ("", "What are you looking for?"),
    ("   ", "What are you looking for?"),
    ("%", "Nothing to search for"),
    ("%%__\\", "Nothing to search for"),
    ("!!! ???", "Nothing to search for"),
    ("\x00\x01\x1b", "Nothing to search for"),
    ("%材料", "Nothing found"),
    ("_", "Nothing to search for"),
    ("a_c", "Nothing found"),
    ("50%", "Nothing found"),
    ("\\材料", "Nothing found"),
    ("' OR 1=1 --", "Nothing found"),
    ("材料\x00", "Results for “材料”"),
    ("ma\x0bterials", "Results for “ma terials”"),  # two words, both in "materials"
    ("🙂", "Nothing to search for"),
])
def test_search_odd_queries_get_a_friendly_page(english_client, programme, q, message):
    response = search(english_client, q)
    assert message in response.content.decode()
    assert response.context["terms"].was_cut is False


def test_search_wildcards_match_themselves(client, programme):
    TalkFactory(forum=programme["alloys"].forum, slug="percent", title="100%材料",
                start=shanghai(DAY, 11, 30), end=shanghai(DAY, 11, 45))
    assert found(search(client, "0%"))["talks"] == {"percent"}
    assert found(search(client, "%材"))["talks"] == {"percent"}


@pytest.mark.parametrize("q", ["材料" * 5000, "materials " * 1000, "a " * 5000])
def test_search_cuts_a_long_query_and_says_so(english_client, programme, q):
    response = search(english_client, q)
    html = response.content.decode()
    assert "Your search was long, so only its first 100 characters (and at most 8 words)" in html
    assert len(response.context["terms"].text) <= 100


def test_search_escapes_content_and_query(client, programme):
    TalkFactory(forum=programme["alloys"].forum, slug="xss",
                title='<script>alert("材料")</script>',
                abstract="<img src=x onerror=alert(1)> 材料", start=shanghai(DAY, 11, 30),
                end=shanghai(DAY, 11, 45))
    html = search(client, "<script>").content.decode()
    assert ('<a href="/talks/xss/"><mark>&lt;script&gt;</mark>alert(&quot;材料&quot;)'
            "&lt;/script&gt;</a>") in html
    assert "<script>alert" not in html
    assert 'value="&lt;script&gt;"' in html
    assert "onerror" not in search(client, "材料").content.decode()


def test_search_is_a_cacheable_get_page(client, programme):
    response = search(client, "材料")
    assert response.cookies == {}
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert client.post(reverse("search"), {"q": "材料"}).status_code == 405


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["chinese", "english"])
@pytest.mark.parametrize("talks", [1, 60], ids=["1-talk", "60-talks"])
def test_search_runs_fixed_queries(summit, django_assert_num_queries, prefix, talks):
    _, made = build_programme(summit, talks)
    ArticleFactory(title="Talk number roundup")
    for one in made:
        one.title_en = f"English {one.title}"
        one.save()
    # summit, public summits' ids, talks, their speakers, forums, speakers, articles
    with django_assert_num_queries(7):
        response = Client().get(prefix + "/search/", {"q": "talk number"})
    assert len(response.context["results"].talks.items) == min(talks, 20)
    assert len(response.context["results"].articles.items) == 1


@pytest.mark.parametrize("q", ["", "%%"])
def test_search_without_words_runs_one_query(summit, django_assert_num_queries, q):
    with django_assert_num_queries(1):  # the summit for the header
        assert Client().get("/search/", {"q": q}).status_code == 200


def test_search_lists_at_most_twenty_a_group_and_says_there_are_more(english_client, summit):
    build_programme(summit, 30)
    response = search(english_client, "talk")
    talks = response.context["results"].talks
    assert (len(talks.items), talks.more) == (20, True)
    html = response.content.decode()
    assert "Only the first 20 are shown: add a word to narrow the search." in html


def test_search_page_before_any_summit_exists(client, db):
    ArticleFactory(slug="early", title="材料 early")
    assert found(search(client, "材料"))["articles"] == {"early"}


def test_search_reads_what_the_database_keeps_current(client, programme):
    """search_text is generated by the database: a save, and even an update() that runs
    no Python, changes what is found at once."""
    Talk.objects.filter(slug="genomes").update(abstract_en="Graph neural operators.")
    assert found(search(client, "operators"))["talks"] == {"genomes"}
    programme["genomes"].refresh_from_db()
    programme["genomes"].abstract_en = "Single-cell atlases."
    programme["genomes"].save()
    assert found(search(client, "operators")) == {}
    assert found(search(client, "atlases"))["talks"] == {"genomes"}


def test_search_word_never_spans_two_fields(client, programme):
    # Title ends "设计", abstract starts "结合": "设计结合" is in neither.
    assert found(search(client, "设计结合")) == {}
    assert found(search(client, "设计 结合"))["talks"] == {"proteins"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_search_text_has_a_trigram_index_in_place_of_one_per_field(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE %s",
                       ["%_trgm_%"])
        indexes = dict(cursor.fetchall())
    assert sorted(indexes) == ["articles_article_trgm_text", "events_forum_trgm_text",
                               "events_speaker_trgm_text", "events_talk_trgm_text"]
    assert all("gin_trgm_ops" in definition and "search_text" in definition
               for definition in indexes.values())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search")
def test_english_vector_is_stored_kept_current_and_indexed(client, programme):
    """search_vector is generated by the database too: an update() that runs no Python
    changes what English stemming finds ("studies" is no substring of "study"), and its
    GIN index replaced the one over the computed expression."""
    assert found(search(client, "studies")) == {}
    Talk.objects.filter(slug="genomes").update(title_en="A study of genome language models")
    assert found(search(client, "studies"))["talks"] == {"genomes"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s OR "
                       "indexname LIKE %s", ["%_search_en", "%_search_vector"])
        indexes = sorted(row[0] for row in cursor.fetchall())
    assert indexes == ["articles_article_search_vector", "events_forum_search_vector",
                       "events_speaker_search_vector", "events_talk_search_vector"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_sessions_run_without_jit(db):
    # The JIT compiled the search's speaker query for 50 ms (summit/settings.py).
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_a_word_shorter_than_a_trigram_is_asked_without_like(db):
    # With LIKE the planner reads the whole trigram index for it, then every row again.
    from summit.search import parse_query

    sql = str(Talk.objects.search(parse_query("材料 materials")).query)
    assert 'strpos("events_talk"."search_text", UPPER(材料)) > 0' in sql
    assert '"events_talk"."search_text" LIKE UPPER(%材料%)' not in sql
    assert '"events_talk"."search_text" LIKE UPPER(%materials%)' in sql  # the index serves it


def test_search_words_match_in_any_order_and_across_forum_and_talk(client, programme):
    # The longest word is asked first; the order of the words never changes what is found,
    # and one word may come from the forum's name while the other is the talk's own.
    for q in ["电池 材料计算", "材料计算 电池", "battery materials", "materials battery"]:
        assert found(search(client, q))["talks"] == {"battery"}


def test_search_puts_title_matches_first_then_time(client, programme):
    # battery has the word in its title; alloys (9:00) only through its forum's name and
    # proteins (14:00) only in its abstract.
    talks = search(client, "materials").context["results"].talks.items
    assert [talk.slug for talk in talks] == ["battery", "alloys", "proteins"]
