from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = _("People and schools")

    def ready(self):
        # Register the named permissions (django-rules) once, at start-up.
        from people import ids, permissions, signals  # noqa: F401

        # Ids beyond the database's integer range match nothing (fault 7).
        ids.register()

        # Sessions start their idle clock and note a second factor at login.
        from django.contrib.auth.signals import user_logged_in

        from people.middleware import start_session_clock
        from people.two_factor import note_device_at_login

        user_logged_in.connect(start_session_clock, dispatch_uid="session-clock")
        user_logged_in.connect(note_device_at_login, dispatch_uid="two-factor-at-login")
