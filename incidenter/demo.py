"""
Demo incidents for seed_demo: a year of reports in Barn- och utbildningsnämnden and
Socialnämnden in every status, a prioritised one, one with running legal clocks, a
skyddad threat and a säkerhetsskyddshändelse. Made through the services, like real ones.

Idempotent: nothing is added when demo incidents already exist.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from policy.models import User

from . import services
from .models import Incident, Kategori

# (rubrik, kategori, dagar sedan, skadad/fara, övergångar, fynd)
DEMO = [
    (
        "Stöld av bärbar dator i personalrummet",
        "Stöld",
        40,
        False,
        ["ta_emot", "utred", "atgarda", "avsluta"],
        {"brott": True},
    ),
    (
        "Felskickat e-postmeddelande med elevuppgifter",
        "Felskickad information",
        2,
        False,
        ["ta_emot"],
        {"personuppgiftsincident": True},
    ),
    ("Elev hotade lärare med kniv", "Hot", 1, True, [], {}),
    ("Brandlarm utlöst av matlagning", "Onödigt larm", 15, False, ["ta_emot", "utred"], {}),
    (
        "Nätfiskemejl till hela förvaltningen",
        "Nätfiske",
        6,
        False,
        ["ta_emot", "utred", "atgarda"],
        {},
    ),
    ("Klotter på skolans fasad", "Klotter", 25, False, ["avvisa"], {}),
    (
        "Strömavbrott i skolköket",
        "Avbrott i el, vatten, värme eller tele",
        70,
        False,
        ["ta_emot", "utred", "atgarda", "avsluta"],
        {},
    ),
    ("Obehörig person i skolans korridorer", "Otrygg miljö", 0, False, [], {}),
]


@transaction.atomic
def create() -> None:
    if Incident.objects.filter(rapportor__username="medarbetare").exists():
        return
    medarbetare = User.objects.get(username="medarbetare")
    sakerhet = User.objects.get(username="sakerhet")
    chef = User.objects.get(username="sakerhetschef")
    extern = User.objects.get(username="extern")
    nu = timezone.now()
    for rubrik, kategori, dagar, fara, overgangar, fynd in DEMO:
        tid = nu - timedelta(days=dagar, hours=2)
        incident = services.incident_create(
            user=medarbetare,
            rubrik=rubrik,
            beskrivning=f"{rubrik}. Upptäcktes av personal på plats.",
            intraffade=tid,
            enhet=medarbetare.enhet,
            plats="Ullvigymnasiet",
            personskada_eller_fara=fara,
            kategori=Kategori.objects.get(namn=kategori),
        )
        Incident.objects.filter(pk=incident.pk).update(
            rapporterad=tid + timedelta(hours=1), upptackt=tid
        )
        incident.refresh_from_db()
        for namn in overgangar:
            services.incident_transition(
                user=sakerhet,
                incident=incident,
                overgang=namn,
                text="Dubblett." if namn == "avvisa" else "",
            )
        if fynd:
            services.incident_triage(user=sakerhet, incident=incident, **fynd)
    hot = services.incident_create(
        user=medarbetare,
        rubrik="Hot mot namngiven rektor i sociala medier",
        beskrivning="Hotfulla inlägg riktade mot rektorn.",
        intraffade=nu - timedelta(days=3),
        enhet=medarbetare.enhet,
        kategori=Kategori.objects.get(namn="Hot"),
        personskada_eller_fara=True,
    )
    services.incident_triage(
        user=chef, incident=hot, konfidentialitet=Incident.Konfidentialitet.SKYDDAD, brott=True
    )
    services.incident_create(
        user=extern,
        rubrik="Trasig dörrstängare vid varumottagningen",
        beskrivning="Dörren går inte i lås.",
        intraffade=nu - timedelta(days=1),
        enhet=extern.enhet,
        kategori=Kategori.objects.get(namn="Passersystem"),
    )
