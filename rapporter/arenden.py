"""
The annual follow-up as an ärende to kommunstyrelsen: reads and writes.

Säkerhetsavdelningen writes the tjänsteskrivelse and a text per security area; the figures
come from the report itself. When KS has decided, its decision (§, date) is recorded, the
final PDF is ordered once, and from then on the ärende is locked: every write below refuses,
and no new report is made for that year, so the stored PDF and its checksum stay as decided.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from policy.models import Omrade

from .models import Arende, Arsrapport, Omradesberattelse

ARENDETEXTER = (
    "diarienummer",
    "datum",
    "handlaggare",
    "forslag_till_beslut",
    "sammanfattning",
    "bakgrund",
    "bedomning",
    "beslutsunderlag",
    "skickas_till",
)


def kan_skriva_arende(user) -> bool:
    return user.is_authenticated and user.has_perm("rapporter.change_arende")


def kan_registrera_beslut(user) -> bool:
    return user.is_authenticated and user.has_perm("rapporter.record_arendebeslut")


def arende_for_ar(ar: int) -> Arende:
    """The year's ärende, unsaved and empty when nobody has written one yet."""
    return Arende.objects.select_related("slutlig_rapport", "beslut_registrerat_av").filter(
        ar=ar
    ).first() or Arende(ar=ar)


def berattelser_for(arende: Arende) -> dict[int, str]:
    """{omrade_id: text} of the ärende's area texts."""
    if arende.pk is None:
        return {}
    return dict(arende.berattelser.values_list("omrade_id", "text"))


def ar_last(ar: int) -> bool:
    return Arende.objects.filter(ar=ar, beslut_datum__isnull=False).exists()


def kontrollera_ej_last(ar: int) -> None:
    if ar_last(ar):
        raise ValidationError(
            _(
                "Uppföljningen för %(ar)s är beslutad av kommunstyrelsen och låst. "
                "Den slutliga PDF:en finns under ärendet."
            )
            % {"ar": ar}
        )


def _last_for_skrivning(ar: int) -> Arende:
    """The year's ärende, created if needed, locked in the database for this transaction,
    so that a decision recorded at the same moment cannot slip between check and write."""
    Arende.objects.get_or_create(ar=ar)
    arende = Arende.objects.select_for_update().get(ar=ar)
    if arende.last:
        raise ValidationError(_("Ärendet är beslutat och låst. Det kan inte ändras."))
    return arende


@transaction.atomic
def arende_spara(*, anvandare, ar: int, texter: dict, berattelser: dict[int, str]) -> Arende:
    """Save the tjänsteskrivelse's texts and the areas' texts. Only what changed is
    written, so the history shows real changes."""
    if not kan_skriva_arende(anvandare):
        raise PermissionDenied(_("Bara säkerhetsavdelningen skriver ärendets texter."))
    arende = _last_for_skrivning(ar)
    andrade = [f for f in ARENDETEXTER if f in texter and getattr(arende, f) != texter[f]]
    for falt in andrade:
        setattr(arende, falt, texter[falt])
    if andrade:
        arende.full_clean()
        arende.save()
    befintliga = {b.omrade_id: b for b in arende.berattelser.all()}
    giltiga = set(Omrade.objects.filter(pk__in=berattelser).values_list("pk", flat=True))
    for omrade_id, text in berattelser.items():
        if omrade_id not in giltiga:
            continue
        berattelse = befintliga.get(omrade_id)
        if berattelse is None:
            if not text.strip():
                continue
            berattelse = Omradesberattelse(arende=arende, omrade_id=omrade_id)
        elif berattelse.text == text:
            continue
        berattelse.text = text
        berattelse.full_clean()
        berattelse.save()
    return arende


@transaction.atomic
def arende_besluta(*, anvandare, ar: int, paragraf: str, datum: datetime.date) -> Arende:
    """Record KS's decision and lock the ärende. The final PDF is ordered here, once, as
    the person recording the decision sees the year; someone who sees skyddade incidents
    may not record it, since the board's papers never hold them."""
    if not kan_registrera_beslut(anvandare):
        raise PermissionDenied(_("Du får inte registrera kommunstyrelsens beslut."))
    if anvandare.has_perm("incidenter.view_skyddad_incident"):
        raise ValidationError(
            _(
                "Du ser skyddade incidenter, och den slutliga rapporten till kommunstyrelsen "
                "får inte innehålla dem. Låt kommunledningen eller säkerhetsavdelningen "
                "registrera beslutet."
            )
        )
    if datum > timezone.localdate():
        raise ValidationError(_("Beslutsdatumet kan inte ligga i framtiden."))
    if datum.year < ar:
        raise ValidationError(_("Kommunstyrelsen kan inte ha beslutat innan året började."))
    arende = _last_for_skrivning(ar)
    if not arende.diarienummer or not arende.forslag_till_beslut.strip():
        raise ValidationError(
            _("Skriv diarienummer och förslag till beslut innan beslutet registreras.")
        )
    from .services import _skicka

    rapport = Arsrapport(ar=ar, skapad_av=anvandare)
    rapport.full_clean()
    rapport.save()
    arende.beslut_paragraf = paragraf.strip()
    arende.beslut_datum = datum
    arende.beslut_registrerat_av = anvandare
    arende.slutlig_rapport = rapport
    arende.full_clean()
    arende.save()
    transaction.on_commit(lambda: _skicka(rapport.pk))
    return arende


def historik(arende: Arende, antal: int = 20) -> list:
    """The latest changes of the ärende and its area texts, newest first."""
    if arende.pk is None:
        return []
    andringar = list(
        arende.history.select_related("history_user").order_by("-history_date")[:antal]
    ) + list(
        Omradesberattelse.history.filter(arende_id=arende.pk)
        .select_related("history_user", "omrade")
        .order_by("-history_date")[:antal]
    )
    return sorted(andringar, key=lambda h: h.history_date, reverse=True)[:antal]
