"""Sample news for the demo summit (``manage.py load_demo_news``).

The articles are written for this demo: the summit's facts match ``events/demo.py``, while
every quotation, figure and opinion is invented, and each body ends with a note saying so.
Bodies live in ``demo_posts/<slug>.md``; ``{talk2}`` and ``{speaker2}`` in them stand for
the second covered talk's title and speakers, filled in from the database.
"""

import math
import random
import re
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw

SLUG_PREFIX = "demo-2022-"
BYLINE = "峰会组委会（示例）"
TAGS = "示例内容, AI for Science"
POSTS_DIR = Path(__file__).with_name("demo_posts")
SHANGHAI = ZoneInfo("Asia/Shanghai")
PLACEHOLDER = re.compile(r"\{(talk|speaker)(\d)\}")
DEMO_NOTE = (
    "\n\n---\n\n*演示内容：本文是本门户的示例新闻，峰会名称、日期与直播平台与真实活动一致，"
    "文中的讲者、引述与数据均为虚构。*\n"
)

DEMO_NOTE_EN = (
    "\n\n---\n\n*Demo content: a sample news article of this portal. The summit's name, "
    "dates and streaming platforms match the real event; the speakers, quotations and "
    "figures are invented.*\n"
)

BLUE = (2, 30, 170)  # #021EAA, the announcement's blue
NIGHT = (1, 10, 60)
COVER_SIZE = (1600, 900)


def shanghai(month, day, hour, minute=0, year=2022):
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


# category: the slug of a category made by the articles migrations (公告, 回顾).
# title_en, summary_en and demo_posts/en/<slug>.md: the English version. The announcement
# of the 10 August changes has none: it stays Chinese, and English pages fall back to it.
# forum and talks: the forum's slug and the titles of the covered talks, in order.
ARTICLES = [
    {
        "slug": "programme", "category": "announcement", "pinned": True,
        "title": "科学智能峰会议程公布：8月8日至11日线上举行",
        "summary": "一场主论坛、六场分论坛，四天线上直播。观看入口与各论坛日程一文看全。",
        "title_en": 'Summit programme published: online, 8 to 11 August',
        "summary_en": (
            "One main forum, six sub-forums, four days of live streams: where to watch and what "
            "is on each day."
        ),
        "publish_at": shanghai(8, 5, 10), "cover": "rings",
        "cover_alt": "深蓝色背景上几组同心圆环，环上点缀着发光的小圆点，像原子的轨道。",
    },
    {
        "slug": "aug-10-changes", "category": "announcement",
        "title": "8月10日议程调整：工业仿真分论坛两场报告对调，化学分论坛更换直播频道",
        "summary": "工业仿真分论坛上午两场报告交换顺序；下午的化学与分子模拟分论坛"
                   "改在 B站“科学智能AISI”直播。",
        "publish_at": shanghai(8, 9, 18, 30),
        "forums": ["industrial-simulation", "chemistry"],
        "talks": [("industrial-simulation", "燃烧与化学反应流的智能建模"),
                  ("industrial-simulation", "工业软件国产化与 AI 融合路径")],
    },
    {
        "slug": "main-forum-recap", "category": "recap",
        "title": "主论坛回顾：当人工智能成为科学家的新工具",
        "summary": "从科研新范式到科学大模型，主论坛的报告与圆桌勾勒出 AI for Science "
                   "的现在与下一个十年。",
        "title_en": "Main forum recap: when AI becomes a scientist's new tool",
        "summary_en": (
            "From a new research paradigm to large scientific models, the main forum's talks and "
            "panel sketched AI for Science today and in ten years."
        ),
        "publish_at": shanghai(8, 12, 20), "cover": "network",
        "cover_alt": "深蓝色背景上散布的节点由细线相连，组成一张不规则的网络。",
        "forums": ["main"],
        "talks": [("main", "AI for Science：科学研究的新范式"),
                  ("main", "机器学习势函数与分子动力学模拟的未来"),
                  ("main", "科学大模型：机遇、挑战与开放生态"),
                  ("main", "圆桌论坛：AI for Science 的下一个十年")],
    },
    {
        "slug": "biocomputing-recap", "category": "recap",
        "title": "生物计算分论坛回顾：从蛋白质设计到基因组语言模型",
        "summary": "三场报告、一个共同的问题：计算方法怎样才能真正缩短从实验室到临床的距离？",
        "title_en": 'Biocomputing recap: from protein design to genomic language models',
        "summary_en": (
            "Three talks, one question: how can computation really shorten the road from the "
            "laboratory to the clinic?"
        ),
        "publish_at": shanghai(8, 15, 19), "cover": "helix",
        "cover_alt": "深蓝色渐变上两条交织的波浪点链，以短线相连，形似 DNA 双螺旋。",
        "forums": ["biocomputing"],
        "talks": [("biocomputing", "深度学习驱动的蛋白质设计"),
                  ("biocomputing", "AI 辅助药物发现：从靶点到先导化合物"),
                  ("biocomputing", "基因组语言模型及其应用")],
    },
    {
        "slug": "materials-recap", "category": "recap",
        "title": "材料计算分论坛回顾：机器学习正在改写材料研发的节奏",
        "summary": "合金、电池、晶体生成与第一性原理加速：四场报告的要点与一张速览表。",
        "title_en": (
            "Materials computing recap: machine learning changes the pace of materials research"
        ),
        "summary_en": (
            "Alloys, batteries, crystal generation and faster first-principles calculations: four"
            " talks in one table."
        ),
        "publish_at": shanghai(8, 17, 20), "cover": "lattice",
        "cover_alt": "深蓝色背景上整齐排列的六边形晶格，几个格点被点亮。",
        "forums": ["materials"],
        "talks": [("materials", "机器学习势函数在合金设计中的应用"),
                  ("materials", "电池材料的高通量筛选与智能优化"),
                  ("materials", "晶体结构生成模型研究进展"),
                  ("materials", "第一性原理计算的深度学习加速")],
    },
    {
        "slug": "industry-recap", "category": "recap",
        "title": "产业落地分论坛回顾：AI for Science 走出实验室还差几步",
        "summary": "新药、半导体与商业化路径：来自企业一线的三场报告，以及峰会的收官。",
        "title_en": (
            "Industry adoption recap: how far AI for Science is from leaving the laboratory"
        ),
        "summary_en": (
            "New drugs, semiconductors and business models: three talks from industry, and the "
            "summit's closing."
        ),
        "publish_at": shanghai(8, 20, 10), "cover": "flow",
        "cover_alt": "深蓝色背景上一束束平行的曲线绕过中央的圆形，像流体绕流的流线。",
        "forums": ["industry"],
        "talks": [("industry", "AI for Science 在新药研发中的产业实践"),
                  ("industry", "半导体工艺仿真的 AI 加速"),
                  ("industry", "科学智能企业的商业化路径")],
    },
    {
        "slug": "chemistry-recap-draft", "category": "recap", "status": "draft",
        "title": "【草稿示例】化学与分子模拟分论坛回顾",
        "summary": "一篇尚未发布的草稿：只在后台和预览中可见。",
        "title_en": '[Draft sample] Chemistry and molecular simulation recap',
        "summary_en": 'An unpublished draft: visible only in the admin and its preview.',
        "publish_at": shanghai(8, 19, 20),
        "forums": ["chemistry"],
        "talks": [("chemistry", "量子化学计算的神经网络方法"),
                  ("chemistry", "AI 辅助逆合成分析")],
    },
    {
        "slug": "replays-scheduled", "category": "news",
        "title": "【定时发布示例】峰会全部报告回放整理完成",
        "summary": "一篇定时发布的文章：发布时间定在 2030 年，在那之前不会出现在公开页面上。",
        "title_en": '[Scheduled sample] Replays of every talk are ready',
        "summary_en": (
            "A scheduled article: set to appear in 2030, it stays off the public pages until "
            "then."
        ),
        "publish_at": shanghai(1, 6, 10, year=2030),
    },
]


