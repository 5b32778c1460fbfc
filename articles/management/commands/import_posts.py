from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.models import Article
from articles.post_import import import_posts


class Command(BaseCommand):
    help = (
        "Import posts exported from Hexo, Jekyll or Hugo: Markdown or HTML files with YAML "
        "(---) or TOML (+++) front matter. Re-importing a file updates its article."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )
        parser.add_argument(
            "--fetch-images", action="store_true",
            help="Download external images once, check them, store them under media and "
                 "point the article at the stored copy.",
        )
        parser.add_argument(
            "--language", choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language the files are in. A file for an existing article (same slug) "
                 "in English adds its English version. Default: %(default)s.",
        )

    def handle(self, *args, paths, dry_run=False, fetch_images=False, language=None, **options):
        prefix = "[dry run] would be " if dry_run else ""
        failed = 0
        for path, outcome, detail in import_posts(paths, dry_run=dry_run,
                                                  fetch_images=fetch_images, language=language):
            if outcome == "warning":
                self.stderr.write(f"{path}: warning: {detail}")
            elif outcome == "error":
                failed += 1
                self.stderr.write(f"{path}: error: {detail}")
            elif outcome == "warning":
                self.stderr.write(f"{path}: warning: {detail}")
            else:
                url = reverse("articles:detail", kwargs={"slug": detail.slug})
                draft = " [draft]" if detail.status == Article.Status.DRAFT else ""
                self.stdout.write(f"{path}: {prefix}{outcome}: {detail.title} ({url}){draft}")
        if failed:
            raise CommandError(f"{failed} of {len(paths)} files could not be imported.")
