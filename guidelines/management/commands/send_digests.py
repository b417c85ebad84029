from django.core.management.base import BaseCommand

from guidelines.notifications import services as notifications


class Command(BaseCommand):
    help = "Email each daily-digest reader their unread notifications (run once a day)."

    def handle(self, *args, **options) -> None:
        sent = notifications.send_digests()
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
