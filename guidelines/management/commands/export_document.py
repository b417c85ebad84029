"""manage.py export_document SLUG --format html|pdf --tone policy|guideline [--release X.Y]
--output PATH

Without --release it exports the latest release (the draft when nothing is published yet);
--release draft exports the draft, stamped DRAFT.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from guidelines.models import Document
from guidelines.releases import services as releases
from guidelines.releases.export import ExportError
from textkit.modality import TONES


class Command(BaseCommand):
    help = "Write a document's release (or draft) as HTML or PDF."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--format", required=True, choices=releases.FORMATS)
        parser.add_argument("--tone", required=True, choices=TONES)
        parser.add_argument(
            "--release", default="", help="X.Y, or 'draft'; default: the latest release"
        )
        parser.add_argument("--output", required=True, help="file to write; '-' for stdout")

    def handle(
        self, *args, slug: str, format: str, tone: str, release: str, output: str, **options
    ) -> None:
        document = Document.objects.select_related("latest_release").filter(slug=slug).first()
        if document is None:
            raise CommandError(f"No document with the address {slug!r}.")
        try:
            if release == "draft" or (not release and not document.latest_release_id):
                if release != "draft":
                    self.stderr.write("Nothing is published yet; exporting the draft.")
                content = releases.draft_export(document, format, tone)
            else:
                chosen = self._release(document, release) if release else document.latest_release
                stored = releases.release_export(chosen, format, tone)
                with stored.file.open("rb") as handle:
                    content = handle.read()
        except ExportError as error:
            raise CommandError(str(error)) from error
        if output == "-":
            sys.stdout.buffer.write(content)
            return
        Path(output).write_bytes(content)
        self.stderr.write(f"Wrote {len(content):,} bytes to {output}.")

    def _release(self, document: Document, version: str):
        if releases.parse_version(version) is None:
            raise CommandError(f"{version!r} is not a version such as 1.0.")
        try:
            return releases.release_or_404(document, version)
        except Http404:
            raise CommandError(f"{document.slug} has no release {version}.") from None
