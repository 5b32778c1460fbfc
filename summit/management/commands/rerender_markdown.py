from django.core.management.base import BaseCommand

from summit.markdown import rerender_stored_html


class Command(BaseCommand):
    help = "Render all stored Markdown again through the current sanitiser (run after changing it)."

    def handle(self, *args, **options):
        for label, count in rerender_stored_html().items():
            self.stdout.write(f"{label}: {count} rows re-rendered")
