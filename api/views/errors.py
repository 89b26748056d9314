from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # nothing is written here; a POST to an unknown address is a JSON 404 too
def not_found(request, *args, **kwargs):
    """An unknown address under /api/: JSON, like every other API error."""
    return JsonResponse({"detail": _("Findes ikke.")}, status=404)
