"""The admin of the accounts: the user register (its model is policy.User), the grants log
and the authenticators."""

import dataclasses

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from policy.models import Roll, User

from .models import Behorighetslogg
from .roller import far_andra_anvandare, roller_som_far_tilldelas
from .services import anvandare_roller_set, losenord_set_by_admin, totp_device_reset


class _UtanLosenord(HistoricalRecordContextHelper):
    """A user's history without the password hash: nobody needs to read it."""

    def context_for_delta_changes(self, delta):
        delta = dataclasses.replace(
            delta,
            changes=[c for c in delta.changes if c.field != "password"],
            changed_fields=[f for f in delta.changed_fields if f != "password"],
        )
        return super().context_for_delta_changes(delta)


@admin.register(User)
class PolicyUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """The user register. Roles go through `konton.services.anvandare_roller_set` (who may
    assign which role, logged and told to the säkerhetschef); superuser status and single
    permissions only a superuser sets; nobody but a superuser changes themself here; a
    password set here must be changed at the user's next login."""

    list_display = ["username", "first_name", "last_name", "enhet", "is_active"]
    list_filter = ["groups", "is_active", "enhet__organ"]
    list_select_related = ["enhet__organ"]
    readonly_fields = ["roller"]
    fieldsets = (
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "roller",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
        (_("Organisation"), {"fields": ["enhet", "organisation"]}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        (_("Organisation"), {"fields": ["enhet", "organisation", "groups"]}),
    )
    # Set by a superuser only (konton/roller.py): each opens more than the role register.
    ENDAST_SUPERANVANDARE = {"is_superuser", "is_staff", "user_permissions"}

    @admin.display(description=_("Roller"))
    def roller(self, obj):
        return ", ".join(
            str(Roll(n).label) for n in sorted(obj.groups.values_list("name", flat=True))
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (
                namn,
                {
                    **opts,
                    "fields": [f for f in opts["fields"] if f not in self.ENDAST_SUPERANVANDARE],
                },
            )
            for namn, opts in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(
                name__in=roller_som_far_tilldelas(request.user)
            ).order_by("name")
            kwargs["required"] = False
            kwargs["help_text"] = _(
                "De roller du får ge. Övriga roller ger säkerhetschefen "
                "(se Vem får se och göra vad)."
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not far_andra_anvandare(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not far_andra_anvandare(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # The administrator chose the first password: the user chooses their own.
            losenord_set_by_admin(satt_av=request.user, user=obj)

    def save_related(self, request, form, formsets, change):
        valda = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if valda is None:
            return
        user = form.instance
        tillatna = roller_som_far_tilldelas(request.user)
        behalls = set(user.groups.values_list("name", flat=True)) - tillatna
        anvandare_roller_set(
            andrad_av=request.user,
            user=user,
            roller=behalls | {g.name for g in valda if g.name in tillatna},
        )

    def get_historical_record_context_helper(self, request, historical_record):
        return _UtanLosenord(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting a user to an earlier version would bring back an earlier password
        # (one an administrator set and the user changed) and earlier staff status.
        if request.method == "POST" and not request.user.is_superuser:
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            losenord_set_by_admin(satt_av=request.user, user=user)
        return response


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
