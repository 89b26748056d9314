"""What the portfolio's role records grant: body membership, chairing a steering group, region contact, leading."""

from rsi_portal.permissions import object_grant_providers, register_portal_user_permissions

from .models import BodyKind, BodyMembership, MemberRole, Pejlemaerke, RegionContact

PORTAL_USER_PERMISSIONS = (
    "portfolio.view_region",
    "portfolio.view_body",
    "portfolio.view_bodymembership",
    "portfolio.view_pejlemaerke",
    "portfolio.view_participation",
    "portfolio.view_monthlyreport",
    "portfolio.view_kommissorium",
    "portfolio.view_strategygoal",
)


def portfolio_grants(user):
    for membership in BodyMembership.objects.filter(user=user).select_related("body__pejlemaerke"):
        yield "portfolio.member_of_body", membership.body
        if membership.body.kind == BodyKind.STYREGRUPPE and membership.role == MemberRole.CHAIR:
            pejlemaerke = getattr(membership.body, "pejlemaerke", None)
            if pejlemaerke is not None:
                yield "portfolio.chair_pejlemaerke", pejlemaerke
    for contact in RegionContact.objects.filter(user=user).select_related("region"):
        yield "portfolio.contact_region", contact.region
    for pejlemaerke in Pejlemaerke.objects.filter(project_leader=user):
        yield "portfolio.lead_pejlemaerke", pejlemaerke


def register() -> None:
    register_portal_user_permissions(*PORTAL_USER_PERMISSIONS)
    object_grant_providers.register(portfolio_grants)
