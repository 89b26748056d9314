"""The portal's 500 handler: 503 with Retry-After while the database or the broker is away, a 404
page for a stored file that is missing, and a plain 500 otherwise.

The 500 and 503 pages are rendered without the request's context processors, so they need no
database. A POST that could not be saved shows the user's typed texts again, read from the
request only, so nothing typed is lost.
"""

import logging
import sys

import redis
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.defaults import page_not_found
from kombu.exceptions import OperationalError as BrokerOperationalError

logger = logging.getLogger("django.request")

# The database or Redis (broker and cache) is away: worth a retry in a moment.
OUTAGE_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, redis.ConnectionError, redis.TimeoutError)
RETRY_AFTER_SECONDS = 30
# Never shown back on the 503 page.
_HIDDEN_FIELDS = ("csrfmiddlewaretoken", "password", "token", "secret")


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS)


def _is_missing_media(error: BaseException | None) -> bool:
    filename = str(getattr(error, "filename", "") or "")
    return isinstance(error, FileNotFoundError) and filename.startswith(str(settings.MEDIA_ROOT))


def typed_texts(request) -> list[tuple[str, str]]:
    """The non-empty texts of a POST (field name, value), never a token or a password."""
    if request is None or request.method != "POST":
        return []
    try:
        items = list(request.POST.lists())
    except Exception:  # noqa: BLE001 - an unreadable body has nothing to show
        return []
    texts = []
    for name, values in items:
        if any(hidden in name.lower() for hidden in _HIDDEN_FIELDS):
            continue
        for value in values:
            if value.strip():
                texts.append((name.replace("_", " ").capitalize(), value))
    return texts


def service_unavailable(request):
    content = loader.get_template("503.html").render(
        {"texts": typed_texts(request), "retry_after": RETRY_AFTER_SECONDS}
    )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500, for errors outside a view too (a middleware reading the session while the database
    is away). It is called while the exception is handled, so sys.exc_info() names it."""
    error = sys.exc_info()[1]
    if is_outage(error):
        return service_unavailable(request)
    if _is_missing_media(error):
        return page_not_found(request, Http404())
    return HttpResponseServerError(loader.get_template("500.html").render({}))


class ErrorPageMiddleware:
    """A view's outage error answers 503 and a missing stored file 404, without a 500 on the way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_outage(exception):
            logger.error("Service Unavailable: %s", request.path, exc_info=exception)
            return service_unavailable(request)
        if _is_missing_media(exception):
            logger.warning("Stored file missing: %s (%s)", request.path, exception.filename)
            return page_not_found(request, Http404())
        return None
