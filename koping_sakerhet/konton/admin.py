from django.contrib import admin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Behorighetslogg
from .roller import far_andra_anvandare
from .services import totp_device_reset


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


class TOTPDeviceResetAdmin(TOTPDeviceAdmin):
    """An administrator sees who has an authenticator, never its secret (no key, no QR
    code: OTP_ADMIN_HIDE_SENSITIVE_DATA, and the config and QR code pages are gone), adds
    or changes none, and removes one only as a reset: the user sets up a new one (with an
    enrolment code when the role requires two-factor), logged and told to the user and the
    säkerhetschef (konton.services.totp_device_reset)."""

    actions = []

    def get_urls(self):
        return admin.ModelAdmin.get_urls(self)

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": ["user", "name", "confirmed", "created_at", "last_used_at"]})]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "name", "confirmed", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not far_andra_anvandare(request.user, obj.user):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        totp_device_reset(utford_av=request.user, device=obj)


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceResetAdmin)
