"""The annual report's figures come from aggregate queries: the number of queries is the
same for 100 and for 5 000 incidents (and for a few or many risks, åtgärder and legal
notifications, with the ärende's texts written)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidenter.models import Incident, Plikttyp, Rapporteringsplikt
from lib import pdf
from policy.models import Omrade, User
from rapporter import arenden, arsrapport
from risker.models import Atgard, Risk, Riskanalys

from .conftest import AR, skapa_incidenter, skapa_skyddad


def _fragor(user) -> tuple[int, dict]:
    # A fresh user object each time, as in a new request: nothing cached between runs.
    user = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as fragor:
        ctx = arsrapport.context(user, AR)
        pdf.render_html("rapporter/arsrapport.html", ctx)
    return len(fragor), ctx


def _fler_risker_och_atgarder(antal: int) -> None:
    analys = Riskanalys.objects.get(organ__slug="sn", status=Riskanalys.Status.GODKAND)
    omraden = list(Omrade.objects.all())
    risker = Risk.objects.bulk_create(
        Risk(
            riskanalys=analys,
            titel=f"Extra risk {i}",
            omrade=omraden[i % len(omraden)],
            organ=analys.organ,
            skala=analys.skala,
            sannolikhet=1 + i % 5,
            kons_liv_halsa=1 + i % 5,
            kons_verksamhet=1,
            kons_miljo=1,
            kons_ekonomi=1,
            kons_fortroende=1,
            konsekvens=1 + i % 5,
            poang=(1 + i % 5) ** 2,
            niva=1 + i % 4,
        )
        for i in range(antal)
    )
    skapare = User.objects.get(username="sakerhet")
    Atgard.objects.bulk_create(
        Atgard(
            beskrivning=f"Extra åtgärd {r.pk}",
            ansvarig=skapare,
            organ=analys.organ,
            forfallodatum=datetime.date(AR, 1 + r.pk % 12, 1),
            risk=r,
            skapad_av=skapare,
        )
        for r in risker
    )


def _plikter_for_var_tionde() -> None:
    """A legal notification for every tenth incident without one, half of them made."""
    typer = list(Plikttyp.objects.order_by("pk"))
    utan = (
        Incident.objects.filter(plikter__isnull=True).order_by("pk").values_list("pk", "upptackt")
    )
    Rapporteringsplikt.objects.bulk_create(
        Rapporteringsplikt(
            incident_id=pk,
            typ=typer[i % len(typer)],
            mottagare="Myndigheten",
            frist=typer[i % len(typer)].frist,
            utford=upptackt + datetime.timedelta(hours=i % 100) if i % 2 else None,
        )
        for i, (pk, upptackt) in enumerate(utan[::10])
    )


def test_it_uses_the_same_number_of_queries_for_100_and_5000_incidents(grunddata):
    """…and for a few or many risks and åtgärder."""
    skapa_skyddad()
    for username in ("ks", "sakerhetschef", "namnd"):
        # Warm up what is read once per process (content types, the scale).
        _fragor(User.objects.get(username=username))
    skapa_incidenter(100)
    _plikter_for_var_tionde()
    arenden.arende_spara(
        anvandare=User.objects.get(username="sakerhet"),
        ar=AR,
        texter={"diarienummer": "KS 2026/1", "forslag_till_beslut": "Läggs till handlingarna."},
        berattelser={o.pk: f"Året i {o.namn}." for o in Omrade.objects.all()},
    )
    fa = {u: _fragor(User.objects.get(username=u)) for u in ("ks", "sakerhetschef", "namnd")}
    skapa_incidenter(4900, start=101)
    _fler_risker_och_atgarder(60)
    _plikter_for_var_tionde()
    manga = {u: _fragor(User.objects.get(username=u)) for u in ("ks", "sakerhetschef", "namnd")}
    for u in fa:
        assert manga[u][0] == fa[u][0], u
    assert fa["ks"][1]["siffror"]["totalt"] == 100
    assert manga["ks"][1]["siffror"]["totalt"] == 5000
    # The säkerhetschef also sees the skyddad incident; a nämndföreträdare only their body's.
    assert manga["sakerhetschef"][1]["siffror"]["totalt"] == 5001
    assert 0 < manga["namnd"][1]["siffror"]["totalt"] < 5000
    assert manga["ks"][1]["risk_siffror"]["totalt"] == fa["ks"][1]["risk_siffror"]["totalt"] + 60
    assert (
        manga["ks"][1]["plikter_summa"]["totalt"] > 10 * fa["ks"][1]["plikter_summa"]["totalt"] > 0
    )
