"""Data for the demo programme: the AI for Science Summit 2022 (科学智能峰会).

The summit's facts (name, series, theme, dates, online format, website, forum topics,
broadcast channels) come from the public announcement of 5 August 2022. The speakers,
their affiliations and the talk titles are invented sample data: every speaker's bio
says so, and the portraits are drawn here with Pillow.
"""

import random
from datetime import date, datetime, time
from io import BytesIO
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw, ImageFont

SEED = 2022

# The demo's story, as the demo news tells it: the programme is entered on 1 August,
# published on 5 August, and on 9 August two talks of the industrial simulation forum swap
# places (the change log shows that swap).
SHANGHAI = ZoneInfo("Asia/Shanghai")
PROGRAMME_ENTERED = datetime(2022, 8, 1, 10, 0, tzinfo=SHANGHAI)
PROGRAMME_PUBLISHED = datetime(2022, 8, 5, 10, 0, tzinfo=SHANGHAI)
SWAPPED_AT = datetime(2022, 8, 9, 18, 30, tzinfo=SHANGHAI)
SWAPPED_FORUM = "industrial-simulation"
SWAPPED_TALKS = ("燃烧与化学反应流的智能建模", "工业软件国产化与 AI 融合路径")
SPEAKER_SLUG_PREFIX = "demo-"
SAMPLE_NOTE = "示例讲者（演示数据）：本人物、单位与简介均为虚构，仅用于演示本门户。"

SUMMIT = {
    "slug": "ai4s-2022",
    "name": "科学智能峰会 AI for Science Summit 2022",
    "short_name": "AISS 2022",
    "series": "2022 中关村论坛系列活动（Zhongguancun Forum）",
    "theme": "AI for Science：共创新未来",
    "start_date": date(2022, 8, 8),
    "end_date": date(2022, 8, 11),
    "time_zone": "Asia/Shanghai",
    "format": "online",
    "venue": "线上 Online",
    "website": "http://ai4ssummit.bjaisi.com/",
    "organizers": "科学智能AISI\n深势科技 DP Technology",
    "description": (
        "8月8日至8月11日，2022中关村论坛系列活动——科学智能峰会在线上召开，"
        "主题是“**AI for Science：共创新未来**”。峰会分为主论坛和6场主题分论坛，"
        "多位院士、学者、研究员和企业家带来50余场报告。\n\n"
        "人工智能与传统科研的结合带来了巨大潜能，AI for Science 正成为科学研究的新范式。"
        "为期4天的讨论围绕生物计算、材料计算、工业仿真等领域的具体问题与突破，"
        "以及 AI for Science 需要的基础设施和产业落地展开。\n\n"
        "峰会在中关村论坛官网、大会官网、B站（科学智能AISI、深度势能）、"
        "视频号（深势科技）等平台同步播出。\n\n"
        "*本站的讲者与报告安排为演示数据。*"
    ),
}

# Summit-wide broadcast channels named in the announcement.
SUMMIT_STREAMS = [
    ("site", "大会官网", "http://ai4ssummit.bjaisi.com/"),
    ("other", "中关村论坛官网", "https://www.zgcforum.com.cn/"),
    ("bilibili", "科学智能AISI", "https://search.bilibili.com/all?keyword=科学智能AISI"),
    ("bilibili", "深度势能", "https://search.bilibili.com/all?keyword=深度势能"),
    ("wechat", "深势科技", "https://channels.weixin.qq.com/"),
]

MORNING = (time(9, 0), time(12, 30))
AFTERNOON = (time(14, 0), time(17, 30))

# A sub-forum's half day: offsets in minutes from its start, as (kind, minutes long).
SUB_FORUM_SLOTS = [
    ("opening", 10), ("talk", 25), ("talk", 25), ("talk", 25), ("break", 15),
    ("talk", 25), ("talk", 25), ("talk", 25), ("panel", 35),
]

