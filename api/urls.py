from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import profile, views

app_name = "api"

router = SimpleRouter()
router.register("pejlemaerker", views.PejlemaerkeViewSet, basename="pejlemaerke")
router.register("status-reports", views.StatusReportViewSet, basename="statusreport")
router.register("business-cases", views.BusinessCaseViewSet, basename="businesscase")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("monthly-reports", views.MonthlyReportViewSet, basename="monthlyreport")


def _machine(view):
    """The API answers for itself (token or session, a JSON 401/403): no login-page redirect for machines."""
    view.login_required = False
    return view


for pattern in router.urls:
    _machine(pattern.callback)

urlpatterns = [
    path("schema/", _machine(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", _machine(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("v1/rollup/", _machine(views.RollupView.as_view()), name="rollup"),
    path("v1/", include(router.urls)),
    path("tokens/", profile.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", profile.token_revoke, name="token_revoke"),
    # Anything else under /api/ is a JSON 404, never the HTML page.
    re_path(r"^.*$", _machine(views.not_found), name="not_found"),
]
