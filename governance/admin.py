from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    AgendaPack,
    Attachment,
    Decision,
    JointSystem,
    Matter,
    Meeting,
    OperatingBudget,
    UserGroup,
)


class OperatingBudgetInline(admin.TabularInline):
    model = OperatingBudget
    extra = 0


class UserGroupInline(admin.TabularInline):
    model = UserGroup
    extra = 0


@admin.register(JointSystem)
class JointSystemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "responsible_region", "fsa"]
    readonly_fields = ["responsible_region"]  # RSI DK decides it on SYS's recommendation (R33)
    inlines = [UserGroupInline, OperatingBudgetInline]


@admin.register(Matter)
class MatterAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "amount", "route_body", "status", "created_at"]
    list_filter = ["route_body", "kind", "status"]
    readonly_fields = ["route_body", "route_reason", "within_operating_budget", "recommended_region"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["body", "outcome", "decided_on", "content_type", "object_id"]
    list_filter = ["body", "outcome"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["number", "title", "access", "standing", "presenter"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["day", "body", "format", "location", "is_suggestion"]
    list_filter = ["body", "format", "is_suggestion"]
    inlines = [AgendaItemInline]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["item", "number", "title", "content_type", "size"]


@admin.register(AgendaPack)
class AgendaPackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "audience", "status", "progress", "pages", "created_at"]
    readonly_fields = ["content_hash"]
