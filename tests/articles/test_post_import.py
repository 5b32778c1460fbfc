import shutil
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Category

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = ["wechat-post.txt", "2022-08-10-closing.md", "hugo-post.md", "crlf-post.md",
        "bom-post.md"]
BAD = {
    "no-title.md": "no title in the front matter",
    "broken-front-matter.md": "broken front matter: while parsing a flow sequence",
    "unknown-date.md": "unknown date 'next tuesday'",
    "no-front-matter.md": "no front matter (--- YAML --- or +++ TOML +++) at the top",
}

pytestmark = pytest.mark.django_db


def run(*names, dry_run=False, folder=FIXTURES):
    out, err = StringIO(), StringIO()
    args = [str(folder / name) for name in names]
    if dry_run:
        args.append("--dry-run")
    try:
        call_command("import_posts", *args, stdout=out, stderr=err)
        failure = None
    except CommandError as exc:
        failure = str(exc)
    return out.getvalue(), err.getvalue(), failure


def article(slug):
    return Article.objects.prefetch_related("categories").get(slug=slug)


def test_import_wechat_html_comes_out_clean(summit):
    run("wechat-post.txt")
    post = article("wechat-post")
    assert post.title == "议程发布！科学峰会即将召开"
    assert post.publish_at == datetime(2022, 8, 5, 8, 13, 23, tzinfo=UTC)
    assert post.byline == "科技评论"
    assert post.cover_url == "https://p3.example-img.com/origin/abc123"
    assert post.status == Article.Status.PUBLISHED
    assert post.tag_list == ["峰会", "议程"]
    assert post.summary == "8月8日，峰会将于线上召开。 详见大会官网欢迎参与。"
    assert sorted(c.name for c in post.categories.all()) == ["新媒体", "新闻"]
    assert post.body_html == (
        "<p><strong>8月8日</strong>，峰会<strong>将于线上召开</strong>。</p>\n"
        '<p><img src="https://p6.example-img.com/origin/def456" referrerpolicy="no-referrer">'
        '</p><p>详见<a href="https://summit.example.org/" rel="nofollow noopener">大会官网</a>'
        "<em>欢迎</em>参与。</p>"
    )


def test_import_jekyll_markdown_with_iso_date_and_string_category(summit):
    run("2022-08-10-closing.md")
    post = article("2022-08-10-closing")
    assert post.publish_at == datetime(2022, 8, 10, 10, 30, tzinfo=UTC)
    assert [c.slug for c in post.categories.all()] == ["recap"]  # the existing 回顾
    assert post.tag_list == ["closing", "awards"]
    assert post.byline == "Press Office"
    assert post.summary == "The summit closed with awards."
    assert post.cover_url == "https://images.example.org/closing.jpg"
    assert '<h2 id="h-awards">Awards</h2>' in post.body_html
    assert ('<img alt="Stage" src="https://images.example.org/stage.jpg"'
            ' referrerpolicy="no-referrer">') in post.body_html


def test_import_hugo_toml_local_time_is_in_summit_zone(summit):
    run("hugo-post.md")
    post = article("stream-moved")
    assert post.publish_at == datetime(2022, 8, 9, 1, 15, tzinfo=UTC)
    assert [c.slug for c in post.categories.all()] == ["announcement"]  # the existing 公告
    assert post.cover_url == "https://images.example.org/stream.png"
    assert post.body_html == "<p>The stream of the <em>main forum</em> moved.</p>"
    assert post.summary == "The stream of the main forum moved."


def test_import_local_time_uses_current_summit_zone(summit):
    summit.time_zone = "Europe/Berlin"
    summit.save()
    run("crlf-post.md")
    assert article("crlf-post").publish_at == datetime(2022, 8, 11, 18, 0, tzinfo=UTC)


def test_import_crlf_and_bom(summit):
    run("crlf-post.md", "bom-post.md")
    assert article("crlf-post").body_html == "<p>Line one.</p>\n<p>Line two.</p>"
    bom = article("bom-post")
    assert bom.title == "带 BOM 的文章"
    assert bom.publish_at == datetime(2022, 8, 7, 16, 0, tzinfo=UTC)
    assert [c.slug for c in bom.categories.all()] == ["news"]


def test_import_reimport_updates_instead_of_duplicating(summit, tmp_path):
    shutil.copy(FIXTURES / "hugo-post.md", tmp_path / "hugo-post.md")
    run("hugo-post.md", folder=tmp_path)
    first = article("stream-moved")
    path = tmp_path / "hugo-post.md"
    path.write_text(path.read_text().replace("moved.", "moved again."), encoding="utf-8")
    out, _, _ = run("hugo-post.md", folder=tmp_path)
    assert Article.objects.count() == 1
    assert article("stream-moved").pk == first.pk
    assert article("stream-moved").body_html == (
        "<p>The stream of the <em>main forum</em> moved again.</p>"
    )
    assert out == f"{path}: updated: Stream moved to Bilibili (/news/stream-moved/)\n"


