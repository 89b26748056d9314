"""Idempotency-Key: a retried write gets the first answer back and never writes twice."""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=_("En unik nøgle pr. skrivning (fx en UUID). Et gentaget kald med samme nøgle skriver ikke igen."),
)


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(request, write) -> Response:
    """Run `write()` (returning a Response) once per (user, Idempotency-Key); replay its answer after that."""
    key = (request.headers.get(HEADER) or "").strip()
    if not key or len(key) > 100 or not key.isprintable():
        return Response(
            {"detail": _("Angiv en Idempotency-Key-header (højst 100 tegn) ved skrivninger."), "errors": {}},
            status=400,
        )
    fingerprint = _fingerprint(request)
    stored = IdempotentRequest.objects.filter(user=request.user, key=key).first()
    if stored is None:
        try:
            with transaction.atomic():
                response = write()
                if 200 <= response.status_code < 300:
                    IdempotentRequest.objects.create(
                        user=request.user,
                        key=key,
                        method=request.method,
                        path=request.path[:300],
                        fingerprint=fingerprint,
                        status_code=response.status_code,
                        body=response.data,
                    )
                return response
        except IntegrityError:  # a concurrent request with the same key won; its write stands alone
            stored = IdempotentRequest.objects.filter(user=request.user, key=key).first()
            if stored is None:
                raise
    if stored.fingerprint != fingerprint:
        return Response(
            {"detail": _("Idempotency-Key er allerede brugt til en anden forespørgsel."), "errors": {}}, status=422
        )
    response = Response(stored.body, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response
