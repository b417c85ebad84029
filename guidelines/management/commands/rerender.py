from django.core.management.base import BaseCommand

from guidelines.documents.services import rerender_all


class Command(BaseCommand):
    help = "Re-render every section and rule through the current Markdown and tone pipeline."

    def handle(self, *args, **options):
        count = rerender_all()
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {count} sections and their rules."))
