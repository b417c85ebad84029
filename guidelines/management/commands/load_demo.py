from django.core.management.base import BaseCommand

from guidelines.demo.loader import ensure_users, load_document


class Command(BaseCommand):
    help = "Create the demo accounts and the sample Social Computing document (idempotent)."

    def handle(self, *args, **options):
        users = ensure_users()
        document = load_document()
        if document:
            self.stdout.write(self.style.SUCCESS(f"Created the demo document “{document}”."))
        else:
            self.stdout.write("The demo document already exists; left as it is.")
        self.stdout.write("\nDemo accounts (username / password / role):")
        for username, password, roles in users:
            self.stdout.write(f"  {username:<10} {password:<18} {', '.join(roles)}")
