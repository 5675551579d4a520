"""The read API, version 1 (`/api/v1/`), its OpenAPI description and documentation page.
Anything else under /api/ is a JSON 404."""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from . import errors, views

app_name = "api"


class Router(DefaultRouter):
    """The API root (`/api/v1/`) lists the endpoints; it is signed in like them."""

    include_format_suffixes = False

    def get_api_root_view(self, api_urls=None):
        return login_not_required(super().get_api_root_view(api_urls))


router = Router()
router.register("strategies", views.StrategyViewSet, basename="strategy")
router.register("countries", views.CountryViewSet, basename="country")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("places", views.PlaceViewSet, basename="place")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("resources", views.ResourceViewSet, basename="resource")

# The description of the API is no secret: clients and code generators fetch it unsigned.
schema_view = login_not_required(
    SpectacularAPIView.as_view(
        permission_classes=[AllowAny], authentication_classes=[], throttle_classes=[]
    )
)

urlpatterns = [
    path("v1/schema/", schema_view, name="schema"),
    # The interactive documentation (Swagger UI, served from this site: no CDN), for
    # signed-in readers, whose session lets them try the endpoints from the page.
    path(
        "v1/docs/",
        login_required(
            # Swagger UI draws its icons from data: URLs; nothing else of the policy changes.
            csp_update({"img-src": ["'self'", "data:"]})(
                SpectacularSwaggerSplitView.as_view(
                    url_name="api:schema", template_name="api/swagger_ui.html"
                )
            )
        ),
        name="docs",
    ),
    path("v1/", include(router.urls)),
    re_path(r"^.*$", login_not_required(errors.not_found), name="not_found"),
]
