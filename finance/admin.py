"""Django admin for the secretariat: read and correct finance data (writes normally go through services)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgreedSplit, BlockGrantKey, BusinessCase, BusinessCaseVersion, ChangeRequest, ExpenseLine


class ExpenseLineInline(admin.TabularInline):
    model = ExpenseLine
    extra = 0
    readonly_fields = ["amount"]


@admin.register(BusinessCase)
class BusinessCaseAdmin(admin.ModelAdmin):
    list_display = ["project", "created_at"]
    search_fields = ["project__name", "project__pejlemaerke__short_name"]


@admin.register(BusinessCaseVersion)
class BusinessCaseVersionAdmin(SimpleHistoryAdmin):
    list_display = ["business_case", "number", "status", "expense_total", "buffer", "decided_at"]
    list_filter = ["status"]
    inlines = [ExpenseLineInline]
    readonly_fields = ["expense_total", "created_by", "decided_by", "decided_at"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(SimpleHistoryAdmin):
    list_display = ["title", "business_case", "amount", "year", "status", "decided_at"]
    list_filter = ["status", "year"]


@admin.register(BlockGrantKey)
class BlockGrantKeyAdmin(SimpleHistoryAdmin):
    list_display = ["year", "share_rh", "share_rsj", "share_rsd", "share_rm", "share_rn", "updated_at"]


@admin.register(AgreedSplit)
class AgreedSplitAdmin(SimpleHistoryAdmin):
    list_display = ["business_case", "share_rh", "share_rsj", "share_rsd", "share_rm", "share_rn", "updated_at"]
