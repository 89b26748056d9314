"""Single sign-on with the regions' identity providers (OIDC, mozilla-django-oidc), configured from the
environment only (docs/sso.md). Roles still come from the portal's own role records."""