MAIN_FORUM_SLOTS = [
    ("opening", time(9, 0), time(9, 15), "开幕致辞"),
    ("keynote", time(9, 15), time(9, 45), "AI for Science：科学研究的新范式"),
    ("keynote", time(9, 45), time(10, 15), "从第一性原理到数据驱动：多尺度建模的融合之路"),
    ("break", time(10, 15), time(10, 30), "茶歇"),
    ("keynote", time(10, 30), time(11, 0), "机器学习势函数与分子动力学模拟的未来"),
    ("keynote", time(11, 0), time(11, 30), "人工智能驱动的蛋白质结构与功能预测"),
    ("keynote", time(11, 30), time(12, 0), "科学大模型：机遇、挑战与开放生态"),
    ("break", time(12, 0), time(14, 0), "午休"),
    ("keynote", time(14, 0), time(14, 30), "高性能计算与人工智能的协同设计"),
    ("keynote", time(14, 30), time(15, 0), "AI 加速新材料发现：从高通量计算到自主实验"),
    ("keynote", time(15, 0), time(15, 30), "面向工程仿真的神经算子方法"),
    ("break", time(15, 30), time(15, 45), "茶歇"),
    ("panel", time(15, 45), time(16, 45), "圆桌论坛：AI for Science 的下一个十年"),
    ("keynote", time(16, 45), time(17, 15), "开源社区与科学软件的可持续发展"),
    ("closing", time(17, 15), time(17, 30), "主论坛总结"),
]

# slug, kind, title, topic, date, (start, end), Bilibili channel, talk titles, panel title
FORUMS = [
    {
        "slug": "main", "kind": "main", "order": 0, "date": date(2022, 8, 8),
        "hours": (time(9, 0), time(17, 30)),
        "title": "主论坛：AI for Science：共创新未来", "topic": "主论坛 · Main forum",
        "channel": "科学智能AISI",
        "description": "院士与领域专家从不同视角解读 AI for Science 的前沿话题，"
                       "并以圆桌论坛展望下一个十年。",
    },
    {
        "slug": "biocomputing", "kind": "sub", "order": 1, "date": date(2022, 8, 9),
        "hours": MORNING, "title": "生物计算分论坛", "topic": "生物计算 · Biocomputing",
        "channel": "深度势能",
        "description": "蛋白质设计、药物发现与组学分析中的人工智能方法。",
        "talks": ["深度学习驱动的蛋白质设计", "AI 辅助药物发现：从靶点到先导化合物",
                  "单细胞组学数据的智能分析方法", "分子对接与自由能计算的机器学习加速",
                  "生物大分子动力学模拟的新进展", "基因组语言模型及其应用"],
        "panel": "圆桌讨论：计算生物学如何走向临床",
    },
    {
        "slug": "materials", "kind": "sub", "order": 2, "date": date(2022, 8, 9),
        "hours": MORNING, "title": "材料计算分论坛", "topic": "材料计算 · Materials computing",
        "channel": "科学智能AISI",
        "description": "机器学习势函数、高通量筛选与生成模型如何改变材料研发。",
        "talks": ["机器学习势函数在合金设计中的应用", "电池材料的高通量筛选与智能优化",
                  "晶体结构生成模型研究进展", "第一性原理计算的深度学习加速",
                  "催化材料的多尺度模拟", "材料数据库与数据标准建设"],
        "panel": "圆桌讨论：材料研发范式的变革",
    },
    {
        "slug": "industrial-simulation", "kind": "sub", "order": 3, "date": date(2022, 8, 10),
        "hours": MORNING, "title": "工业仿真分论坛", "topic": "工业仿真 · Industrial simulation",
        "channel": "深度势能",
        "description": "神经算子、物理信息神经网络与数字孪生在工程仿真中的应用。",
        "talks": ["神经算子在流体力学仿真中的应用", "物理信息神经网络求解偏微分方程",
                  "数字孪生与智能制造", "结构力学仿真的代理模型方法",
                  "燃烧与化学反应流的智能建模", "工业软件国产化与 AI 融合路径"],
        "panel": "圆桌讨论：AI 能否重塑工业仿真软件",
    },
    {
        "slug": "chemistry", "kind": "sub", "order": 4, "date": date(2022, 8, 10),
        "hours": AFTERNOON, "title": "化学与分子模拟分论坛",
        "topic": "化学与分子模拟 · Chemistry and molecular simulation",
        "channel": "科学智能AISI",
        "description": "量子化学、增强采样与逆合成分析中的机器学习方法。",
        "talks": ["量子化学计算的神经网络方法", "反应路径自动搜索与机理解析",
                  "增强采样方法与自由能面构建", "AI 辅助逆合成分析",
                  "溶液与界面体系的分子模拟", "光谱预测与结构解析的机器学习方法"],
        "panel": "圆桌讨论：从分子模拟到化学智能",
    },
    {
        "slug": "infrastructure", "kind": "sub", "order": 5, "date": date(2022, 8, 11),
        "hours": MORNING, "title": "科研基础设施分论坛",
        "topic": "科研基础设施 · Research infrastructure", "channel": "深度势能",
        "description": "算力、数据、软件与智能实验室：AI for Science 需要什么样的基础设施。",
        "talks": ["面向 AI for Science 的算力基础设施", "科学数据的开放共享与治理",
                  "科学计算软件栈的开源协作", "云原生科研平台的设计与实践",
                  "大规模分子模拟的并行优化", "科研自动化与智能实验室"],
        "panel": "圆桌讨论：科研基础设施的共建共享",
    },
    {
        "slug": "industry", "kind": "sub", "order": 6, "date": date(2022, 8, 11),
        "hours": (time(9, 0), time(12, 45)), "title": "产业落地分论坛",
        "topic": "产业落地 · Industry adoption", "channel": "科学智能AISI",
        "description": "新药、新能源、半导体与化工：AI for Science 如何走进产业。",
        "talks": ["AI for Science 在新药研发中的产业实践", "新能源材料研发的智能化转型",
                  "半导体工艺仿真的 AI 加速", "化工过程优化中的机器学习应用",
                  "科学智能企业的商业化路径", "从实验室到生产线：技术转化的关键环节"],
        "panel": "圆桌讨论：AI for Science 的产业化前景",
        "closing": "闭幕致辞",
    },
]

