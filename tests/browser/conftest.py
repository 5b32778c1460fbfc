import os
import threading
import time as clock
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from articles.models import Article
from events.models import Forum, Talk
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
    shanghai,
)

from .chromium import CHROMIUM, LAUNCH_ARGS, missing_browser

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the rule in missing_browser() decides between skip and fail
    sync_playwright = None

DAY_ONE = date(2022, 8, 8)
DAY_TWO = date(2022, 8, 9)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session", autouse=True)
def _live_server_whitenoise_autorefresh():
    """tests/conftest.py sets this per test, too late for the session's live server thread:
    without it, WhiteNoise warns (an error here) that STATIC_ROOT was never collected."""
    with override_settings(WHITENOISE_AUTOREFRESH=True):
        yield


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the whole browser package."""
    outcome = missing_browser(CHROMIUM, os.environ, playwright_installed=bool(sync_playwright))
    if outcome:
        action, reason = outcome
        (pytest.fail if action == "fail" else pytest.skip)(reason)
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django's ORM
    # (fixtures, factories, transactional_db's flush) would raise SynchronousOnlyOperation.
    # The ORM is still used synchronously here; the override lives only as long as the
    # browser, so the rest of the suite keeps Django's check.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            yield chromium
            chromium.close()


@dataclass
class Watch:
    """What one page did: requests, failed responses, script errors."""

    requests: list = field(default_factory=list)
    bad_responses: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def attach(self, page):
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", self._response)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", self._console)

    def _response(self, response):
        if response.status >= 400:
            self.bad_responses.append((response.status, response.url))

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")


@pytest.fixture
def open_page(browser, live_server, transactional_db):
    """open_page(viewport, **context_options) -> (page, watch); contexts close afterwards.

    Set up after the database, so the pages close before it is flushed: an open page's
    scripts (the live strip's feed, the service worker) would otherwise still be asking
    the live server and lock SQLite's tables during the flush."""
    contexts = []

    def opener(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
        contexts.append(context)
        page = context.new_page()
        watch = Watch()
        watch.attach(page)
        return page, watch

    yield opener
    for context in contexts:
        context.close()
    wait_for_live_server_requests()


def wait_for_live_server_requests(timeout=10):
    """Wait until the live server has answered every request: its threads share the test's
    SQLite connection, so a request still running (the live strip's feed, a keep-alive
    connection) would lock the tables the flush after the test empties."""
    deadline = clock.monotonic() + timeout
    while clock.monotonic() < deadline:
        if not any("process_request_thread" in t.name for t in threading.enumerate()):
            return
        clock.sleep(0.02)


@pytest.fixture
def site(live_server, transactional_db):
    """A realistic programme: a main forum, then a day with two parallel sub-forums."""
    summit = SummitFactory()
    main = ForumFactory(summit=summit, kind=Forum.Kind.MAIN, date=DAY_ONE, slug="main",
                        title="主论坛：AI for Science 的前沿进展与未来展望")
    materials = ForumFactory(summit=summit, date=DAY_TWO, slug="materials",
                             title="分论坛一：人工智能驱动的材料科学与化学合成新范式",
                             start_time=time(9, 0), end_time=time(12, 0))
    life = ForumFactory(summit=summit, date=DAY_TWO, slug="life",
                        title="分论坛二：深度学习在生命科学、蛋白质结构预测与药物设计中的应用",
                        start_time=time(9, 0), end_time=time(12, 0))
    talks = [talk for forum in (main, materials, life) for talk in _talks(forum)]
    article = Article.objects.create(
        title=ARTICLE_TITLE,
        slug="summit-closes", summary="峰会回顾与精彩观点。", body=ARTICLE_BODY,
        status=Article.Status.PUBLISHED, publish_at=datetime(2022, 8, 1, 2, 0, tzinfo=UTC),
        byline="北京科学智能研究院 新闻中心",
    )
    article.talks.add(talks[0])  # the talk page then lists the news covering it
    return Site(live_server.url, summit, (main, materials, life), talks, article)


def _talks(forum):
    """Four talks with long Chinese titles, three speakers each."""
    talks = []
    for index, subject in enumerate(SUBJECTS):
        start = shanghai(forum.date, 9) + timedelta(minutes=40 * index)
        talk = TalkFactory(
            forum=forum, start=start, end=start + timedelta(minutes=30),
            kind=Talk.Kind.KEYNOTE if index == 0 else Talk.Kind.TALK,
            title=f"{subject}（{forum.slug}）", slug=f"{forum.slug}-{index}",
        )
        for order, (name, latin, affiliation) in enumerate(PEOPLE[index:index + 3]):
            TalkSpeakerFactory(talk=talk, order=order, speaker=SpeakerFactory(
                name=name, name_latin=latin, affiliation=affiliation,
                slug=f"{forum.slug}-{index}-{order}", honorific="中国科学院院士",
                position="研究员、博士生导师、国家重点实验室主任",
            ))
        talks.append(talk)
    return talks


@dataclass
class Site:
    url: str
    summit: object
    forums: tuple
    talks: list
    article: object

    @property
    def host(self):
        return urlsplit(self.url).netloc

    def public_paths(self):
        talk = self.talks[0]
        speaker = talk.speakers.first()
        return [
            "/", "/schedule/", self.forums[1].get_absolute_url(), talk.get_absolute_url(),
            "/speakers/", speaker.get_absolute_url(), "/news/", self.article.get_absolute_url(),
        ]


SUBJECTS = [
    "从AlphaFold到RoseTTAFold：基于深度学习的蛋白质结构预测方法、数据集构建与实验验证的最新进展",
    "面向第一性原理计算的机器学习势函数：精度、效率与可迁移性之间的权衡及其在催化材料中的应用",
    "科学大模型与自动化实验平台：迈向自主发现的闭环材料研发体系",
    "Deep Potential Molecular Dynamics at Scale：十亿原子体系的模拟与超级计算机上的性能优化",
]

PEOPLE = [
    ("张伟", "Zhang Wei", "中国科学院上海药物研究所（Shanghai Institute of Materia Medica, CAS）"),
    ("欧阳晓明", "Ouyang Xiaoming", "北京大学前沿交叉学科研究院定量生物学中心"),
    ("Alexandra Konstantinopoulou-Richardson", "Alexandra Konstantinopoulou-Richardson",
     "Max Planck Institute for Polymer Research, Mainz"),
    ("李娜", "Li Na", "北京科学智能研究院（AISI）"),
    ("王建国", "Wang Jianguo", "清华大学化学系与深圳国际研究生院联合实验室"),
    ("陈思远", "Chen Siyuan", "DP Technology 深势科技"),
]

ARTICLE_TITLE = (
    "AI for Science 峰会圆满落幕：来自材料、生命与地球科学的四十余位专家共话科学智能新未来"
)
ARTICLE_BODY = """\
8月8日至11日，以“AI for Science：共创新未来”为主题的峰会在线上举行，来自材料科学、生命科学、\
地球科学与高性能计算等领域的四十余位专家学者围绕科学智能的前沿进展展开了深入交流。

## 主论坛：科学研究的新范式

与会专家认为，以深度学习为代表的人工智能方法正在改变科学研究的基本范式，\
从分子动力学模拟到蛋白质结构预测，从气候模拟到新材料发现，都出现了数量级的效率提升。

回放与资料：https://www.example.org/ai4s/2022/summit-closing-ceremony-replay-and-slides-download

- 主论坛：前沿进展与未来展望
- 分论坛：材料、生命、地球科学
"""
