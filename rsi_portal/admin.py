from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import outbox
from .models import OutboxJob


@admin.register(OutboxJob)
class OutboxJobAdmin(admin.ModelAdmin):
    """The requested background work (rsi_portal.outbox): what waits for the queue, what failed and why."""

    list_display = ("kind", "state", "attempts", "created_at", "updated_at", "key")
    list_filter = ("state", "kind")
    search_fields = ("kind", "key", "last_error")
    readonly_fields = ("kind", "arguments", "key", "state", "attempts", "last_error", "created_at", "updated_at")
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send til køen igen"))
    def send_again(self, request, queryset):
        sent = sum(1 for job in queryset if outbox.send(job))
        self.message_user(request, _("%(n)s sendt til køen.") % {"n": sent}, messages.SUCCESS)
