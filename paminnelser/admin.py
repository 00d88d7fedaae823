from django.contrib import admin

from .models import Arshjulspunkt, Installning, Notis, Sammanstallning


@admin.register(Notis)
class NotisAdmin(admin.ModelAdmin):
    list_display = ["rubrik", "mottagare", "typ", "skapad", "last", "skickad"]
    list_filter = ["typ"]
    search_fields = ["rubrik", "nyckel", "mottagare__username"]
    raw_id_fields = ["mottagare", "sammanstallning"]
    readonly_fields = ["hamtad", "skickad", "forsok", "fel"]


@admin.register(Sammanstallning)
class SammanstallningAdmin(admin.ModelAdmin):
    list_display = ["mottagare", "datum", "skickad", "forsok"]
    raw_id_fields = ["mottagare"]


@admin.register(Installning)
class InstallningAdmin(admin.ModelAdmin):
    list_display = ["anvandare", "leverans"]
    raw_id_fields = ["anvandare"]


@admin.register(Arshjulspunkt)
class ArshjulspunktAdmin(admin.ModelAdmin):
    list_display = [
        "namn",
        "manad",
        "dag",
        "framforhallning",
        "roll",
        "organ",
        "ar_i_mandatperioden",
        "aktiv",
    ]
    list_filter = ["aktiv", "roll"]
    search_fields = ["namn"]