SURNAMES = [
    ("林", "Lin"), ("周", "Zhou"), ("陈", "Chen"), ("许", "Xu"), ("宋", "Song"), ("沈", "Shen"),
    ("顾", "Gu"), ("陆", "Lu"), ("方", "Fang"), ("叶", "Ye"), ("程", "Cheng"), ("苏", "Su"),
    ("秦", "Qin"), ("韩", "Han"), ("唐", "Tang"), ("姚", "Yao"), ("邵", "Shao"), ("孟", "Meng"),
    ("钟", "Zhong"), ("何", "He"),
]
GIVEN_NAMES = [
    ("知远", "Zhiyuan"), ("若澜", "Ruolan"), ("明川", "Mingchuan"), ("书砚", "Shuyan"),
    ("清和", "Qinghe"), ("思齐", "Siqi"), ("景行", "Jingxing"), ("云舒", "Yunshu"),
    ("亦衡", "Yiheng"), ("望舒", "Wangshu"), ("怀瑾", "Huaijin"), ("修远", "Xiuyuan"),
    ("星澜", "Xinglan"), ("致宁", "Zhining"), ("以沫", "Yimo"), ("昭明", "Zhaoming"),
    ("沐晨", "Muchen"), ("嘉树", "Jiashu"), ("行简", "Xingjian"), ("南乔", "Nanqiao"),
    ("闻溪", "Wenxi"), ("若谷", "Ruogu"), ("鹤鸣", "Heming"), ("晓岚", "Xiaolan"),
]
AFFILIATIONS = [
    ("青岚大学", "计算科学学院"), ("星海科学计算研究院", "分子模拟中心"),
    ("启明材料实验室", "计算材料部"), ("澄江生物医药研究所", "结构生物学部"),
    ("远山国家实验室（示例）", "智能计算平台"), ("东湖理工大学", "化学与分子工程学院"),
    ("云杉工业软件公司（示例）", "仿真研发中心"), ("北辰智能科技（示例）", "研究院"),
]
ACADEMIC_RANKS = ["教授", "研究员", "教授", "副教授", "研究员", "高级工程师"]
POSITIONS = ["课题组长", "中心主任", "首席研究员", "副院长", "实验室主任", "学术带头人"]
PALETTE = ["#021EAA", "#0B6E4F", "#8E3B46", "#5B3E96", "#B5651D", "#1F6F8B", "#3D5A80",
           "#6A994E", "#9C6644", "#2A9D8F"]