def test_import_dry_run_changes_nothing(summit):
    categories = Category.objects.count()
    out, err, failure = run("hugo-post.md", "no-title.md", dry_run=True)
    assert Article.objects.count() == 0
    assert Category.objects.count() == categories
    assert out == (f"{FIXTURES / 'hugo-post.md'}: [dry run] would be created: "
                   "Stream moved to Bilibili (/news/stream-moved/)\n")
    assert err == f"{FIXTURES / 'no-title.md'}: error: no title in the front matter\n"
    assert failure == "1 of 2 files could not be imported."


def test_import_bad_files_one_line_each_and_good_ones_still_imported(summit):
    out, err, failure = run(*BAD, *GOOD)
    assert err.splitlines() == [f"{FIXTURES / name}: error: {reason}"
                                for name, reason in BAD.items()]
    assert len(out.splitlines()) == len(GOOD)
    assert Article.objects.count() == len(GOOD)
    assert failure == f"{len(BAD)} of {len(BAD) + len(GOOD)} files could not be imported."


@pytest.mark.parametrize("name", list(BAD))
def test_import_bad_file_leaves_nothing_behind(summit, name):
    categories = Category.objects.count()
    run(name)
    assert Article.objects.count() == 0
    assert Category.objects.count() == categories


def test_import_missing_file_reported(summit, tmp_path):
    _, err, failure = run("absent.md", folder=tmp_path)
    assert err == f"{tmp_path / 'absent.md'}: error: cannot read: No such file or directory\n"
    assert failure == "1 of 1 files could not be imported."


def test_import_not_utf8_reported(summit, tmp_path):
    (tmp_path / "gbk.md").write_bytes("---\ntitle: 标题\ndate: 2022-08-01\n---\n".encode("gbk"))
    _, err, _ = run("gbk.md", folder=tmp_path)
    assert err.startswith(f"{tmp_path / 'gbk.md'}: error: not UTF-8 text")
    assert Article.objects.count() == 0


def test_import_without_summit_uses_settings_zone(db):
    run("crlf-post.md")
    assert article("crlf-post").publish_at == datetime(2022, 8, 11, 12, 0, tzinfo=UTC)


def write(folder, relative, front, body="Body text."):
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    return path


def test_import_page_bundles_keyed_by_their_folder(summit, tmp_path):
    write(tmp_path, "first-post/index.md", "title: First\ndate: 2022-08-01")
    write(tmp_path, "second-post/index.md", "title: Second\ndate: 2022-08-02")
    run("first-post/index.md", "second-post/index.md", folder=tmp_path)
    run("first-post/index.md", "second-post/index.md", folder=tmp_path)  # updates
    assert sorted(Article.objects.values_list("source_key", "slug", "title")) == [
        ("first-post", "first-post", "First"), ("second-post", "second-post", "Second"),
    ]


def test_import_hugo_section_index_keyed_by_its_folder(summit, tmp_path):
    write(tmp_path, "talks/_index.md", "title: Talks\ndate: 2022-08-01")
    run("talks/_index.md", folder=tmp_path)
    assert list(Article.objects.values_list("source_key", "slug")) == [("talks", "talks")]


@pytest.mark.parametrize("dry_run", [False, True])
def test_import_second_file_with_the_same_key_reported(summit, tmp_path, dry_run):
    write(tmp_path, "news/index.md", "title: Bundle\ndate: 2022-08-01")
    write(tmp_path, "news.md", "title: Plain\ndate: 2022-08-02")
    out, err, failure = run("news/index.md", "news.md", folder=tmp_path, dry_run=dry_run)
    assert err == (f"{tmp_path / 'news.md'}: error: same import key 'news' as "
                   f"{tmp_path / 'news/index.md'}: give one of them a slug: in its front matter\n")
    assert len(out.splitlines()) == 1
    assert failure == "1 of 2 files could not be imported."
    assert list(Article.objects.values_list("title", flat=True)) == ([] if dry_run else ["Bundle"])


def test_import_same_front_matter_slug_in_one_run_reported(summit, tmp_path):
    write(tmp_path, "one.md", "title: One\ndate: 2022-08-01\nslug: same")
    write(tmp_path, "two.md", "title: Two\ndate: 2022-08-02\nslug: same")
    _, err, _ = run("one.md", "two.md", folder=tmp_path)
    assert err.startswith(f"{tmp_path / 'two.md'}: error: same import key 'same' as ")
    assert list(Article.objects.values_list("title", flat=True)) == ["One"]


