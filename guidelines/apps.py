from django.apps import AppConfig


class GuidelinesConfig(AppConfig):
    name = "guidelines"
    verbose_name = "Guidelines"

    def ready(self) -> None:
        from guidelines.documents import versioning

        versioning.register()
