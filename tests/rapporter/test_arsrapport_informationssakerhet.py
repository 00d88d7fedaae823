"""
The annual follow-up's areas Säkerhetsskydd, Informationssäkerhet and IT-säkerhet show the
registers' state, counted as by hand (tests/rapporter/conftest.skapa_informationsregister):
the systems and assets, how many are classified and overdue, the personal data they hold,
the year's personal-data breaches and how many were reported to IMY (a skyddad one only to
a reader who may open it); the systems in the cybersäkerhetslag's scope and their checklist;
and säkerhetsskydd's metadata only to a reader who may open those registers, logged, while
everyone else reads that they are kept separately.
"""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from incidenter.models import Atkomstlogg, Plikttyp, Rapporteringsplikt
from informationssakerhet.models import Sakerhetsskyddsavtal
from lib import pdf
from policy.models import User
from rapporter import arsrapport
from tests.incidenter.factories import incident_factory, skyddad_incident

from .conftest import AR, skapa_informationsregister

pytestmark = pytest.mark.django_db

IDAG = datetime.date(AR, 12, 2)
SEPARAT = "redovisas separat av säkerhetsskyddschefen"


def _tid(m, d):
    return timezone.make_aware(datetime.datetime(AR, m, d, 9, 0))


def _anmald(incident, utford=True):
    Rapporteringsplikt.objects.create(
        incident=incident,
        typ=Plikttyp.objects.get(kod="imy"),
        mottagare="IMY",
        frist=datetime.timedelta(hours=72),
        utford=incident.upptackt + datetime.timedelta(hours=30) if utford else None,
    )


@pytest.fixture
def data(people):
    skapa_informationsregister(IDAG)
    m = people["medarbetare"]
    # The year's breaches: two normal (one reported to IMY, one still running), one skyddad
    # reported; and one of last year, and an incident that is not a breach.
    _anmald(incident_factory(rapportor=m, personuppgiftsincident=True, rapporterad=_tid(3, 1)))
    _anmald(
        incident_factory(rapportor=m, personuppgiftsincident=True, rapporterad=_tid(11, 30)),
        utford=False,
    )
    _anmald(
        skyddad_incident(
            rapportor=people["sakerhetschef"], personuppgiftsincident=True, rapporterad=_tid(5, 5)
        )
    )
    _anmald(
        incident_factory(
            rapportor=m,
            personuppgiftsincident=True,
            rapporterad=timezone.make_aware(datetime.datetime(AR - 1, 6, 1, 9, 0)),
        )
    )
    incident_factory(rapportor=m, rapporterad=_tid(4, 4))


def _ctx(user):
    return arsrapport.context(User.objects.get(pk=user.pk), AR, idag=IDAG)


def _del(ctx, nummer):
    return next(d for d in ctx["omraden"] if d["omrade"].nummer == nummer)


def _omrade(html, nummer):
    return html.split(f'id="omrade-{nummer}"', 1)[1].split('<section id="omrade-', 1)[0]


def test_area_five_counts_the_registers_and_the_years_breaches(data, kommunledning):
    s = _del(_ctx(kommunledning), 5)["informationssakerhet"]
    assert {k: s[k] for k in s} == {
        "system": 4,
        "tillgangar": 5,
        "klassade": 3,
        "andel_klassade": 60,
        "forsenade": 2,
        "med_personuppgifter": 3,
        "kansliga": 1,
        "skyddade": 1,
        # The skyddad breach is not the kommunledning's to see: not even as a number.
        "personuppgiftsincidenter": 2,
        "anmalda_imy": 1,
    }


def test_the_sakerhetschef_counts_the_skyddad_breach(data, sakerhetschef):
    s = _del(_ctx(sakerhetschef), 5)["informationssakerhet"]
    assert (s["personuppgiftsincidenter"], s["anmalda_imy"]) == (3, 2)


def test_a_reader_of_one_body_counts_that_bodys_registers(data, chef):
    s = _del(_ctx(chef), 5)["informationssakerhet"]
    assert (s["system"], s["tillgangar"], s["klassade"], s["forsenade"]) == (2, 3, 2, 1)
    assert (s["med_personuppgifter"], s["kansliga"], s["skyddade"]) == (2, 1, 0)
    it = _del(_ctx(chef), 6)["it_sakerhet"]
    assert (it["system"], it["uppfyller_alla"], it["forsenade"]) == (1, 0, 1)


def test_area_six_summarises_the_checklists_of_the_systems_in_scope(data, kommunledning):
    s = _del(_ctx(kommunledning), 6)["it_sakerhet"]
    assert (s["system"], s["uppfyller_alla"], s["forsenade"]) == (2, 1, 1)
    rader = {r["punkt"].rubrik: r for r in s["punkter"]}
    assert len(rader) == 10 and "Gammal punkt" not in rader
    assert {k: rader["Incidenthantering"][k] for k in ("uppfyllt", "delvis", "andel_uppfyllt")} == {
        "uppfyllt": 1,
        "delvis": 1,
        "andel_uppfyllt": 50,
    }
    assert (rader["Kryptering"]["ej_tillampligt"], rader["Kryptering"]["andel_uppfyllt"]) == (
        2,
        None,
    )
    assert rader["Kryptering"]["obesvarade"] == 0
    assert s["summa"] == {
        "uppfyllt": 17,
        "delvis": 1,
        "ej_uppfyllt": 0,
        "ej_tillampligt": 2,
        "obesvarade": 0,
    }