def test_import_too_long_slug_gets_a_hashed_key_that_fits(summit, tmp_path):
    write(tmp_path, "long.md", f"title: Long\ndate: 2022-08-01\nslug: {'word-' * 80}end")
    run("long.md", folder=tmp_path)
    _, err, failure = run("long.md", folder=tmp_path)  # the same key again: an update
    article = Article.objects.get()
    assert (err, failure) == ("", None)
    assert len(article.source_key) == 200
    assert article.source_key.startswith("word-word-")
    assert article.source_key != ("word-" * 80)[:200]
    assert article.slug == ("word-" * 20)[:100]


def test_import_dry_run_of_chinese_file_name_shows_the_address(summit, tmp_path):
    write(tmp_path, "新闻.md", "title: 新闻\ndate: 2022-08-01")
    out, err, _ = run("新闻.md", folder=tmp_path, dry_run=True)
    assert err == ""
    assert out == f"{tmp_path / '新闻.md'}: [dry run] would be created: 新闻 (/news/post/)\n"


@pytest.mark.parametrize(("front", "status"), [
    ("draft: true", Article.Status.DRAFT),  # Hugo
    ("published: false", Article.Status.DRAFT),  # Jekyll
    ('draft: "true"', Article.Status.DRAFT),
    ("draft: false", Article.Status.PUBLISHED),
    ("published: true", Article.Status.PUBLISHED),
])
def test_import_draft_markers_give_draft_status(summit, tmp_path, front, status):
    write(tmp_path, "post.md", f"title: Post\ndate: 2022-08-01\n{front}")
    run("post.md", folder=tmp_path)
    assert Article.objects.get().status == status


def test_import_toml_draft_is_draft_and_reported_so(summit, tmp_path):
    path = tmp_path / "post.md"
    path.write_text('+++\ntitle = "Post"\ndate = 2022-08-01\ndraft = true\n+++\n\nBody.\n',
                    encoding="utf-8")
    out, _, _ = run("post.md", folder=tmp_path)
    assert Article.objects.get().status == Article.Status.DRAFT
    assert out == f"{path}: created: Post (/news/post/) [draft]\n"


def test_import_reimport_follows_the_files_draft_marker(summit, tmp_path):
    path = write(tmp_path, "post.md", "title: Post\ndate: 2022-08-01\ndraft: true")
    run("post.md", folder=tmp_path)
    path.write_text(path.read_text().replace("draft: true", "draft: false"), encoding="utf-8")
    run("post.md", folder=tmp_path)
    assert list(Article.objects.values_list("status", flat=True)) == [Article.Status.PUBLISHED]


def test_import_category_not_merged_with_another_name_of_the_same_slug(summit, tmp_path):
    review = Category.objects.create(name="MIT 科技评论", slug="mit")
    write(tmp_path, "one.md", "title: One\ndate: 2022-08-01\ncategories: [MIT 新闻]")
    write(tmp_path, "two.md", "title: Two\ndate: 2022-08-02\ncategories: [MIT 新闻, MIT 科技评论]")
    run("one.md", "two.md", folder=tmp_path)
    news = Category.objects.get(name="MIT 新闻")
    assert news.slug.startswith("mit-") and len(news.slug) == len("mit-") + 6
    assert [c.name for c in article("one").categories.all()] == ["MIT 新闻"]
    assert sorted(c.pk for c in article("two").categories.all()) == sorted([news.pk, review.pk])


def test_import_ascii_category_still_finds_its_chinese_name_by_slug(summit, tmp_path):
    write(tmp_path, "one.md", "title: One\ndate: 2022-08-01\ncategories: [News, Announcement]")
    run("one.md", folder=tmp_path)
    assert sorted(c.name for c in article("one").categories.all()) == ["公告", "新闻"]


def test_import_alias_bomb_is_one_line_error_and_imports_nothing(summit, tmp_path):
    bomb = "\n".join(
        ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 9)]
        + ["title: *l8", "date: 2022-08-01"]
    )
    path = write(tmp_path, "laughs.md", bomb)

    out, err, failure = run("laughs.md", folder=tmp_path)

    assert (out, err, failure) == (
        "", f"{path}: error: broken front matter: aliases (*name) are not allowed (line 2)\n",
        "1 of 1 files could not be imported.",
    )
    assert Article.objects.count() == 0


def test_import_title_that_is_a_list_is_refused(summit, tmp_path):
    path = write(tmp_path, "listed.md", "title: [[Nested, list], [title]]\ndate: 2022-08-01")

    _, err, _ = run("listed.md", folder=tmp_path)

    assert err == f"{path}: error: 'title' in the front matter must be text, not a list\n"
    assert Article.objects.count() == 0


