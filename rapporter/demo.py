"""
Demo data of the annual follow-up for Köping: this year's ärende to kommunstyrelsen with
its tjänsteskrivelse written by Säkerhetsavdelningen and a text for some of the areas, not
yet decided, so KS has something to read and the report something to show. Idempotent: an
ärende already written is left as it is.
"""

from django.db import transaction
from django.utils import timezone

from policy import demo as policy_demo
from policy.models import Omrade, Roll

from . import arenden
from .models import Arende

BERATTELSER = {
    1: (
        "Kommunen har under året arbetat med risk- och sårbarhetsanalysen för mandatperioden "
        "och övat krisledningen tillsammans med Länsstyrelsen och räddningstjänsten. "
        "Krisledningsnämnden aktiverades vid det långvariga elavbrottet i februari; "
        "erfarenheterna har gett åtgärder för reservkraft och samband."
    ),
    4: (
        "Brandskyddsronder har gjorts enligt plan i de flesta skolor och äldreboenden. "
        "Anmärkningarna gäller främst utrymningsvägar och brandcellsgränser och har blivit "
        "åtgärder med ansvarig och datum. Utbildningstäckningen i brandskydd behöver öka."
    ),
    5: (
        "Ett par incidenter med obehörig åtkomst till e-post har hanterats och rapporterats "
        "inom fristen. Arbetet med ledningssystem för informationssäkerhet fortsätter."
    ),
}


@transaction.atomic
def create() -> Arende:
    users = policy_demo.create_users()
    sakerhet = users[Roll.SAKERHETSAVDELNING]
    idag = timezone.localdate()
    befintligt = Arende.objects.filter(ar=idag.year).first()
    if befintligt is not None and (befintligt.forslag_till_beslut or befintligt.last):
        return befintligt
    omraden = dict(Omrade.objects.filter(nummer__in=BERATTELSER).values_list("nummer", "pk"))
    return arenden.arende_spara(
        anvandare=sakerhet,
        ar=idag.year,
        texter={
            "diarienummer": f"KS {idag.year}/412",
            "datum": idag,
            "handlaggare": "Sara Säkerhetshandläggare, säkerhetsavdelningen",
            "forslag_till_beslut": (
                "Kommunstyrelsen godkänner den årliga uppföljningen av säkerhetsarbetet "
                f"{idag.year} och lägger den till handlingarna.\n"
                "Kommunstyrelsen uppdrar åt nämnder och bolag att åtgärda sina försenade "
                "skyldigheter före nästa uppföljning."
            ),
            "sammanfattning": (
                "Säkerhetspolicyn ska följas upp varje år. Uppföljningen visar att de flesta "
                "nämnder och bolag har en aktuell riskanalys och har lämnat sin egenbedömning, "
                "men att flera skyldigheter inom brandskydd och krisberedskap är försenade."
            ),
            "bakgrund": (
                "Kommunfullmäktige har antagit Säkerhetspolicy för Köpings kommunkoncern. "
                "Enligt policyn ska säkerhetsarbetet följas upp årligen och redovisas för "
                "kommunstyrelsen."
            ),
            "bedomning": (
                "Säkerhetsavdelningen bedömer att policyns mål delvis är uppfyllda. Arbetet "
                "med riskanalyser och incidentrapportering fungerar, medan övningar, "
                "utbildning och uppföljning av anmärkningar behöver förstärkas."
            ),
            "beslutsunderlag": f"Egenbedömningar från nämnder och bolag {idag.year}",
            "skickas_till": "Samtliga nämnder\nKöpings kommunala bolag\nSäkerhetsavdelningen",
        },
        berattelser={omraden[n]: text for n, text in BERATTELSER.items() if n in omraden},
    )
