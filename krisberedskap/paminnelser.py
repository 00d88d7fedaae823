"""
Reminders of krisberedskapen, registered with the reminder sweep in apps.py. Each goes
through `notis_create` with a key of the thing, the kind and the due date: created once
however often the sweep runs, and anew when the date changes.

- a period document not yet adopted: to its responsible person (else Säkerhetsavdelningen)
  60 and 14 days before its due date, and on the day;
- the RSA's deadline at Länsstyrelsen, until it is recorded as sent: to Säkerhetsavdelningen
  90, 30 and 7 days before;
- a samverkan agreement: to Säkerhetsavdelningen 90 and 30 days before it expires;
- a body's contribution to the RSA still with the body: to its nämndföreträdare (else
  Säkerhetsavdelningen) 7 days before its last day, unless it was asked for later than
  that (the notice of the request said it), and once when it is late.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paminnelser.reminders import _kontakter
from paminnelser.services import notis_create
from policy.models import Roll

from .models import Avtal, Perioddokument, Rsa, RsaBidrag

DOKUMENT_DAGAR = (60, 14, 0)
RSA_DAGAR = (90, 30, 7)
AVTAL_DAGAR = (90, 30)
BIDRAG_DAGAR = 7


def _d(dag: date) -> str:
    return date_format(dag, "DATE_FORMAT")


def _sakerhetsavdelningen():
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=Roll.SAKERHETSAVDELNING)
        .distinct()
        .order_by("pk")
    )


def _steg(forfallodatum: date, idag: date, dagar) -> int | None:
    """The smallest step of `dagar` reached today (days left ≤ step), or None."""
    kvar = (forfallodatum - idag).days
    if kvar < 0:
        return None
    naadda = [d for d in dagar if kvar <= d]
    return min(naadda) if naadda else None


def create_dokument(nu) -> int:
    idag = timezone.localdate(nu)
    antal = 0
    dokument = (
        Perioddokument.objects.exclude(status=Perioddokument.Status.FASTSTALLD)
        .filter(
            forfallodatum__gte=idag, forfallodatum__lte=idag + timedelta(days=max(DOKUMENT_DAGAR))
        )
        .select_related("ansvarig", "period")
    )
    sak = None
    for dok in dokument:
        steg = _steg(dok.forfallodatum, idag, DOKUMENT_DAGAR)
        if steg is None:
            continue
        if dok.ansvarig_id and dok.ansvarig.is_active:
            mottagare = [dok.ansvarig]
        else:
            sak = sak if sak is not None else _sakerhetsavdelningen()
            mottagare = sak
        for user in mottagare:
            if notis_create(
                mottagare=user,
                typ="krisberedskap_dokument",
                nyckel=f"krisberedskap:dokument:{dok.pk}:{dok.forfallodatum.isoformat()}:{steg}",
                rubrik=_("%(titel)s ska vara fastställt senast %(datum)s")
                % {"titel": dok.titel, "datum": _d(dok.forfallodatum)},
                lank=reverse("krisberedskap:period", args=[dok.period_id]),
            ):
                antal += 1
    return antal


def create_rsa_frist(nu) -> int:
    idag = timezone.localdate(nu)
    antal = 0
    for rsa in Rsa.objects.filter(skickad__isnull=True).select_related("period"):
        frist = rsa.period.rsa_frist
        steg = _steg(frist, idag, RSA_DAGAR)
        if steg is None:
            continue
        for user in _sakerhetsavdelningen():
            if notis_create(
                mottagare=user,
                typ="krisberedskap_rsa",
                nyckel=f"krisberedskap:rsa:{rsa.pk}:{frist.isoformat()}:{steg}",
                rubrik=_("RSA ska vara rapporterad till Länsstyrelsen senast %(datum)s")
                % {"datum": _d(frist)},
                lank=rsa.get_absolute_url(),
            ):
                antal += 1
    return antal


def create_avtal(nu) -> int:
    idag = timezone.localdate(nu)
    antal = 0
    avtal = Avtal.objects.filter(
        giltigt_till__gte=idag, giltigt_till__lte=idag + timedelta(days=max(AVTAL_DAGAR))
    ).select_related("partner")
    for a in avtal:
        steg = _steg(a.giltigt_till, idag, AVTAL_DAGAR)
        if steg is None:
            continue
        for user in _sakerhetsavdelningen():
            if notis_create(
                mottagare=user,
                typ="krisberedskap_avtal",
                nyckel=f"krisberedskap:avtal:{a.pk}:{a.giltigt_till.isoformat()}:{steg}",
                rubrik=_("Avtalet %(titel)s med %(part)s löper ut %(datum)s")
                % {"titel": a.titel, "part": a.partner, "datum": _d(a.giltigt_till)},
                lank=reverse("krisberedskap:index"),
            ):
                antal += 1
    return antal


def _bidrag_steg(bidrag: RsaBidrag, idag: date) -> str | None:
    kvar = (bidrag.sista_dag - idag).days
    if kvar < 0:
        return "forsenat"
    begart = timezone.localdate(bidrag.begart)
    if kvar <= BIDRAG_DAGAR and (bidrag.sista_dag - begart).days > BIDRAG_DAGAR:
        return f"fore-{BIDRAG_DAGAR}"
    return None


def create_bidrag(nu) -> int:
    idag = timezone.localdate(nu)
    antal = 0
    bidrag = RsaBidrag.objects.filter(
        status__in=RsaBidrag.REDIGERBAR,
        rsa__status=Rsa.Status.UTKAST,
        sista_dag__lte=idag + timedelta(days=BIDRAG_DAGAR),
    ).select_related("organ")
    kontakter: dict[int, list] = {}
    for b in bidrag:
        steg = _bidrag_steg(b, idag)
        if steg is None:
            continue
        if b.organ_id not in kontakter:
            kontakter[b.organ_id] = _kontakter(b.organ_id)
        if steg == "forsenat":
            rubrik = _("Bidraget från %(organ)s till RSA är försenat: sista dag var %(datum)s")
        else:
            rubrik = _("Bidraget från %(organ)s till RSA ska lämnas in senast %(datum)s")
        for user in kontakter[b.organ_id]:
            if notis_create(
                mottagare=user,
                typ="krisberedskap_bidrag",
                nyckel=f"krisberedskap:bidrag:{b.pk}:{b.sista_dag.isoformat()}:{steg}",
                rubrik=rubrik % {"organ": b.organ.namn, "datum": _d(b.sista_dag)},
                lank=b.get_absolute_url(),
            ):
                antal += 1
    return antal
