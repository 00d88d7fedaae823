from django.contrib import admin

from .models import Behorighetslogg


@admin.register(Behorighetslogg)
class BehorighetsloggAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the grant and revoke services only."""

    list_display = ["tidpunkt", "handling", "utford_av", "anvandare", "behorighet", "objekt"]
    list_filter = ["handling", "content_type"]
    search_fields = ["objekt", "anvandare__username", "utford_av__username", "behorighet"]
    list_select_related = ["utford_av", "anvandare"]
    date_hierarchy = "tidpunkt"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
