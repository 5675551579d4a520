from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from api import pages as api_pages
from dashboard import views as dashboard_views
from evidence import views as evidence_views

admin.site.site_header = _("Strategy tracker administration")
admin.site.site_title = _("Strategy tracker")

urlpatterns = [
    path("", evidence_views.home, name="home"),
    path("evidence/", include("evidence.urls")),
    path("imports/", include("imports.urls")),
    path("accounts/", include("accounts.urls")),
    # Personal access tokens for the read API, on the account pages.
    path(
        "accounts/tokens/",
        include(
            (
                [
                    path("", api_pages.tokens, name="list"),
                    path("<int:pk>/revoke/", api_pages.revoke, name="revoke"),
                ],
                "tokens",
            )
        ),
    ),
    # A country's page reads the roll-up, so it is served by the progress pages.
    path(
        "countries/",
        include(([path("<str:code>/", dashboard_views.country_page, name="detail")], "countries")),
    ),
    path("dashboard/", include("dashboard.urls")),
    # What the choices on the forms mean: served by the progress pages, which know them all.
    path("guidance/", dashboard_views.guidance_page, name="guidance"),
    path("resilience/", include("resilience.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/", include("api.urls")),
    # The language form is on the sign-in page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
