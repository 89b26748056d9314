from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Project, RegionalProjectLeader


class RegionalLeaderInline(admin.TabularInline):
    model = RegionalProjectLeader
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin, GuardedModelAdmin):
    list_display = ["name", "pejlemaerke", "region", "leader"]
    list_filter = ["region"]
    search_fields = ["name", "pejlemaerke__name"]
    inlines = [RegionalLeaderInline]
