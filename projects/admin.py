from django.contrib import admin
from django.db import transaction
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DocumentApproval,
    DocumentType,
    DocumentVersion,
    GateDecision,
    GateRequirement,
    PhaseChange,
    Project,
    RegionalProjectLeader,
    RiskAssessment,
    RiskRecommendation,
    StatusReport,
    StatusReportVersion,
)
from .services.rollup import rollup_refresh


class RegionalLeaderInline(admin.TabularInline):
    model = RegionalProjectLeader
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin, GuardedModelAdmin):
    list_display = ["name", "pejlemaerke", "region", "leader", "phase", "step"]
    list_filter = ["region", "phase"]
    # R5: phase and step change only through projects.services (gate_pass, project_step_set); R27: the flag too
    readonly_fields = ["phase", "step", "risk_flagged_on", "risk_flagged_budget"]
    search_fields = ["name", "pejlemaerke__name"]
    inlines = [RegionalLeaderInline]

    # A project added, moved to another pejlemærke or region, or deleted changes R10's reporting pairs:
    # the kept roll-up of every pejlemærke concerned follows in the same transaction.
    def save_model(self, request, obj, form, change):
        before = Project.objects.filter(pk=obj.pk).values_list("pejlemaerke_id", flat=True).first()
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            for pejlemaerke_id in {before, obj.pejlemaerke_id} - {None}:
                rollup_refresh(pejlemaerke=pejlemaerke_id)

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            rollup_refresh(pejlemaerke=obj.pejlemaerke_id)

    def delete_queryset(self, request, queryset):
        pejlemaerker = set(queryset.values_list("pejlemaerke_id", flat=True))
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for pejlemaerke_id in pejlemaerker:
                rollup_refresh(pejlemaerke=pejlemaerke_id)


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


# --- Phases and gates (R5–R8, R27): document types and gate requirements are editable here and in the portal;
# history, documents, gate decisions and assessments are read-only (they change only through projects.services).


@admin.register(DocumentType)
class DocumentTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "approver", "steering_group_first", "sort_order"]


@admin.register(GateRequirement)
class GateRequirementAdmin(SimpleHistoryAdmin):
    list_display = ["phase", "document_type"]
    list_filter = ["phase"]


class _ReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PhaseChange)
class PhaseChangeAdmin(_ReadOnlyAdmin):
    list_display = ["project", "from_phase", "to_phase", "to_step", "skipped_phases", "changed_on", "changed_by"]
    list_filter = ["to_phase"]


@admin.register(GateDecision)
class GateDecisionAdmin(_ReadOnlyAdmin):
    list_display = ["project", "from_phase", "to_phase", "body", "decided_on"]


class DocumentApprovalInline(admin.TabularInline):
    model = DocumentApproval
    extra = 0
    can_delete = False
    readonly_fields = ["body_kind", "body", "approved_on", "recorded_by"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DocumentVersion)
class DocumentVersionAdmin(_ReadOnlyAdmin):
    list_display = ["document", "number", "original_name", "kind", "size", "uploaded_by", "uploaded_at"]
    inlines = [DocumentApprovalInline]


class RiskRecommendationInline(admin.TabularInline):
    model = RiskRecommendation
    extra = 0
    can_delete = False
    readonly_fields = ["number", "text", "status", "follow_up"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(_ReadOnlyAdmin):
    list_display = ["project", "requested_on", "window_ends_on", "risk_profile", "letter_received_on", "responsum_on"]
    list_filter = ["risk_profile"]
    inlines = [RiskRecommendationInline]
