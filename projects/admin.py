from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Project, RegionalProjectLeader, StatusReport, StatusReportVersion


class RegionalLeaderInline(admin.TabularInline):
    model = RegionalProjectLeader
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin, GuardedModelAdmin):
    list_display = ["name", "pejlemaerke", "region", "leader"]
    list_filter = ["region"]
    search_fields = ["name", "pejlemaerke__name"]
    inlines = [RegionalLeaderInline]


# --- Monthly status (R9–R13): read-only here; reports change only through projects.services (R12).


class StatusReportVersionInline(admin.TabularInline):
    model = StatusReportVersion
    extra = 0
    can_delete = False
    fields = ["version", "colour", "reason", "submitted_by", "submitted_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    list_display = ["project", "region", "period", "state", "colour", "version", "submitted_at"]
    list_filter = ["state", "colour", "region", "period"]
    search_fields = ["project__name", "project__pejlemaerke__name"]
    date_hierarchy = "period"
    inlines = [StatusReportVersionInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
