from django.apps import AppConfig


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"

    def ready(self):
        # Register the named permissions (django-rules) once, at start-up.
        from people import ids, permissions, signals  # noqa: F401

        # Ids beyond the database's integer range match nothing (fault 7).
        ids.register()