def sample_people(count, seed=SEED):
    """``count`` distinct fictional people: (name, name_latin, slug), always the same ones."""
    rng = random.Random(seed)
    surnames, given_names = SURNAMES[:], GIVEN_NAMES[:]
    rng.shuffle(surnames)
    rng.shuffle(given_names)
    # Index i pairs surname i mod 20 with given name i mod 24: distinct for i < 120.
    people = []
    for index in range(count):
        surname, surname_latin = surnames[index % len(surnames)]
        given, given_latin = given_names[index % len(given_names)]
        latin = f"{surname_latin} {given_latin}"
        slug = SPEAKER_SLUG_PREFIX + latin.lower().replace(" ", "-")
        people.append((surname + given, latin, slug))
    return people


def portrait_png(initials, index, size=320):
    """A square portrait: the initials in white on a colour from the palette."""
    image = Image.new("RGB", (size, size), PALETTE[index % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    draw.ellipse([size * 0.1, size * 0.1, size * 0.9, size * 0.9],
                 outline=(255, 255, 255), width=max(2, size // 100))
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# The demo in English. The talks and speakers are invented, so their English is too.
SUMMIT_EN = {
    "name": "AI for Science Summit 2022",
    "theme": "AI for Science: Creating a New Future Together",
    "description": (
        "From 8 to 11 August 2022, the AI for Science Summit, part of the 2022 Zhongguancun "
        "Forum series, took place online under the theme “**AI for Science: Creating a New "
        "Future Together**”. A main forum and six sub-forums brought more than 50 talks by "
        "academicians, researchers and entrepreneurs.\n\n"
        "Bringing artificial intelligence into traditional research holds great promise: AI "
        "for Science is becoming a new paradigm of scientific research. Over four days the "
        "discussions covered concrete problems and breakthroughs in biocomputing, materials "
        "computing and industrial simulation, and the infrastructure and industrial adoption "
        "AI for Science needs.\n\n"
        "The summit was broadcast on the Zhongguancun Forum site, the conference site, "
        "Bilibili (科学智能AISI, 深度势能) and WeChat Channels (深势科技).\n\n"
        "*The speakers and talks on this site are sample data.*"
    ),
}
SAMPLE_NOTE_EN = ("Sample speaker (demo data): this person, their institution and biography "
                  "are invented, for demonstrating this portal only.")

ENGLISH = {
    # streams
    "大会官网": "Conference site", "中关村论坛官网": "Zhongguancun Forum site",
    "科学智能AISI": "科学智能AISI (AISI)", "深度势能": "深度势能 (DeepModeling)",
    "深势科技": "深势科技 (DP Technology)",
    # forums
    "主论坛：AI for Science：共创新未来":
        "Main forum: AI for Science: Creating a New Future Together",
    "院士与领域专家从不同视角解读 AI for Science 的前沿话题，并以圆桌论坛展望下一个十年。":
        "Academicians and experts read the frontier of AI for Science from their own angles, "
        "and a panel looks at the next ten years.",
    "生物计算分论坛": "Biocomputing sub-forum",
    "蛋白质设计、药物发现与组学分析中的人工智能方法。":
        "Artificial intelligence in protein design, drug discovery and omics analysis.",
    "材料计算分论坛": "Materials computing sub-forum",
    "机器学习势函数、高通量筛选与生成模型如何改变材料研发。":
        "How machine-learned potentials, high-throughput screening and generative models "
        "change materials research.",
    "工业仿真分论坛": "Industrial simulation sub-forum",
    "神经算子、物理信息神经网络与数字孪生在工程仿真中的应用。":
        "Neural operators, physics-informed neural networks and digital twins in "
        "engineering simulation.",
    "化学与分子模拟分论坛": "Chemistry and molecular simulation sub-forum",
    "量子化学、增强采样与逆合成分析中的机器学习方法。":
        "Machine learning for quantum chemistry, enhanced sampling and retrosynthesis.",
    "科研基础设施分论坛": "Research infrastructure sub-forum",
    "算力、数据、软件与智能实验室：AI for Science 需要什么样的基础设施。":
        "Computing, data, software and smart laboratories: the infrastructure AI for "
        "Science needs.",
    "产业落地分论坛": "Industry adoption sub-forum",
    "新药、新能源、半导体与化工：AI for Science 如何走进产业。":
        "New drugs, new energy, semiconductors and chemicals: how AI for Science reaches "
        "industry.",
    # main forum
    "开幕致辞": "Opening remarks",
    "AI for Science：科学研究的新范式": "AI for Science: a new paradigm of research",
    "从第一性原理到数据驱动：多尺度建模的融合之路":
        "From first principles to data: bringing multiscale modelling together",
    "茶歇": "Coffee break",
    "机器学习势函数与分子动力学模拟的未来":
        "Machine-learned potentials and the future of molecular dynamics",
    "人工智能驱动的蛋白质结构与功能预测": "AI-driven prediction of protein structure and function",
    "科学大模型：机遇、挑战与开放生态": "Large scientific models: opportunities, challenges, "
                                     "open ecosystems",
    "午休": "Lunch break",
    "高性能计算与人工智能的协同设计": "Co-design of high-performance computing and AI",
    "AI 加速新材料发现：从高通量计算到自主实验":
        "AI-accelerated materials discovery: from high-throughput computing to autonomous "
        "experiments",
    "面向工程仿真的神经算子方法": "Neural operators for engineering simulation",
    "圆桌论坛：AI for Science 的下一个十年": "Panel: the next ten years of AI for Science",
    "开源社区与科学软件的可持续发展": "Open-source communities and sustainable scientific software",
    "主论坛总结": "Main forum wrap-up",
    # sub-forums
    "开场致辞": "Welcome",
    "深度学习驱动的蛋白质设计": "Protein design driven by deep learning",
    "AI 辅助药物发现：从靶点到先导化合物": "AI-assisted drug discovery: from target to lead",
    "单细胞组学数据的智能分析方法": "Intelligent analysis of single-cell omics data",
    "分子对接与自由能计算的机器学习加速":
        "Machine-learning acceleration of docking and free-energy calculations",
    "生物大分子动力学模拟的新进展": "Advances in biomolecular dynamics simulation",
    "基因组语言模型及其应用": "Genomic language models and their applications",
    "圆桌讨论：计算生物学如何走向临床": "Panel: taking computational biology to the clinic",
    "机器学习势函数在合金设计中的应用": "Machine-learned potentials in alloy design",
    "电池材料的高通量筛选与智能优化":
        "High-throughput screening and optimisation of battery materials",
    "晶体结构生成模型研究进展": "Progress in generative models of crystal structures",
    "第一性原理计算的深度学习加速": "Deep-learning acceleration of first-principles calculations",
    "催化材料的多尺度模拟": "Multiscale simulation of catalytic materials",
    "材料数据库与数据标准建设": "Building materials databases and data standards",
    "圆桌讨论：材料研发范式的变革": "Panel: a new paradigm for materials research",
    "神经算子在流体力学仿真中的应用": "Neural operators in fluid dynamics simulation",
    "物理信息神经网络求解偏微分方程": "Solving PDEs with physics-informed neural networks",
    "数字孪生与智能制造": "Digital twins and smart manufacturing",
    "结构力学仿真的代理模型方法": "Surrogate models for structural mechanics simulation",
    "燃烧与化学反应流的智能建模": "Intelligent modelling of combustion and reacting flows",
    "工业软件国产化与 AI 融合路径": "Domestic industrial software and the road to AI integration",
    "圆桌讨论：AI 能否重塑工业仿真软件": "Panel: can AI reshape industrial simulation software?",
    "量子化学计算的神经网络方法": "Neural-network methods for quantum chemistry",
    "反应路径自动搜索与机理解析": "Automated reaction-path search and mechanism analysis",
    "增强采样方法与自由能面构建": "Enhanced sampling and free-energy surfaces",
    "AI 辅助逆合成分析": "AI-assisted retrosynthesis",
    "溶液与界面体系的分子模拟": "Molecular simulation of solutions and interfaces",
    "光谱预测与结构解析的机器学习方法":
        "Machine learning for spectrum prediction and structure elucidation",
    "圆桌讨论：从分子模拟到化学智能": "Panel: from molecular simulation to chemical intelligence",
    "面向 AI for Science 的算力基础设施": "Computing infrastructure for AI for Science",
    "科学数据的开放共享与治理": "Open sharing and governance of scientific data",
    "科学计算软件栈的开源协作": "Open collaboration on the scientific software stack",
    "云原生科研平台的设计与实践": "Designing and running a cloud-native research platform",
    "大规模分子模拟的并行优化": "Parallel optimisation of large-scale molecular simulation",
    "科研自动化与智能实验室": "Research automation and smart laboratories",
    "圆桌讨论：科研基础设施的共建共享": "Panel: building and sharing research infrastructure",
    "AI for Science 在新药研发中的产业实践": "AI for Science in industrial drug development",
    "新能源材料研发的智能化转型": "The intelligent turn in new-energy materials research",
    "半导体工艺仿真的 AI 加速": "AI acceleration of semiconductor process simulation",
    "化工过程优化中的机器学习应用": "Machine learning in chemical process optimisation",
    "科学智能企业的商业化路径": "How AI for Science companies reach the market",
    "从实验室到生产线：技术转化的关键环节":
        "From laboratory to production line: the key steps of technology transfer",
    "圆桌讨论：AI for Science 的产业化前景": "Panel: the industrial prospects of AI for Science",
    "闭幕致辞": "Closing remarks",
    # speakers
    "青岚大学": "Qinglan University", "计算科学学院": "School of Computational Science",
    "星海科学计算研究院": "Xinghai Institute for Scientific Computing",
    "分子模拟中心": "Molecular Simulation Centre",
    "启明材料实验室": "Qiming Materials Laboratory", "计算材料部": "Computational Materials",
    "澄江生物医药研究所": "Chengjiang Institute of Biomedicine",
    "结构生物学部": "Structural Biology",
    "远山国家实验室（示例）": "Yuanshan National Laboratory (sample)",
    "智能计算平台": "Intelligent Computing Platform",
    "东湖理工大学": "Donghu University of Technology",
    "化学与分子工程学院": "School of Chemistry and Molecular Engineering",
    "云杉工业软件公司（示例）": "Yunshan Industrial Software (sample)",
    "仿真研发中心": "Simulation R&D Centre",
    "北辰智能科技（示例）": "Beichen Intelligent Technology (sample)",
    "研究院": "Research Institute",
    "院士": "Academician", "教授": "Professor", "研究员": "Research Professor",
    "副教授": "Associate Professor", "高级工程师": "Senior Engineer",
    "课题组长": "group leader", "中心主任": "director", "首席研究员": "chief scientist",
    "副院长": "deputy dean", "实验室主任": "laboratory head", "学术带头人": "academic lead",
}


def english(text):
    """The demo's English for one of its Chinese texts (KeyError names a missing one)."""
    return ENGLISH[text]
