"""Every reminder's link opens for the person it is sent to: each kind of reminder in
reminders.py, made from the demo's data, as each recipient would follow it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incidenter import services as incident_services
from incidenter.models import Incident
from paminnelser import reminders
from paminnelser.models import Arshjulspunkt, Notis
from policy.models import Omrade, Organ, Styrdokument
from risker import demo as risk_demo
from risker.models import Atgard, Riskanalys
from tests.incidenter.factories import incident_factory, skyddad_incident

pytestmark = pytest.mark.django_db

SLAGEN = {
    "atgard",
    "atgard-chef",
    "incident-ej-mottagen",
    "rapporteringsplikt",
    "riskanalys-oversyn",
    "risk-oversyn",
    "styrdokument-oversyn",
    "arshjul",
}


@pytest.fixture
def varlden(
    people,
    medarbetare,
    chef,
    annan_medarbetare,
    annan_chef,
    extern,
    sakerhetsavdelning,
    sakerhetschef,
):
    """The demo's analyses, and around them what makes every kind of reminder due now."""
    idag = timezone.localdate()
    nu = timezone.now()
    analyser = risk_demo.create()
    # Åtgärder three weeks late: the responsible person and their chef are told. Olle (SN)
    # answers for one of BUN's risks and for an incident of BUN he may not see; the
    # external contractor answers for an incident's lock.
    inbrott = incident_factory(
        rapportor=medarbetare, rubrik="Inbrott i förrådet", status=Incident.Status.UNDER_UTREDNING
    )
    bun_risk = analyser["bun_godkand"].risker.order_by("pk").first()
    for ansvarig, falt in [
        (annan_medarbetare, {"risk": bun_risk}),
        (annan_medarbetare, {"incident": inbrott}),
        (extern, {"incident": inbrott}),
        (medarbetare, {"risk": analyser["sn"].risker.order_by("pk").first()}),
    ]:
        Atgard.objects.create(
            beskrivning="Byt lås och kontrollera passerkorten",
            ansvarig=ansvarig,
            organ=ansvarig.enhet.organ if ansvarig.enhet else bun_risk.organ,
            forfallodatum=idag - timedelta(days=21),
            skapad_av=chef,
            **falt,
        )
    # Reports not received after a working day, a normal and a skyddad one.
    for fabrik in (incident_factory, skyddad_incident):
        fabrik(
            rapportor=medarbetare,
            rapporterad=nu - timedelta(days=4),
            intraffade=nu - timedelta(days=5),
            upptackt=nu - timedelta(days=4, hours=1),
        )
    # A personal-data breach whose 72-hour clock is half gone, with a handler.
    pui = incident_factory(
        rapportor=medarbetare,
        upptackt=nu - timedelta(hours=40),
        rapporterad=nu - timedelta(hours=39),
        intraffade=nu - timedelta(hours=41),
    )
    incident_services.incident_triage(
        user=sakerhetsavdelning,
        incident=pui,
        personuppgiftsincident=True,
        handlaggare=sakerhetsavdelning,
    )
    # Reviews due: an approved analysis, a risk and governing documents of bodies with and
    # without a nämndföreträdare.
    Riskanalys.objects.filter(pk=analyser["sn"].pk).update(period_till=idag + timedelta(10))
    analyser["bun_godkand"].risker.filter(pk=bun_risk.pk).update(nasta_oversyn=idag + timedelta(5))
    for organ in Organ.objects.filter(slug__in=["bun", "kf"]):
        Styrdokument.objects.create(
            titel=f"Rutin för passerkort ({organ.slug})",
            typ=Styrdokument.Typ.RUTIN,
            omrade=Omrade.objects.get(nummer=9),
            agare=organ,
            nasta_oversyn=idag + timedelta(days=3),
        )
    # Every point of årshjulet falls due today.
    Arshjulspunkt.objects.update(manad=idag.month, dag=idag.day, ar_i_mandatperioden=None)
    Arshjulspunkt.objects.create(
        namn="Övning i krisledningsnämnden",
        manad=idag.month,
        dag=idag.day,
        organ=Organ.objects.get(slug="bun"),
        framforhallning=7,
    )
    return analyser


def test_every_reminders_link_opens_for_its_recipient(varlden, client_as):
    assert reminders.create_all(timezone.now()) > 0
    assert reminders.create_arshjul() > 0
    notiser = list(Notis.objects.select_related("mottagare"))
    assert SLAGEN <= {n.typ for n in notiser}
    klienter = {}
    stangda = []
    for n in notiser:
        if n.mottagare_id not in klienter:
            klienter[n.mottagare_id] = client_as(n.mottagare)
        svar = klienter[n.mottagare_id].get(n.lank)
        if svar.status_code != 200:
            stangda.append((n.typ, n.mottagare.username, n.lank, svar.status_code))
    assert stangda == []


def test_the_responsible_person_sees_the_atgard_but_not_the_analysis(
    varlden, client_as, annan_medarbetare
):
    reminders.create_all(timezone.now())
    atgard = Atgard.objects.get(ansvarig=annan_medarbetare, risk__isnull=False)
    notis = Notis.objects.get(
        mottagare=annan_medarbetare, typ="atgard", nyckel__startswith=f"atgard:{atgard.pk}:"
    )
    c = client_as(annan_medarbetare)
    sida = c.get(notis.lank).content.decode()
    assert notis.lank == f"/risker/atgard/{atgard.pk}/"
    assert "Byt lås och kontrollera passerkorten" in sida and "Försenad" in sida
    assert "som du inte har behörighet att läsa" in sida
    assert atgard.risk.titel not in sida
    assert c.get(atgard.risk.get_absolute_url()).status_code == 404
    assert c.get(atgard.risk.riskanalys.get_absolute_url()).status_code == 404
    # They may mark it done, and come back to the åtgärd's page.
    svar = c.post(f"/risker/atgard/{atgard.pk}/status/", {"status": "klar"})
    assert svar.status_code == 302 and svar["Location"] == notis.lank
    atgard.refresh_from_db()
    assert atgard.status == Atgard.Status.KLAR
