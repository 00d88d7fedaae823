"""
Writes of krisberedskapen. Keyword-only, full_clean before save, PermissionDenied or
ValidationError with Swedish messages.

The staff log (Loggpost) has exactly one write here, `loggpost_create`: there is no
service that changes or removes an entry, by design.

Every rule about the state of the RSA and its contributions (the RSA's steps, what may be
changed when, what may be submitted, returned or accepted) is checked here and only here;
the views show the ValidationError.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from incidenter.services import atkomst_log
from konton.services import object_permission_grant, object_permission_revoke
from paminnelser.reminders import _kontakter
from paminnelser.services import notis_create

from . import selectors
from .models import (
    Aktivering,
    Andring,
    Avtal,
    Beslut,
    KritisktBeroende,
    Loggpost,
    Mandatperiod,
    Overtagande,
    Partner,
    Perioddokument,
    Rsa,
    RsaAvsnitt,
    RsaBidrag,
    RsaBidragText,
    SamhallsviktigVerksamhet,
    Samverkansaktivitet,
)

B = RsaBidrag.Status


def _krav_hantera(user) -> None:
    if not selectors.kan_hantera(user):
        raise PermissionDenied(_("Du får inte ändra krisberedskapens dokument."))


def _spara(obj):
    obj.full_clean()
    obj.save()
    return obj


# --- The mandate period and its documents ---

# The documents every period starts with (LEH 2 kap.; MSBFS 2015:5). Which body adopts each
# is data on the document: these are only the defaults a new period gets.
STANDARDDOKUMENT = [
    (Perioddokument.Typ.STYRDOKUMENT, "kf"),
    (Perioddokument.Typ.RSA, "kf"),
    (Perioddokument.Typ.PLAN, "kf"),
    (Perioddokument.Typ.OVNINGSPLAN, "ks"),
    (Perioddokument.Typ.REGLEMENTE, "kf"),
]


@transaction.atomic
def mandatperiod_create(
    *, user, valar: int, rsa_frist: datetime.date | None = None
) -> Mandatperiod:
    """A new period with its standard documents (due by the RSA's deadline) and its RSA."""
    from policy.models import Organ

    _krav_hantera(user)
    if Mandatperiod.objects.filter(valar=valar).exists():
        raise ValidationError(
            _("Det finns redan en mandatperiod för valet %(ar)s.") % {"ar": valar}
        )
    period = _spara(Mandatperiod(valar=valar, rsa_frist=rsa_frist))
    organ = {o.slug: o for o in Organ.objects.filter(slug__in=["kf", "ks"])}
    for typ, slug in STANDARDDOKUMENT:
        _spara(
            Perioddokument(
                period=period,
                typ=typ,
                titel=f"{typ.label} {period}",
                beslutande_organ=organ.get(slug),
                forfallodatum=period.rsa_frist,
            )
        )
    rsa_create(user=user, period=period)
    return period


@transaction.atomic
def perioddokument_create(*, user, period: Mandatperiod, **falt) -> Perioddokument:
    _krav_hantera(user)
    return _spara(Perioddokument(period=period, **falt))


@transaction.atomic
def perioddokument_update(*, user, dokument: Perioddokument, **falt) -> Perioddokument:
    _krav_hantera(user)
    for namn, varde in falt.items():
        setattr(dokument, namn, varde)
    if dokument.status == Perioddokument.Status.FASTSTALLD and not (
        dokument.beslutande_organ_id and dokument.beslutsdatum
    ):
        raise ValidationError(
            _("Ett fastställt dokument behöver beslutande organ och beslutsdatum.")
        )
    return _spara(dokument)


# --- The RSA ---


@transaction.atomic
def rsa_create(*, user, period: Mandatperiod, kopierad_fran: Rsa | None = None) -> Rsa:
    _krav_hantera(user)
    rsa = _spara(
        Rsa(
            period=period,
            titel=_("Risk- och sårbarhetsanalys %(period)s") % {"period": period},
            kopierad_fran=kopierad_fran,
        )
    )
    for typ in RsaAvsnitt.ORDNING:
        _spara(RsaAvsnitt(rsa=rsa, typ=typ))
    return rsa


@transaction.atomic
def rsa_copy(*, user, rsa: Rsa, period: Mandatperiod) -> Rsa:
    """The previous period's RSA copied into a new period's, every part marked unchanged
    (oförändrad) until someone changes it. The risks stay links to the register."""
    _krav_hantera(user)
    if period.pk == rsa.period_id:
        raise ValidationError(_("Välj en annan mandatperiod än analysens egen."))
    if hasattr(period, "rsa"):
        ny = period.rsa
        if ny.avsnitt.exclude(text="").exists() or ny.verksamheter.exists():
            raise ValidationError(_("Periodens RSA har redan innehåll och skrivs inte över."))
        ny.kopierad_fran = rsa
        _spara(ny)
    else:
        ny = rsa_create(user=user, period=period, kopierad_fran=rsa)
    gamla = {a.typ: a for a in rsa.avsnitt.all()}
    for avsnitt in ny.avsnitt.all():
        gammalt = gamla.get(avsnitt.typ)
        if gammalt is None:
            continue
        avsnitt.text = gammalt.text
        avsnitt.sekretess = gammalt.sekretess
        avsnitt.sekretessgrund = gammalt.sekretessgrund
        avsnitt.andring = Andring.OFORANDRAD
        _spara(avsnitt)
    # What the old RSA compiled, not the bodies' unfinished contributions to it.
    for v in selectors.sammanstallda_verksamheter(rsa).prefetch_related("beroenden"):
        kopia = _spara(
            SamhallsviktigVerksamhet(
                rsa=ny,
                namn=v.namn,
                beskrivning=v.beskrivning,
                agartyp=v.agartyp,
                agare_organ_id=v.agare_organ_id,
                agare_annan=v.agare_annan,
                formaga=v.formaga,
                formaga_text=v.formaga_text,
                andring=Andring.OFORANDRAD,
            )
        )
        KritisktBeroende.objects.bulk_create(
            KritisktBeroende(verksamhet=kopia, typ=b.typ, beskrivning=b.beskrivning)
            for b in v.beroenden.all()
        )
    ny.risker.set(rsa.risker.all())
    return ny


def _markera_andrad(obj, andrat: bool) -> None:
    # Only a copied part gets a marker; a part of a fresh RSA has nothing to compare with.
    if andrat and obj.andring == Andring.OFORANDRAD:
        obj.andring = Andring.ANDRAD


@transaction.atomic
def rsa_avsnitt_update(
    *, user, avsnitt: RsaAvsnitt, text: str, sekretess: bool, sekretessgrund: str
) -> RsaAvsnitt:
    _krav_hantera(user)
    # Compared with what is stored: a form bound to the object has already changed it.
    fore = RsaAvsnitt.objects.get(pk=avsnitt.pk)
    andrat = (fore.text, fore.sekretess) != (text, sekretess)
    avsnitt.text, avsnitt.sekretess, avsnitt.sekretessgrund = text, sekretess, sekretessgrund
    _markera_andrad(avsnitt, andrat)
    return _spara(avsnitt)


@transaction.atomic
def verksamhet_create(*, user, rsa: Rsa, beroenden=(), **falt) -> SamhallsviktigVerksamhet:
    _krav_hantera(user)
    verksamhet = SamhallsviktigVerksamhet(rsa=rsa, **falt)
    if rsa.kopierad_fran_id:
        verksamhet.andring = Andring.NY
    _spara(verksamhet)
    for typ in beroenden:
        _spara(KritisktBeroende(verksamhet=verksamhet, typ=typ))
    return verksamhet


@transaction.atomic
def verksamhet_update(
    *, user, verksamhet: SamhallsviktigVerksamhet, beroenden=None, **falt
) -> SamhallsviktigVerksamhet:
    _krav_hantera(user)
    if verksamhet.bidrag_id and verksamhet.bidrag.status != B.GODKANT:
        raise ValidationError(
            _(
                "Verksamheten ingår i ett bidrag som %(organ)s arbetar med. Skicka tillbaka "
                "bidraget med en kommentar i stället."
            )
            % {"organ": verksamhet.bidrag.organ}
        )
    return _verksamhet_spara(verksamhet, beroenden, falt)


def _verksamhet_spara(verksamhet, beroenden, falt) -> SamhallsviktigVerksamhet:
    # Compared with what is stored: a form bound to the object has already changed it.
    fore = SamhallsviktigVerksamhet.objects.get(pk=verksamhet.pk)
    andrat = any(getattr(fore, k) != v for k, v in falt.items())
    for namn, varde in falt.items():
        setattr(verksamhet, namn, varde)
    if beroenden is not None:
        gamla = set(verksamhet.beroenden.values_list("typ", flat=True))
        nya = set(beroenden)
        andrat = andrat or gamla != nya
        verksamhet.beroenden.exclude(typ__in=nya).delete()
        for typ in nya - gamla:
            _spara(KritisktBeroende(verksamhet=verksamhet, typ=typ))
    _markera_andrad(verksamhet, andrat)
    return _spara(verksamhet)


@transaction.atomic
def rsa_set_risker(*, user, rsa: Rsa, risker) -> None:
    """The RSA's identified risks are links to the register: a change there shows here."""
    from risker.selectors import risker_visible_to

    _krav_hantera(user)
    risker = list(risker)
    synliga = set(
        risker_visible_to(user).filter(pk__in=[r.pk for r in risker]).values_list("pk", flat=True)
    )
    if any(r.pk not in synliga for r in risker):
        raise ValidationError(
            _("Bara risker ur registret som du kan se kan kopplas till analysen.")
        )
    rsa.risker.set(risker)


# The decision steps an RSA is moved through by hand; "rapporterad" is recorded with the
# date and the way it was sent (rsa_record_sent).
RSA_STEG = [Rsa.Status.UTKAST, Rsa.Status.BEHANDLAD_KS, Rsa.Status.FASTSTALLD_KF]


def _las_rsa(rsa: Rsa) -> Rsa:
    """Lock the RSA's row and read its current status, so that a step and a contribution's
    change at the same moment cannot both pass their checks."""
    rsa.status = Rsa.objects.select_for_update().values_list("status", flat=True).get(pk=rsa.pk)
    return rsa


def _krav_bidrag_granskade(rsa: Rsa) -> None:
    """The RSA leaves the draft only when no contribution waits for review: after that a
    contribution can no longer be returned or accepted."""
    if rsa.status != Rsa.Status.UTKAST:
        return
    inlamnade = [b.organ.namn for b in rsa.bidrag.filter(status=B.INLAMNAT).select_related("organ")]
    if inlamnade:
        raise ValidationError(
            _("Granska de inlämnade bidragen innan analysen går vidare: %(organ)s.")
            % {"organ": ", ".join(inlamnade)}
        )


@transaction.atomic
def rsa_set_status(*, user, rsa: Rsa, status: str, diarienummer: str = "") -> Rsa:
    """One step forward at a time, or back to correct a mistake. The RSA leaves the draft
    only when every submitted contribution has been returned or accepted."""
    _krav_hantera(user)
    _las_rsa(rsa)
    if status == Rsa.Status.RAPPORTERAD:
        raise ValidationError(
            _("Registrera när och hur analysen skickades till Länsstyrelsen i stället.")
        )
    if rsa.status == Rsa.Status.RAPPORTERAD:
        raise ValidationError(
            _("Analysen är rapporterad till Länsstyrelsen. Dess status ändras inte längre.")
        )
    if status not in RSA_STEG:
        raise ValidationError(_("Välj en giltig status."))
    nasta = RSA_STEG.index(rsa.status) + 1
    if RSA_STEG.index(status) > nasta:
        raise ValidationError(
            _("Stegen i beslutsgången tas i tur och ordning: först %(steg)s.")
            % {"steg": RSA_STEG[nasta].label.lower()}
        )
    if status != Rsa.Status.UTKAST:
        _krav_bidrag_granskade(rsa)
    rsa.status = status
    if diarienummer:
        rsa.diarienummer = diarienummer
    return _spara(rsa)


@transaction.atomic
def rsa_record_sent(*, user, rsa: Rsa, skickad: datetime.date, skickad_hur: str) -> Rsa:
    """Reported to Länsstyrelsen: when and how."""
    _krav_hantera(user)
    _krav_bidrag_granskade(_las_rsa(rsa))
    rsa.skickad, rsa.skickad_hur = skickad, skickad_hur
    rsa.status = Rsa.Status.RAPPORTERAD
    return _spara(rsa)


# --- The bodies' contributions to the RSA ---

# What a body writes of its own samhällsviktig verksamhet (the owner is the body itself).
BIDRAG_VERKSAMHETSFALT = {"namn", "beskrivning", "formaga", "formaga_text"}


def _krav_utkast(rsa: Rsa) -> None:
    if rsa.status != Rsa.Status.UTKAST:
        raise ValidationError(
            _("Analysen är %(status)s. Bidragen kan inte längre ändras.")
            % {"status": rsa.get_status_display().lower()}
        )


def _las_bidrag(bidrag: RsaBidrag) -> RsaBidrag:
    """The contribution as it is now, its row locked (and the RSA's with it) until the
    transaction ends: two requests at once cannot both pass a check of the state. A request
    withdrawn meanwhile is gone: 404, as for one never made."""
    b = get_object_or_404(
        RsaBidrag.objects.select_for_update(of=("self",)).select_related("organ"), pk=bidrag.pk
    )
    b.rsa = _las_rsa(Rsa.objects.select_related("period").get(pk=b.rsa_id))
    return b


def _agare(bidrag: RsaBidrag) -> list:
    """Who answers for a contribution: the body's nämndföreträdare (Säkerhetsavdelningen
    when it has none) and whoever submitted it."""
    agare = {u.pk: u for u in _kontakter(bidrag.organ_id)}
    if bidrag.inlamnat_av_id and bidrag.inlamnat_av.is_active:
        agare.setdefault(bidrag.inlamnat_av_id, bidrag.inlamnat_av)
    return list(agare.values())


def _granskare() -> list:
    from policy.models import Roll, User

    return list(
        User.objects.filter(
            is_active=True, groups__name__in=[Roll.SAKERHETSAVDELNING, Roll.SAKERHETSCHEF]
        )
        .distinct()
        .order_by("pk")
    )


def _avisera(
    bidrag: RsaBidrag, mottagare, *, typ: str, handelse: str, rubrik: str, text: str, lank: str = ""
) -> int:
    """A notice and an e-mail to each person, once per event: the key names the
    contribution and the event (a second return is another event, a repeated call none)."""
    antal = 0
    for user in mottagare:
        antal += (
            notis_create(
                mottagare=user,
                typ=typ,
                nyckel=f"rsa-bidrag:{bidrag.pk}:{handelse}",
                rubrik=rubrik,
                text=text,
                lank=lank or bidrag.get_absolute_url(),
            )
            is not None
        )
    return antal


def _krav_skriva_bidrag(user, bidrag: RsaBidrag) -> RsaBidrag:
    """The body's own people write while the contribution is with them and the RSA is a
    draft; everyone else is refused."""
    b = _las_bidrag(bidrag)
    if not selectors.kan_bidra(user, b):
        raise PermissionDenied(_("Bara organets egna företrädare ändrar dess bidrag."))
    _krav_utkast(b.rsa)
    if b.status == B.INLAMNAT:
        raise ValidationError(
            _(
                "Bidraget är inlämnat och kan inte ändras förrän Säkerhetsavdelningen har "
                "skickat tillbaka det."
            )
        )
    if b.status == B.GODKANT:
        raise ValidationError(
            _("Bidraget är godkänt och ingår i analysen. Det ändras inte längre.")
        )
    return b


@transaction.atomic
def bidrag_request(
    *,
    user,
    rsa: Rsa,
    organ,
    sista_dag: datetime.date,
    med_verksamheter: bool = True,
    med_risker: bool = True,
    avsnitt=(),
    uppdrag: str = "",
) -> list[RsaBidrag]:
    """Ask one or more bodies for their contribution: the parts wanted, the last day. The
    body's samhällsviktig verksamhet already in the RSA is copied into its contribution to
    be brought up to date; each body's nämndföreträdare is told."""
    _krav_hantera(user)
    _krav_utkast(_las_rsa(rsa))
    organ = list(organ)
    avsnitt = [a for a in RsaAvsnitt.ORDNING if a in set(avsnitt)]
    if not organ:
        raise ValidationError({"organ": _("Välj minst en nämnd eller ett bolag.")})
    if any(o.typ not in RsaBidrag.ORGANTYPER for o in organ):
        raise ValidationError({"organ": _("Bara nämnder och bolag bidrar till analysen.")})
    if not (med_verksamheter or med_risker or avsnitt):
        raise ValidationError(_("Välj minst en del som organet ska bidra med."))
    if sista_dag < timezone.localdate():
        raise ValidationError({"sista_dag": _("Sista dagen har redan passerat.")})
    redan = list(rsa.bidrag.filter(organ__in=organ).select_related("organ"))
    if redan:
        raise ValidationError(
            _("Redan ombedda att bidra till analysen: %(organ)s.")
            % {"organ": ", ".join(b.organ.namn for b in redan)}
        )
    skapade = []
    for o in sorted(organ, key=lambda o: o.namn):
        b = _spara(
            RsaBidrag(
                rsa=rsa,
                organ=o,
                med_verksamheter=med_verksamheter,
                med_risker=med_risker,
                uppdrag=uppdrag.strip(),
                sista_dag=sista_dag,
                begart_av=user,
            )
        )
        for typ in avsnitt:
            _spara(RsaBidragText(bidrag=b, typ=typ))
        if med_verksamheter:
            _kopiera_verksamheter(b)
        _avisera(
            b,
            _kontakter(o.pk),
            typ="rsa-bidrag",
            handelse="begart",
            rubrik=_("Säkerhetsavdelningen ber %(organ)s om ett bidrag till %(titel)s")
            % {"organ": o.namn, "titel": rsa.titel},
            text=_("Lämna in bidraget senast %(datum)s.")
            % {"datum": date_format(sista_dag, "DATE_FORMAT")}
            + (f"\n{b.uppdrag}" if b.uppdrag else ""),
        )
        skapade.append(b)
    return skapade


def _kopiera_verksamheter(bidrag: RsaBidrag) -> None:
    kompilerade = list(
        selectors.sammanstallda_verksamheter(bidrag.rsa)
        .filter(agartyp=SamhallsviktigVerksamhet.Agartyp.KOMMUNAL, agare_organ=bidrag.organ)
        .prefetch_related("beroenden")
    )
    for v in kompilerade:
        kopia = _spara(
            SamhallsviktigVerksamhet(
                rsa=bidrag.rsa,
                bidrag=bidrag,
                namn=v.namn,
                beskrivning=v.beskrivning,
                agartyp=v.agartyp,
                agare_organ=bidrag.organ,
                formaga=v.formaga,
                formaga_text=v.formaga_text,
                andring=v.andring,
            )
        )
        KritisktBeroende.objects.bulk_create(
            KritisktBeroende(verksamhet=kopia, typ=b.typ, beskrivning=b.beskrivning)
            for b in v.beroenden.all()
        )
    bidrag.ersatter.set(kompilerade)


def _krav_del(bidrag: RsaBidrag, med: bool) -> None:
    if not med:
        raise ValidationError(_("Den delen ingår inte i det som Säkerhetsavdelningen bad om."))


def _krav_verksamhetsfalt(falt: dict) -> None:
    for namn in falt:
        if namn not in BIDRAG_VERKSAMHETSFALT:
            raise ValueError(namn)


@transaction.atomic
def bidrag_verksamhet_create(
    *, user, bidrag: RsaBidrag, beroenden=(), **falt
) -> SamhallsviktigVerksamhet:
    """A samhällsviktig verksamhet of the body's own: the body is its owner."""
    _krav_verksamhetsfalt(falt)
    b = _krav_skriva_bidrag(user, bidrag)
    _krav_del(b, b.med_verksamheter)
    verksamhet = SamhallsviktigVerksamhet(
        rsa=b.rsa,
        bidrag=b,
        agartyp=SamhallsviktigVerksamhet.Agartyp.KOMMUNAL,
        agare_organ=b.organ,
        **falt,
    )
    if b.rsa.kopierad_fran_id:
        verksamhet.andring = Andring.NY
    _spara(verksamhet)
    for typ in beroenden:
        _spara(KritisktBeroende(verksamhet=verksamhet, typ=typ))
    return verksamhet


def _bidragets_verksamhet(b: RsaBidrag, verksamhet) -> None:
    if verksamhet.bidrag_id != b.pk:
        raise PermissionDenied(_("Verksamheten hör inte till bidraget."))


@transaction.atomic
def bidrag_verksamhet_update(
    *, user, bidrag: RsaBidrag, verksamhet: SamhallsviktigVerksamhet, beroenden=None, **falt
) -> SamhallsviktigVerksamhet:
    _krav_verksamhetsfalt(falt)
    b = _krav_skriva_bidrag(user, bidrag)
    _bidragets_verksamhet(b, verksamhet)
    return _verksamhet_spara(verksamhet, beroenden, falt)


@transaction.atomic
def bidrag_verksamhet_delete(
    *, user, bidrag: RsaBidrag, verksamhet: SamhallsviktigVerksamhet
) -> None:
    """Taken out of the contribution; once it is accepted, the verksamhet it was copied
    from leaves the compiled RSA too."""
    b = _krav_skriva_bidrag(user, bidrag)
    _bidragets_verksamhet(b, verksamhet)
    verksamhet.delete()


@transaction.atomic
def bidrag_texter_update(*, user, bidrag: RsaBidrag, texter: dict[str, str]) -> None:
    """The body's text per section asked for ({section: text})."""
    b = _krav_skriva_bidrag(user, bidrag)
    rader = {t.typ: t for t in b.texter.all()}
    if not set(texter) <= set(rader):
        raise ValidationError(_("Ett avsnitt ingår inte i det som Säkerhetsavdelningen bad om."))
    for typ, text in texter.items():
        rad = rader[typ]
        if rad.text != text.strip():
            rad.text = text.strip()
            _spara(rad)


@transaction.atomic
def bidrag_set_risker(*, user, bidrag: RsaBidrag, risker) -> None:
    """Risks of the body's own analyses, linked (never copied) as the RSA's are."""
    b = _krav_skriva_bidrag(user, bidrag)
    _krav_del(b, b.med_risker)
    risker = list(risker)
    tillatna = set(
        selectors.bidrag_riskval(user, b)
        .filter(pk__in=[r.pk for r in risker])
        .values_list("pk", flat=True)
    )
    if any(r.pk not in tillatna for r in risker):
        raise ValidationError(
            _("Bara risker ur organets egna riskanalyser som har lämnats in kan ingå i bidraget.")
        )
    b.risker.set(risker)


@transaction.atomic
def bidrag_submit(*, user, bidrag: RsaBidrag) -> RsaBidrag:
    b = _las_bidrag(bidrag)
    if not selectors.kan_lamna_in_bidrag(user, b):
        raise PermissionDenied(_("Bara organets nämndföreträdare lämnar in bidraget."))
    _krav_utkast(b.rsa)
    if b.status == B.INLAMNAT:
        raise ValidationError(_("Bidraget är redan inlämnat."))
    if b.status == B.GODKANT:
        raise ValidationError(_("Bidraget är redan godkänt."))
    if not (b.verksamheter.exists() or b.risker.exists() or b.texter.exclude(text="").exists()):
        raise ValidationError(_("Bidraget är tomt. Fyll i minst en del innan du lämnar in det."))
    komplettering = b.status == B.ATER
    b.status, b.inlamnat, b.inlamnat_av = B.INLAMNAT, timezone.now(), user
    _spara(b)
    rubrik = (
        _("Komplettering att granska: bidraget från %(organ)s till %(titel)s")
        if komplettering
        else _("Bidrag att granska: %(organ)s till %(titel)s")
    )
    _avisera(
        b,
        _granskare(),
        typ="rsa-bidrag-inlamnat",
        handelse=f"inlamnat:{b.inlamnat.isoformat()}",
        rubrik=rubrik % {"organ": b.organ.namn, "titel": b.rsa.titel},
        text=_("Godkänn bidraget eller skicka tillbaka det med en kommentar."),
    )
    return b


@transaction.atomic
def bidrag_set_sista_dag(*, user, bidrag: RsaBidrag, sista_dag: datetime.date) -> RsaBidrag:
    """More time for a body that is still writing (its reminders start over for the new
    day); the body is told."""
    _krav_hantera(user)
    b = _las_bidrag(bidrag)
    _krav_utkast(b.rsa)
    if b.status not in RsaBidrag.REDIGERBAR:
        raise ValidationError(_("Bara ett bidrag som organet arbetar med kan få en ny sista dag."))
    if sista_dag < timezone.localdate():
        raise ValidationError({"sista_dag": _("Sista dagen har redan passerat.")})
    if sista_dag == b.sista_dag:
        return b
    b.sista_dag = sista_dag
    _spara(b)
    _avisera(
        b,
        _kontakter(b.organ_id),
        typ="rsa-bidrag",
        handelse=f"sista-dag:{sista_dag.isoformat()}",
        rubrik=_("Ny sista dag för bidraget till %(titel)s: %(datum)s")
        % {"titel": b.rsa.titel, "datum": date_format(sista_dag, "DATE_FORMAT")},
        text="",
    )
    return b


def bidrag_check_withdraw(*, user, bidrag: RsaBidrag) -> None:
    """May this request be withdrawn now: by Säkerhetsavdelningen, while the RSA is a draft
    and the contribution is not yet part of it."""
    _krav_hantera(user)
    _krav_utkast(bidrag.rsa)
    if bidrag.status == B.GODKANT:
        raise ValidationError(
            _("Bidraget är godkänt och ingår i analysen. Begäran kan inte längre återkallas.")
        )


@transaction.atomic
def bidrag_withdraw(*, user, bidrag: RsaBidrag) -> None:
    """Take back a request (the wrong body was asked, or the analysis goes on without it):
    the contribution and what the body wrote in it are deleted (their history keeps them),
    the compiled RSA stays as it was, and the body's people are told once. The body can be
    asked again."""
    b = _las_bidrag(bidrag)
    bidrag_check_withdraw(user=user, bidrag=b)
    _avisera(
        b,
        _agare(b),
        typ="rsa-bidrag",
        handelse="aterkallat",
        rubrik=_("Säkerhetsavdelningen har återkallat begäran om bidrag till %(titel)s")
        % {"titel": b.rsa.titel},
        text=_("%(organ)s behöver inte längre lämna något bidrag till analysen.")
        % {"organ": b.organ.namn},
        # The contribution is gone: the notice points to where the body's requests are.
        lank=reverse("krisberedskap:index"),
    )
    b.delete()


def _krav_granska(user, bidrag: RsaBidrag) -> RsaBidrag:
    _krav_hantera(user)
    b = _las_bidrag(bidrag)
    _krav_utkast(b.rsa)
    if b.status != B.INLAMNAT:
        raise ValidationError(_("Bara ett inlämnat bidrag kan skickas tillbaka eller godkännas."))
    return b


@transaction.atomic
def bidrag_return(
    *, user, bidrag: RsaBidrag, kommentar: str, sista_dag: datetime.date | None = None
) -> RsaBidrag:
    """Back to the body for completion with a comment (and, if given, a new last day); the
    body's nämndföreträdare and whoever submitted it get a notice and an e-mail, once per
    return."""
    b = _krav_granska(user, bidrag)
    kommentar = kommentar.strip()
    if not kommentar:
        raise ValidationError({"kommentar": _("Skriv vad som ska kompletteras.")})
    if sista_dag is not None:
        if sista_dag < timezone.localdate():
            raise ValidationError({"sista_dag": _("Sista dagen har redan passerat.")})
        b.sista_dag = sista_dag
    b.status, b.kommentar, b.granskat, b.granskat_av = B.ATER, kommentar, timezone.now(), user
    b.antal_returer += 1
    _spara(b)
    _avisera(
        b,
        _agare(b),
        typ="rsa-bidrag-ater",
        handelse=f"ater:{b.antal_returer}",
        rubrik=_("Bidraget till %(titel)s är skickat tillbaka för komplettering")
        % {"titel": b.rsa.titel},
        text=_(
            "Läs Säkerhetsavdelningens kommentar, komplettera bidraget och lämna in det "
            "igen senast %(datum)s."
        )
        % {"datum": date_format(b.sista_dag, "DATE_FORMAT")}
        + f"\n{kommentar}",
    )
    return b


@transaction.atomic
def bidrag_accept(*, user, bidrag: RsaBidrag, kommentar: str = "") -> RsaBidrag:
    """Accepted: the contribution becomes part of the compiled RSA. Its verksamheter take
    the place of those copied into it, and its risks join the RSA's."""
    b = _krav_granska(user, bidrag)
    for gammal in b.ersatter.filter(bidrag__isnull=True):
        gammal.delete()
    b.rsa.risker.add(*b.risker.all())
    b.status, b.kommentar, b.granskat, b.granskat_av = (
        B.GODKANT,
        kommentar.strip(),
        timezone.now(),
        user,
    )
    _spara(b)
    _avisera(
        b,
        _agare(b),
        typ="rsa-bidrag-godkant",
        handelse="godkant",
        rubrik=_("Bidraget till %(titel)s är godkänt") % {"titel": b.rsa.titel},
        text=b.kommentar
        or _("Säkerhetsavdelningen har godkänt bidraget och fört in det i analysen."),
        lank=reverse("krisberedskap:rsa", args=[b.rsa_id]),
    )
    return b


# --- The krisledningsnämnd ---


def _krav_skriva(user, aktivering: Aktivering) -> None:
    if not aktivering.ar_pagaende:
        raise ValidationError(_("Aktiveringen är avslutad. Loggen kan inte längre skrivas i."))
    if not selectors.ar_deltagare(user, aktivering):
        raise PermissionDenied(_("Bara krisledningsnämndens ledamöter och stab skriver här."))


@transaction.atomic
def aktivering_create(*, user, **falt) -> Aktivering:
    _krav_hantera(user)
    if falt.get("skyddad") and not user.has_perm("krisberedskap.view_skyddad_aktivering"):
        raise PermissionDenied(_("Bara säkerhetschefen kan skapa en skyddad aktivering."))
    return _spara(Aktivering(skapad_av=user, **falt))


@transaction.atomic
def aktivering_close(
    *, user, aktivering: Aktivering, avslutad: datetime.datetime, avslutad_av_namn: str, skal: str
) -> Aktivering:
    _krav_skriva(user, aktivering)
    if avslutad < aktivering.beslutad:
        raise ValidationError(_("Aktiveringen kan inte avslutas innan den beslutades."))
    if aktivering.overtaganden.filter(aterlamnad__isnull=True).exists():
        raise ValidationError(
            _("Lämna tillbaka de övertagna uppgifterna till nämnderna innan aktiveringen avslutas.")
        )
    aktivering.avslutad, aktivering.avslutad_av_namn = avslutad, avslutad_av_namn
    aktivering.avslutning_skal = skal
    return _spara(aktivering)


ROLL_PERM = {"ledamot": "krisberedskap.ledamot_aktivering", "stab": "krisberedskap.stab_aktivering"}


def aktivering_add_deltagare(*, user, aktivering: Aktivering, deltagare, roll: str) -> None:
    """A member or staff of this activation (guardian, logged in konton.Behorighetslogg)."""
    if roll not in ROLL_PERM:
        raise ValidationError(_("Välj ledamot eller stab."))
    object_permission_grant(granted_by=user, user=deltagare, perm=ROLL_PERM[roll], obj=aktivering)


def aktivering_remove_deltagare(*, user, aktivering: Aktivering, deltagare) -> None:
    for perm in ROLL_PERM.values():
        object_permission_revoke(revoked_by=user, user=deltagare, perm=perm, obj=aktivering)


def aktivering_log_access(*, user, aktivering: Aktivering, handling: str, detalj: str = "") -> None:
    """Opening a skyddad activation (or its report) is logged in the same access log as
    skyddade incidents (incidenter.Atkomstlogg), without an incident and with the activation
    named in the detail."""
    if aktivering.skyddad:
        atkomst_log(
            user=user,
            handling=handling,
            detalj=(f"krisledning:{aktivering.pk} {detalj or aktivering.titel}")[:200],
        )


@transaction.atomic
def loggpost_create(
    *, user, aktivering: Aktivering, text: str, rattar: Loggpost | None = None
) -> Loggpost:
    _krav_skriva(user, aktivering)
    if rattar is not None and rattar.aktivering_id != aktivering.pk:
        raise ValidationError(_("En rättelse måste gälla en loggpost i samma logg."))
    return _spara(
        Loggpost(aktivering=aktivering, text=text.strip(), forfattare=user, rattar=rattar)
    )


@transaction.atomic
def beslut_create(*, user, aktivering: Aktivering, **falt) -> Beslut:
    _krav_skriva(user, aktivering)
    return _spara(Beslut(aktivering=aktivering, registrerat_av=user, **falt))


@transaction.atomic
def overtagande_create(*, user, aktivering: Aktivering, **falt) -> Overtagande:
    _krav_skriva(user, aktivering)
    return _spara(Overtagande(aktivering=aktivering, **falt))


@transaction.atomic
def overtagande_return(*, user, overtagande: Overtagande, aterlamnad=None) -> Overtagande:
    _krav_skriva(user, overtagande.aktivering)
    if overtagande.aterlamnad:
        raise ValidationError(_("Uppgiften är redan återlämnad."))
    overtagande.aterlamnad = aterlamnad or timezone.now()
    if overtagande.aterlamnad < overtagande.overtagen:
        raise ValidationError(_("En uppgift kan inte återlämnas innan den togs över."))
    return _spara(overtagande)


# --- Samverkan ---


@transaction.atomic
def partner_create(*, user, **falt) -> Partner:
    _krav_hantera(user)
    return _spara(Partner(**falt))


@transaction.atomic
def avtal_create(*, user, **falt) -> Avtal:
    _krav_hantera(user)
    avtal = Avtal(**falt)
    if avtal.giltigt_till and avtal.giltigt_till < avtal.giltigt_fran:
        raise ValidationError(_("Ett avtal kan inte upphöra innan det börjar gälla."))
    return _spara(avtal)


@transaction.atomic
def samverkansaktivitet_create(*, user, parter=(), **falt) -> Samverkansaktivitet:
    _krav_hantera(user)
    aktivitet = _spara(Samverkansaktivitet(**falt))
    aktivitet.parter.set(parter)
    return aktivitet
