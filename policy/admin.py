"""The admin for the organisation (bodies, units) and the governing documents: the
systemadministratör's and Säkerhetsavdelningen's tools. Every change is kept in the history.
The user register is the accounts' (konton/admin.py).

Policy versions are shown read-only: a revision goes through the draft and decision pages,
where the policy's rules (who may decide what, atomic adoption) are enforced.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Enhet, Omrade, Organ, PolicyVersion, Styrdokument


@admin.register(Organ)
class OrganAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "kortnamn", "typ"]
    list_filter = ["typ"]
    search_fields = ["namn", "kortnamn"]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Enhet)
class EnhetAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "organ", "typ", "overordnad"]
    list_filter = ["organ", "typ"]
    search_fields = ["namn"]
    list_select_related = ["organ", "overordnad__organ"]
    autocomplete_fields = ["chefer"]

    def get_readonly_fields(self, request, obj=None):
        # A unit's chef sees its normal incidents: like a role, that is not the
        # systemadministratör's to give (konton/roller.py).
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "chefer"]


@admin.register(Omrade)
class OmradeAdmin(SimpleHistoryAdmin):
    list_display = ["nummer", "namn", "slug"]


@admin.register(Styrdokument)
class StyrdokumentAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "typ", "omrade", "agare", "nasta_oversyn"]
    list_filter = ["typ", "omrade", "agare"]
    search_fields = ["titel", "diarienummer"]
    list_select_related = ["omrade", "agare"]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(SimpleHistoryAdmin):
    list_display = ["versionsnummer", "titel", "status", "beslutad_av", "beslutsdatum"]
    list_select_related = ["beslutad_av"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
