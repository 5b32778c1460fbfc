"""search_site on the demo summit: the same sets on SQLite and on PostgreSQL (CI runs this
file on both), whichever language a reader types."""

from io import StringIO

import pytest
from django.core.management import call_command

from search.queries import search_site
from summit.search import parse_query

pytestmark = pytest.mark.django_db

# The materials sub-forum's talks (not its break), the keynote on materials discovery and
# the industry forum's new-energy materials talk.
MATERIALS_TALKS = {
    "AI 加速新材料发现：从高通量计算到自主实验", "机器学习势函数在合金设计中的应用",
    "电池材料的高通量筛选与智能优化", "晶体结构生成模型研究进展", "第一性原理计算的深度学习加速",
    "催化材料的多尺度模拟", "材料数据库与数据标准建设", "圆桌讨论：材料研发范式的变革",
    "新能源材料研发的智能化转型", "开场致辞",
}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo_news", stdout=StringIO())


def titles(q):
    results = search_site(parse_query(q))
    return {
        "talks": {talk.title_zh_hans for talk in results.talks.items},
        "forums": {forum.title_zh_hans for forum in results.forums.items},
        "speakers": len(results.speakers.items),
        "articles": {article.slug for article in results.articles.items},
    }


def test_demo_same_results_in_either_language(demo):
    # One test, several queries: loading the demo is the slow part.
    materials = {
        "talks": MATERIALS_TALKS, "forums": {"材料计算分论坛"}, "speakers": 6,
        "articles": {"demo-2022-materials-recap", "demo-2022-programme"},
    }
    database = {"talks": {"材料数据库与数据标准建设"}, "forums": set(), "speakers": 0,
                "articles": set()}
    assert {q: titles(q) for q in ["材料", "materials", "Materials", "数据库", "database"]} == {
        "材料": materials, "materials": materials, "Materials": materials,
        "数据库": database, "database": database,
    }
    found = [search_site(parse_query(q)).speakers.items for q in ("陈昭明", "Chen Zhaoming")]
    assert [[speaker.name_latin for speaker in items] for items in found] == [
        ["Chen Zhaoming"], ["Chen Zhaoming"]]
