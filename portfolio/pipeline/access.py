"""Who may do what in the pipeline (R34): anyone with a role proposes; the proposer and the secretariat
edit until it is submitted; only PMO5 members qualify, only IT5 members rank, only the secretariat
records a seminar's decisions and keeps the strategy goals."""

from django.core.exceptions import PermissionDenied

from portfolio.models import BodyKind, BodyMembership, Kommissorium, RegionContact, Stage
from rsi_portal.permissions import has_portal_role, is_sekretariat


def member_region_ids(user, kind: str) -> set | None:
    """The regions the user sits for in the portfolio body of `kind` (None: not a member)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    cache = getattr(user, "_pipeline_bodies", None)
    if cache is None:
        cache = {}
        for body_kind, region_id in BodyMembership.objects.filter(user=user).values_list("body__kind", "region_id"):
            cache.setdefault(body_kind, set()).add(region_id)
        user._pipeline_bodies = cache
    return cache.get(kind)


def may_propose(user) -> bool:
    return has_portal_role(user)


def may_view(user, kommissorium: Kommissorium) -> bool:
    """A draft is the proposer's and the secretariat's; a submitted idea is read by everyone with a role."""
    if kommissorium.stage == Stage.DRAFT:
        return is_sekretariat(user) or kommissorium.proposer_id == getattr(user, "pk", None)
    return has_portal_role(user)


def may_edit(user, kommissorium: Kommissorium) -> bool:
    return kommissorium.stage == Stage.DRAFT and (
        is_sekretariat(user) or (kommissorium.proposer_id == getattr(user, "pk", None) and has_portal_role(user))
    )


def may_qualify(user) -> bool:
    return member_region_ids(user, BodyKind.PMO5) is not None


def may_rank(user) -> bool:
    return member_region_ids(user, BodyKind.IT5) is not None


def may_decide_seminar(user) -> bool:
    return is_sekretariat(user)


def may_see_pipeline(user) -> bool:
    """The funnel is the secretariat's and IT5's (and PMO5's, who feed it)."""
    return is_sekretariat(user) or may_rank(user) or may_qualify(user)


def contact_region_ids(user) -> set:
    if not (user and user.is_authenticated):
        return set()
    return set(RegionContact.objects.filter(user=user).values_list("region_id", flat=True))


def may_give_notice(user, region=None) -> bool:
    if is_sekretariat(user):
        return True
    regions = contact_region_ids(user)
    return bool(regions) if region is None else region.pk in regions


def check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
