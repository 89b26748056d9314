"""Back to the page the user acted from (a decision taken on the home page returns there)."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_next(request, *default, **default_kwargs):
    """Redirect to the POSTed `next` when it is a page of this portal, else to `redirect(*default)`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(*default, **default_kwargs)
