from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AuditEntry,
    Body,
    BodyMembership,
    Participation,
    Pejlemaerke,
    PejlemaerkeTransition,
    Region,
    RegionContact,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order"]


class MembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(GuardedModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [MembershipInline]


class ParticipationInline(admin.TabularInline):
    """Shown, not edited: participation changes go through participation_set (R3's explanation, the
    audit entry and the monthly roll-up), on the pejlemærke's page in the portal."""

    model = Participation
    extra = 0
    fields = readonly_fields = ["region", "status", "explanation"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Pejlemaerke)
class PejlemaerkeAdmin(SimpleHistoryAdmin, GuardedModelAdmin):
    list_display = ["name", "type", "state", "leading_region", "project_leader"]
    list_filter = ["type", "state", "closure", "leading_region"]
    search_fields = ["name", "short_name"]
    # lifecycle moves, completions and stops only through the services (R2)
    readonly_fields = ["state", "closure", "closed_on", "stop_decision_reference", "stop_decision_id"]
    inlines = [ParticipationInline]


@admin.register(RegionContact)
class RegionContactAdmin(admin.ModelAdmin):
    list_display = ["user", "region"]


@admin.register(PejlemaerkeTransition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ["pejlemaerke", "from_state", "to_state", "decided_by", "decided_at"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
