from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Avtal, Loggpost, Mandatperiod, Partner, Perioddokument, Samverkansaktivitet


@admin.register(Mandatperiod)
class MandatperiodAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "valar", "rsa_frist"]


@admin.register(Perioddokument)
class PerioddokumentAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "period", "status", "beslutande_organ", "forfallodatum"]
    list_filter = ["period", "status"]


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "typ"]


@admin.register(Avtal)
class AvtalAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "partner", "giltigt_fran", "giltigt_till"]


@admin.register(Samverkansaktivitet)
class SamverkansaktivitetAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "typ", "datum"]


@admin.register(Loggpost)
class LoggpostAdmin(admin.ModelAdmin):
    """Read only: the staff log is append-only, also here."""

    list_display = ["tidpunkt", "aktivering", "forfattare", "__str__"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
