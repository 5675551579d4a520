from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from evidence import views as evidence_views

admin.site.site_header = _("Strategy tracker administration")
admin.site.site_title = _("Strategy tracker")

urlpatterns = [
    path("", evidence_views.home, name="home"),
    path("evidence/", include("evidence.urls")),
    path("accounts/", include("accounts.urls")),
    path("countries/", include("countries.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
