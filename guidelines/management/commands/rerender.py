from django.core.management.base import BaseCommand

from guidelines.documents.services import rerender_all


class Command(BaseCommand):
    help = (
        "Re-render every section, and every rule's automatic phrasings and contract findings, "
        "through the current Markdown pipeline and tone engine (run it after upgrading either)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Rows written at a time.")

    def handle(self, *args, **options):
        count = rerender_all(batch_size=max(1, options["batch_size"]))
        self.stdout.write(
            self.style.SUCCESS(f"Re-rendered {count} sections and their rules' phrasings.")
        )
