from django.contrib import admin

from .models import Arsrapport


@admin.register(Arsrapport)
class ArsrapportAdmin(admin.ModelAdmin):
    list_display = ["ar", "status", "skapad_av", "skapad", "klar", "storlek"]
    list_filter = ["status", "ar"]
    readonly_fields = ["fil", "sha256", "storlek", "skapad", "klar", "skapad_av", "med_skyddade"]
