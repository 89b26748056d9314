"""Cross-cutting views: the health check (answered by rsi_portal.health before the session middleware;
the URL stays for reverse("health")), and the error handlers."""

from django.contrib.auth.decorators import login_not_required

from .errors import server_error
from .health import health_response

__all__ = ["health", "server_error"]


@login_not_required
def health(request):
    """Database, migrations, broker and the last beat tick as JSON (503 when one fails)."""
    return health_response(request)
