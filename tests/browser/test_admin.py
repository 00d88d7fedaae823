"""
Django's admin, as the systemadministratör (a superuser) uses it: the pages pass axe's
WCAG 2.1 A and AA rules like the rest of the portal.
Django's own admin fails some of them (breadcrumb links told apart by colour alone, an
aria-label on a span, Select2's unlabelled search field, the split date and time inputs
without labels, the QR code without a text alternative); templates/admin and
static/css/admin.css, static/js/admin.js mend them.
"""

from django_otp.plugins.otp_totp.models import TOTPDevice

from policy.models import Enhet, Organ
from risker.models import Risk, Riskanalys

from .kontroller import axe
from .test_sidor import demodata  # noqa: F401 - the fixture


def test_it_keeps_the_admin_accessible(require_chromium, webblasare, demodata, sysadmin):  # noqa: F811
    sysadmin.is_superuser = True
    sysadmin.save(update_fields=["is_superuser"])
    enhet = Enhet.objects.filter(chefer__isnull=False).first() or Enhet.objects.first()
    risk = Risk.objects.first()
    page = webblasare.sida(sysadmin)
    enhet_totp = TOTPDevice.objects.filter(user=sysadmin).first() or TOTPDevice.objects.create(
        user=sysadmin, name="Mobilen", confirmed=True
    )
    sidor = [
        "/admin/",
        "/admin/risker/risk/",
        f"/admin/risker/risk/{risk.pk}/change/",
        f"/admin/risker/risk/{risk.pk}/history/",
        f"/admin/risker/riskanalys/{Riskanalys.objects.first().pk}/change/",
        "/admin/policy/user/",
        f"/admin/policy/user/{sysadmin.pk}/change/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        f"/admin/policy/organ/{Organ.objects.first().pk}/change/",
        f"/admin/policy/enhet/{enhet.pk}/change/",
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{enhet_totp.pk}/change/",
        f"/admin/otp_totp/totpdevice/{enhet_totp.pk}/config/",
    ]
    fel = []
    for url in sidor:
        svar = page.goto(url)
        assert svar.status == 200, f"{url} svarade {svar.status}"
        page.wait_for_load_state("load")
        try:
            axe(page)
        except AssertionError as e:
            fel.append(str(e))
    assert not fel, "\n\n".join(fel)

    # Select2 (autocomplete_fields), opened: its search field is named after its field.
    page.goto(f"/admin/policy/enhet/{enhet.pk}/change/")
    page.locator(".field-chefer .select2-selection").click()
    page.locator(".select2-results").wait_for()
    sok = page.locator(".field-chefer .select2-search__field")
    assert sok.get_attribute("aria-label") == "Chefer"
    axe(page)
