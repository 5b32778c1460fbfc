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