def body(spec, talks):
    """The article's Markdown with placeholders filled from ``talks`` (covered, in order)."""
    text = (POSTS_DIR / f"{spec['slug']}.md").read_text(encoding="utf-8").strip()

    def fill(match):
        talk = talks[int(match[2]) - 1]
        if match[1] == "talk":
            return talk.title_zh_hans
        return "、".join(f"{link.speaker.name_zh_hans}{link.speaker.honorific_zh_hans}"
                        for link in talk.speaker_links)

    return PLACEHOLDER.sub(fill, text) + DEMO_NOTE


def body_en(spec, talks):
    """The English body (``demo_posts/en/<slug>.md``), or "" for a Chinese-only article."""
    path = POSTS_DIR / "en" / f"{spec['slug']}.md"
    if not path.exists():
        return ""

    def fill(match):
        talk = talks[int(match[2]) - 1]
        if match[1] == "talk":
            return talk.title_en
        return ", ".join(f"{link.speaker.honorific_en} {link.speaker.name_en}"
                         for link in talk.speaker_links)

    return PLACEHOLDER.sub(fill, path.read_text(encoding="utf-8").strip()) + DEMO_NOTE_EN


def cover_jpeg(motif, seed=0):
    """A text-free cover: a deep-blue gradient with a simple geometric motif."""
    width, height = COVER_SIZE
    scale = 2  # draw the motif at twice the size, then shrink: smooth edges
    # A diagonal gradient: rotate a vertical one drawn larger than the cover, keep the middle.
    side = 2 * width
    mask = Image.linear_gradient("L").resize((side, side)).rotate(-30, Image.Resampling.BICUBIC)
    mask = mask.crop(((side - width) // 2, (side - height) // 2,
                      (side + width) // 2, (side + height) // 2))
    image = Image.composite(Image.new("RGB", COVER_SIZE, NIGHT),
                            Image.new("RGB", COVER_SIZE, BLUE), mask).convert("RGBA")
    overlay = Image.new("RGBA", (width * scale, height * scale), (0, 0, 0, 0))
    MOTIFS[motif](ImageDraw.Draw(overlay), width * scale, height * scale,
                  random.Random(seed or motif))
    image.alpha_composite(overlay.resize(COVER_SIZE, Image.Resampling.LANCZOS))
    out = BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=88)
    return out.getvalue()


def _dot(draw, x, y, r, fill):
    draw.ellipse([x - r, y - r, x + r, y + r], fill=fill)


def _rings(draw, w, h, rng):
    cx, cy = w * 0.68, h * 0.5
    for i in range(1, 7):
        r = h * 0.09 * i
        draw.ellipse([cx - r * 1.6, cy - r, cx + r * 1.6, cy + r],
                     outline=(255, 255, 255, 70 - i * 6), width=4)
        angle = rng.uniform(0, 2 * math.pi)
        _dot(draw, cx + r * 1.6 * math.cos(angle), cy + r * math.sin(angle), 14,
             (255, 196, 61, 230) if i % 3 == 0 else (255, 255, 255, 200))
    _dot(draw, cx, cy, 40, (255, 255, 255, 220))


def _network(draw, w, h, rng):
    nodes = [(rng.uniform(0.05, 0.95) * w, rng.uniform(0.08, 0.92) * h) for _ in range(46)]
    for x, y in nodes:
        for ox, oy in sorted(nodes, key=lambda n: (n[0] - x) ** 2 + (n[1] - y) ** 2)[1:4]:
            draw.line([x, y, ox, oy], fill=(255, 255, 255, 60), width=3)
    for index, (x, y) in enumerate(nodes):
        colour = (255, 196, 61, 230) if index % 9 == 0 else (255, 255, 255, 190)
        _dot(draw, x, y, 10 + index % 3 * 4, colour)


def _helix(draw, w, h, rng):
    steps, amplitude, mid = 40, h * 0.2, h * 0.5
    for i in range(steps):
        x = w * (0.04 + 0.92 * i / (steps - 1))
        phase = i * 0.42
        y1, y2 = mid + amplitude * math.sin(phase), mid - amplitude * math.sin(phase)
        draw.line([x, y1, x, y2], fill=(255, 255, 255, 45), width=4)
        front = math.cos(phase) > 0
        _dot(draw, x, y1, 16 if front else 10, (255, 255, 255, 220 if front else 110))
        _dot(draw, x, y2, 10 if front else 16, (120, 200, 255, 110 if front else 220))


def _lattice(draw, w, h, rng):
    side = h * 0.09
    dx, dy = side * math.sqrt(3), side * 1.5
    lit = {(rng.randrange(12), rng.randrange(8)) for _ in range(7)}
    for row in range(-1, int(h / dy) + 2):
        for col in range(-1, int(w / dx) + 2):
            cx, cy = col * dx + (dx / 2 if row % 2 else 0), row * dy
            corners = [(cx + side * math.cos(math.radians(60 * k + 30)),
                        cy + side * math.sin(math.radians(60 * k + 30))) for k in range(6)]
            draw.polygon(corners, outline=(255, 255, 255, 55), width=3)
            for x, y in corners[:2]:
                _dot(draw, x, y, 7, (255, 255, 255, 150))
            if (col % 12, row % 8) in lit:
                _dot(draw, cx, cy, side * 0.35, (255, 196, 61, 220))


def _flow(draw, w, h, rng):
    cx, cy, radius = w * 0.38, h * 0.5, h * 0.13
    for line in range(-11, 12):
        offset = line * h * 0.045
        points = []
        for step in range(121):
            x = w * step / 120
            # Potential flow past a cylinder, roughly: lines bend away near it.
            distance = max(math.hypot(x - cx, offset), radius)
            y = cy + offset + math.copysign(radius ** 2 / distance, offset or 1) * (
                math.exp(-((x - cx) / (radius * 3)) ** 2))
            points.append((x, y))
        alpha = 150 if line % 4 == 0 else 60
        draw.line(points, fill=(255, 255, 255, alpha), width=4, joint="curve")
    _dot(draw, cx, cy, radius * 0.8, (255, 196, 61, 210))


MOTIFS = {"rings": _rings, "network": _network, "helix": _helix, "lattice": _lattice,
          "flow": _flow}