def test_import_numeric_title_and_table_cover(summit, tmp_path):
    write(tmp_path, "year.md", "title: 2022\ndate: 2022-08-01\n"
          "cover:\n  image: https://images.example.org/c.jpg\n  alt: Stage")

    run("year.md", folder=tmp_path)

    post = article("year")
    assert (post.title, post.cover_url) == ("2022", "https://images.example.org/c.jpg")


KEPT_OUT = "left out: only http(s) images and this site's /media/ files are kept (upload it " \
           "in the admin)"


@pytest.mark.parametrize("dry_run", [False, True])
def test_import_bundle_images_it_cannot_resolve_are_warned_about(summit, tmp_path, dry_run):
    path = write(tmp_path, "stage-day/index.md", "title: Stage day\ndate: 2022-08-01\n"
                 "cover: cover.jpg", body=(
                     "![Stage](stage.jpg)\n\n![Far](https://images.example.org/far.jpg)\n\n"
                     '![Ours](/media/articles/2022/08/ours.png)\n\n<img src="/images/old.png">'
                 ))

    out, err, failure = run("stage-day/index.md", folder=tmp_path, dry_run=dry_run)

    assert err.splitlines() == [
        f"{path}: warning: image 'stage.jpg' {KEPT_OUT}",
        f"{path}: warning: image '/images/old.png' {KEPT_OUT}",
        f"{path}: warning: cover 'cover.jpg' is not an http(s) address: the article has no "
        "cover from it",
    ]
    assert (len(out.splitlines()), failure) == (1, None)


def test_import_html_post_images_it_drops_are_warned_about(summit, tmp_path):
    path = tmp_path / "wechat.html"
    path.write_text('---\ntitle: WeChat\ndate: 2022-08-01\n---\n<section><p>Hi</p>'
                    '<img src="data:image/png;base64,AAAA"><img src="https://p.example/a.jpg">'
                    "</section>\n", encoding="utf-8")

    _, err, _ = run("wechat.html", folder=tmp_path)

    assert err == f"{path}: warning: image 'data:image/png;base64,AAAA' {KEPT_OUT}\n"
    assert 'src="https://p.example/a.jpg"' in article("wechat").body_html

def test_import_body_longer_than_the_cap_is_refused(summit, tmp_path):
    (tmp_path / "long.md").write_text("---\ntitle: Long\ndate: 2022-08-01\n---\n" + "a" * 100_001)
    _, err, _ = run("long.md", folder=tmp_path)
    assert err == (
        f"{tmp_path / 'long.md'}: error: body: This text is too long: at most 100,000 "
        "characters, it has 100,001.\n"
    )
    assert not Article.objects.exists()


def test_import_strips_control_characters(summit, tmp_path):
    (tmp_path / "nul.md").write_text("---\ntitle: \"Closing\\0 day\"\ndate: 2022-08-01\n---\n"
                                     "Pasted\x0b from Word.")
    _, err, _ = run("nul.md", folder=tmp_path)
    assert err == ""
    article = Article.objects.get()
    assert (article.title, article.body, article.body_html) == (
        "Closing day", "Pasted from Word.", "<p>Pasted from Word.</p>"
    )


def test_import_english_version_fills_english_and_leaves_chinese_alone(summit, tmp_path):
    write(tmp_path, "zh/recap.md", "title: 回顾\ndate: 2022-08-01\ncategories: [回顾]",
          "中文**正文**。")
    write(tmp_path, "en/recap.md", "title: Recap\ndate: 2022-08-09\ncategories: [News]",
          "English *body*.")
    run("zh/recap.md", folder=tmp_path)
    out, err = StringIO(), StringIO()
    call_command("import_posts", str(tmp_path / "en/recap.md"), "--language", "en",
                 stdout=out, stderr=err)
    run("zh/recap.md", folder=tmp_path)  # re-importing the Chinese leaves the English
    recap = article("recap")
    assert (recap.title_zh_hans, recap.title_en) == ("回顾", "Recap")
    assert (recap.body_html_zh_hans, recap.body_html_en) == (
        "<p>中文<strong>正文</strong>。</p>", "<p>English <em>body</em>.</p>")
    # The translation sets only its texts: date and categories stay the Chinese file's.
    assert recap.publish_at.isoformat() == "2022-07-31T16:00:00+00:00"  # 1 August, Shanghai
    assert [c.name for c in recap.categories.all()] == ["回顾"]
    assert out.getvalue() == f"{tmp_path / 'en/recap.md'}: updated: Recap (/en/news/recap/)\n"
    assert Article.objects.count() == 1
