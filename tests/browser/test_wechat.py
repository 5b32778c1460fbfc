import os

import pytest
from django.contrib.auth.models import User

from articles.models import Article
from articles.wechat import wechat_page

from .conftest import PHONE

BODY = """\
## 报告速览

| 报告 | 讲者 | 关键词 |
|---|---|---|
| 机器学习势函数在合金设计中的应用 | 林知远 教授 | 高熵合金、势函数、相稳定性 |
| 电池材料的高通量筛选与智能优化 | 周若澜 研究员 | 固态电解质、高通量计算、主动学习 |

![晶格]({image})

> 材料研发的瓶颈已经从“算不动”变成了“不知道该算什么”。

详见[大会官网](https://ai4ssummit.example.org/agenda/2022/materials-forum-replay-and-slides)。

```
python -m summit --forum materials --with-a-rather-long-command-line-option
```
"""


@pytest.fixture
def wechat_article(site):
    image = f"{site.url}/static/img/share-default.png"
    return Article.objects.create(
        title="材料计算分论坛回顾：机器学习正在改写材料研发的节奏", slug="materials-recap",
        body=BODY.format(image=image), status=Article.Status.PUBLISHED,
    )


def test_wechat_copy_fits_a_phone_without_horizontal_scroll(open_page, site, wechat_article,
                                                            tmp_path):
    page, watch = open_page(PHONE)
    html = wechat_page(wechat_article, absolute=lambda path: site.url + path)
    copy = tmp_path / "wechat.html"
    copy.write_text(html, encoding="utf-8")
    page.goto(copy.as_uri())
    page.wait_for_load_state("networkidle")
    if os.environ.get("WECHAT_SCREENSHOT"):  # for a person to look at
        page.screenshot(path=os.environ["WECHAT_SCREENSHOT"], full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("document.querySelector('img').naturalWidth") > 0
    heading = page.locator("h2").first
    assert heading.evaluate("e => getComputedStyle(e).color") == "rgb(2, 30, 170)"
    assert page.evaluate("document.querySelectorAll('[class], script').length") == 0
    assert watch.errors == [] and watch.bad_responses == []


def test_copy_button_puts_the_styled_html_on_the_clipboard(open_page, site, wechat_article):
    User.objects.create_superuser("boss", password="pw-boss-123")
    page, watch = open_page(PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{site.url}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "pw-boss-123")
    page.click("input[type=submit]")
    page.goto(f"{site.url}/admin/articles/article/{wechat_article.pk}/wechat/")
    page.click("[data-copy='wechat-copy']")
    page.wait_for_selector("[data-copy-status='wechat-copy']:not(:empty)")
    copied = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        return await (await item.getType("text/html")).text();
    }""")
    assert "<table" in copied and 'style="border-collapse: collapse;' in copied
    assert "https://ai4ssummit.example.org/agenda/2022/materials-forum-replay-and-slides" \
        in copied
    assert watch.errors == []
