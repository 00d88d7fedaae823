"""The self-assessment's questions and the goals' indicators are data: kept in the admin,
with history. Everything else of the security year is edited in the portal."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Fraga, Indikator


@admin.register(Fraga)
class FragaAdmin(SimpleHistoryAdmin):
    list_display = ["text", "omrade", "ordning", "aktiv"]
    list_filter = ["omrade", "aktiv"]


@admin.register(Indikator)
class IndikatorAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "mal", "berakning", "enhet"]
    list_select_related = ["mal"]
