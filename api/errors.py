"""Every API error is JSON with a Danish `detail` (and field errors), never HTML."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

DANISH = {
    exceptions.NotAuthenticated: gettext_lazy("Du skal logge ind eller angive en API-nøgle."),
    exceptions.MethodNotAllowed: gettext_lazy("Metoden er ikke tilladt her."),
    exceptions.NotAcceptable: gettext_lazy("Svaret kan kun gives som JSON."),
    exceptions.UnsupportedMediaType: gettext_lazy("Send JSON (Content-Type: application/json)."),
    exceptions.ParseError: gettext_lazy("Forespørgslen kunne ikke læses som JSON."),
    exceptions.NotFound: gettext_lazy("Findes ikke."),
    exceptions.Throttled: gettext_lazy("For mange forespørgsler. Prøv igen senere."),
}


def validation_response(error: ValidationError) -> Response:
    """A service's ValidationError as the API's 400 body."""
    if hasattr(error, "error_dict"):
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        general = fields.pop("__all__", [])
        return Response(
            {"detail": general[0] if general else _("Rettelserne nedenfor mangler."), "errors": fields},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return Response({"detail": " ".join(str(m) for m in error.messages), "errors": {}}, status=400)


def handler(exc, context):
    if isinstance(exc, ValidationError):
        return validation_response(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("Du har ikke adgang til dette."))
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"detail": _("Rettelserne nedenfor mangler."), "errors": errors}
        return response
    detail = next((text for kind, text in DANISH.items() if isinstance(exc, kind)), None)
    if isinstance(exc, exceptions.Throttled) and exc.wait:
        detail = _("For mange forespørgsler. Prøv igen om %(seconds)d sekunder.") % {"seconds": int(exc.wait) + 1}
    if detail is None:
        detail = str(getattr(exc, "detail", "")) or _("Fejl.")
    response.data = {"detail": str(detail)}
    return response