def test_area_three_shows_the_metadata_to_the_sakerhetschef_and_logs_it(data, sakerhetschef):
    ctx = _ctx(sakerhetschef)
    s = _del(ctx, 3)["sakerhetsskydd"]
    assert s["behorig"] and s["analysstatus"] == "aktuell"
    assert s["analys"].nasta_senast == IDAG + datetime.timedelta(days=365)
    assert s["avtal"] == {"gallande": 2, "gar_ut": 1, "utgangna": 1}
    assert [p["antal"] for p in s["placeringar"]] == [1, 5, 0] and s["placeringar_summa"] == 6
    assert Atkomstlogg.objects.filter(
        anvandare=sakerhetschef, detalj=f"säkerhetsskydd: årlig uppföljning {AR}"
    ).exists()
    # The stored PDF is kept from the others, as one with a skyddad incident is.
    assert ctx["med_skyddade"]


@pytest.mark.parametrize("roll", ["kommunledning", "sakerhetsavdelning"])
def test_area_three_is_kept_separately_for_everyone_else_whatever_it_holds(people, request, roll):
    user = request.getfixturevalue(roll)
    fore = pdf.render_html("rapporter/arsrapport.html", {**_ctx(user), "genererad": None})
    skapa_informationsregister(IDAG)
    Sakerhetsskyddsavtal.objects.update(giltigt_till=IDAG - datetime.timedelta(days=1))
    ctx = _ctx(user)
    assert _del(ctx, 3)["sakerhetsskydd"] == {"behorig": False}
    assert not ctx["med_skyddade"]
    efter = pdf.render_html("rapporter/arsrapport.html", {**ctx, "genererad": None})
    assert _omrade(efter, 3) == _omrade(fore, 3)
    assert SEPARAT in _omrade(efter, 3)
    for ord_ in ("Säkerhetsklass", "Säkerhetsskyddsavtal:", "Säkerhetsskyddsanalys:"):
        assert ord_ not in efter
    assert not Atkomstlogg.objects.exists()


def test_the_registers_keep_the_reports_query_count_flat(data, sakerhetschef, kommunledning):
    def fragor(user):
        user = User.objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as f:
            arsrapport.context(user, AR, idag=IDAG)
        return len(f)

    fore = {u.pk: (fragor(u), fragor(u))[1] for u in (sakerhetschef, kommunledning)}
    _fler_rader(sakerhetschef)
    for u in (sakerhetschef, kommunledning):
        assert fragor(u) == fore[u.pk]


def _fler_rader(sakerhetschef) -> None:
    """More of every register's rows: systems with answers, assets, SUA, positions and
    breaches."""
    from informationssakerhet.models import (
        Checklistsvar,
        Informationstillgang,
        Kontrollpunkt,
        Sakerhetsklassplacering,
        System,
    )
    from policy.models import Enhet, Organ

    organ = Organ.objects.get(slug="bun")
    for i in range(5):
        t = Informationstillgang.objects.create(
            namn=f"Tillgång {i}", organ=organ, personuppgifter="kansliga"
        )
        s = System.objects.create(namn=f"System {i}", organ=organ, cybersakerhetslag=True)
        s.tillgangar.set([t])
        for p in Kontrollpunkt.objects.filter(aktiv=True):
            Checklistsvar.objects.create(
                system=s,
                kontrollpunkt=p,
                status="delvis",
                besvarad_av=sakerhetschef,
                besvarad=timezone.now(),
                nasta_oversyn=IDAG,
            )
        Sakerhetsskyddsavtal.objects.create(
            leverantor=f"Leverantör {i}",
            datum=IDAG,
            giltigt_till=IDAG + datetime.timedelta(days=i),
            ansvarig=sakerhetschef,
        )
        _anmald(
            incident_factory(
                rapportor=sakerhetschef, personuppgiftsincident=True, rapporterad=_tid(2, 1 + i)
            )
        )
    Sakerhetsklassplacering.objects.create(
        enhet=Enhet.objects.get(namn="Ekonomiavdelningen"), klass=3, antal=4
    )


def _platt(data: bytes) -> str:
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u2010\n", ""))


def test_the_pdf_states_the_figures(data, sakerhetschef):
    ctx = _ctx(sakerhetschef)
    text = _platt(pdf.render_pdf("rapporter/arsrapport.html", ctx, titel=ctx["titel"]))
    for rad in (
        # Area 3
        f"Säkerhetsskyddsanalys: senaste {IDAG.day} dec {AR - 1}",
        "Aktuell.",
        f"Säkerhetsskyddsavtal: 2 gällande, varav 1 går ut inom 60 dagar; 1 gick ut under {AR}.",
        "Säkerhetsklass 1 1",
        "Säkerhetsklass 2 5",
        "Säkerhetsklass 3 0",
        # Area 5
        "System 4",
        "Informationstillgångar 5",
        "Klassade tillgångar 3 (60 %)",
        "Försenade översyner av klassningen 2",
        "Tillgångar med personuppgifter 3",
        "varav känsliga personuppgifter 1",
        "varav skyddade personuppgifter 1",
        f"Personuppgiftsincidenter {AR} 3",
        "varav anmälda till IMY 2",
        # Area 6
        "2 system omfattas av cybersäkerhetslagen (2025:1506).",
        "1 av dem uppfyller alla tillämpliga riskhanteringsåtgärder.",
        "Försenade översyner av svaren: 1.",
        "Incidenthantering 1 (50 %) 1 0 0 0",
        "Kryptering 0 0 0 2 0",
    ):
        assert rad in text, rad
