from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from discipline.views import home
from people import two_factor
from people.ids import IdConverter


class FaviconRedirect(RedirectView):
    """Browsers ask for /favicon.ico whatever the page says. The static URL is
    looked up per request: in production it is a hashed name from the manifest,
    which exists only after collectstatic, not when the URLs are imported."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


# Record ids in URLs: bounded integers, so a 30-digit id is a 404, not a 500.
register_converter(IdConverter, "id")

urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", FaviconRedirect.as_view()),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", two_factor.setup, name="two-factor-setup"),
    path("accounts/two-factor/verify/", two_factor.verify, name="two-factor-verify"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("discipline.urls")),
    path("", include("interventions.urls")),
    path("", include("reporting.urls")),
    path("", include("notifications.urls")),
    path("", include("imports.urls")),
    path("", include("exports.urls")),
]
