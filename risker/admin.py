from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Atgard, Granskningskommentar, Risk, Riskanalys, Skala, SkalaSteg


class SkalaStegInline(admin.TabularInline):
    model = SkalaSteg
    extra = 0


@admin.register(Skala)
class SkalaAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "version", "aktiv"]
    inlines = [SkalaStegInline]


@admin.register(Riskanalys)
class RiskanalysAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "organ", "typ", "status", "period_till"]
    list_filter = ["status", "typ", "organ"]
    search_fields = ["titel", "diarienummer"]
    raw_id_fields = ["revision_av"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "riskanalys", "niva", "poang", "kons_liv_halsa"]
    list_filter = ["niva", "omrade", "organ"]
    search_fields = ["titel"]
    readonly_fields = ["niva", "poang", "konsekvens"]
    raw_id_fields = ["riskanalys", "ursprung", "incidenter"]

    def save_model(self, request, obj, form, change):
        # The level is derived; an edit here must not leave it stale.
        obj.berakna()
        super().save_model(request, obj, form, change)


@admin.register(Atgard)
class AtgardAdmin(SimpleHistoryAdmin):
    list_display = ["beskrivning", "ansvarig", "organ", "forfallodatum", "status"]
    list_filter = ["status", "organ"]
    raw_id_fields = ["risk", "incident", "ansvarig"]


@admin.register(Granskningskommentar)
class GranskningskommentarAdmin(SimpleHistoryAdmin):
    list_display = ["riskanalys", "risk", "forfattare", "skapad"]
    raw_id_fields = ["riskanalys", "risk"]
