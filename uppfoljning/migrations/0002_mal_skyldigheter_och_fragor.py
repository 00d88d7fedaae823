"""Köping's indicators for the four goals of the policy in force, the duties of the
ansvarsmatris from the policy and the laws, and the self-assessment's questions."""

from django.db import migrations

# (goal's place in the policy, berakning, name, unit, definition)
INDIKATORER = [
    (1, "plikter_i_tid", "Lagstadgade rapporteringar gjorda i tid", "%",
     "Andel av de rapporteringar med tidsfrist (till IMY, CSIRT-enheten, Arbetsmiljöverket, "
     "Säkerhetspolisen) vars frist löpte ut under året som gjordes inom fristen. Fristen "
     "räknas från när kommunen fick kännedom, eller från den rapportering den följer på."),
    (2, "ovningar_och_samverkan", "Övningar och samverkansaktiviteter med andra organisationer",
     "st",
     "Antal övningar och samverkansaktiviteter under året som kommunkoncernen har genomfört "
     "tillsammans med andra organisationer."),
    (3, "riskanalys_aktuell", "Nämnder och bolag med en godkänd, aktuell riskanalys", "%",
     "Andel av nämnderna och bolagen som den 31 december (under pågående år: i dag) har en "
     "riskanalys som Säkerhetsavdelningen har godkänt och vars period omfattar dagen."),
    (3, "median_klassning", "Mediantid från rapport till klassning", "dagar",
     "Median av tiden från att en incident rapporterades under året till att den först togs "
     "emot eller klassades (första mottagningen eller omklassningen i händelseloggen), i "
     "dagar. Incidenter som ännu inte klassats räknas inte."),
    (4, "liv_halsa_hanterade", "Allvarliga risker för liv och hälsa med åtgärd eller acceptans",
     "%",
     "Andel av riskerna på nivå Hög eller Mycket hög med konsekvens för liv och hälsa 3 "
     "(Allvarlig) eller högre, i inlämnade riskanalyser (senaste versionen), som har minst en "
     "åtgärd som inte är struken eller en accepterad restrisk."),
]

# (titel, gäller, organ slug, område, intervall, månad, dag, år i perioden, källa,
#  hänvisning, bevis, beskrivning)
SKYLDIGHETER = [
    ("Risk- och sårbarhetsanalys (RSA) fastställd och rapporterad till Länsstyrelsen",
     "organ", "ks", 1, "mandatperiod", 10, 31, 1, "leh", "2 kap. 1 §; MSBFS 2015:5", "rsa",
     "Rapporteras senast 31 oktober året efter ordinarie val."),
    ("Plan för extraordinära händelser fastställd för mandatperioden",
     "organ", "ks", 1, "mandatperiod", 12, 31, 1, "leh", "2 kap. 1 §", "styrdokument", ""),
    ("Övnings- och utbildningsplan för krisberedskap och civilt försvar",
     "organ", "ks", 1, "mandatperiod", 12, 31, 1, "leh", "2 kap. 9 §", "kvittens", ""),
    ("Krisledningsnämndens reglemente översett",
     "organ", "ks", 1, "mandatperiod", 12, 31, 1, "leh", "2 kap. 2 §", "kvittens", ""),
    ("Övning av den centrala krisledningen",
     "organ", "ks", 1, "arligen", 12, 31, 1, "leh", "2 kap. 9 §", "ovning", ""),
    ("Leda och samordna det strategiska informationssäkerhetsarbetet",
     "organ", "ks", 5, "arligen", 12, 31, 1, "policy", "Ansvar och uppföljning",
     "styrdokument", "Riktlinjen för informationssäkerhet hålls aktuell."),
    ("Säkerhetsskyddsanalys genomförd och dokumenterad",
     "organ", "ks", 3, "arligen", 12, 31, 1, "sakerhetsskyddsforordningen", "2 kap. 1 §",
     "kvittens", "Uppgifter om analysen förs aldrig in i portalen; kvittera med diarienummer."),
    ("Riskhantering och rapportering av betydande incidenter enligt cybersäkerhetslagen",
     "organ", "ks", 6, "arligen", 12, 31, 1, "cybersakerhetslagen", "", "styrdokument", ""),
    ("Årlig uppföljning av säkerhetsarbetet till kommunstyrelsen",
     "organ", "sakerhetsavdelningen", None, "arligen", 12, 31, 1, "policy",
     "Syfte: ständig uppföljning och analys", "kvittens", ""),
    ("Förslag till centrala riktlinjer, anvisningar och rutiner hålls aktuella",
     "organ", "sakerhetsavdelningen", None, "lopande", 12, 31, 1, "policy",
     "Ansvar och uppföljning", "kvittens", ""),
    ("Aktuell riskanalys godkänd av Säkerhetsavdelningen",
     "varje_namnd_och_bolag", None, None, "arligen", 10, 31, 1, "policy",
     "Mål: kontinuerliga riskanalyser", "riskanalys", ""),
    ("Årets egenbedömning besvarad och inlämnad",
     "varje_namnd_och_bolag", None, None, "arligen", 11, 30, 1, "policy",
     "Ansvar och uppföljning", "egenbedomning", ""),
    ("Egenkontroller av brandskyddet i alla lokaler",
     "varje_namnd_och_bolag", None, 4, "arligen", 9, 30, 1, "lso", "2 kap. 2 §", "kvittens", ""),
    ("Register över personuppgiftsincidenter fört, även över dem som inte anmäls",
     "varje_namnd_och_bolag", None, 5, "lopande", 12, 31, 1, "gdpr", "Artikel 33.5",
     "kvittens", ""),
    ("Riskbedömning av hot och våld i verksamheten",
     "varje_namnd_och_bolag", None, 10, "arligen", 12, 31, 1, "arbetsmiljolagen",
     "3 kap. 2 a §; AFS 2023:2", "kvittens", ""),
    ("Deltagande i övning inom krisberedskap och civilt försvar",
     "varje_namnd", None, 1, "vartannat_ar", 12, 31, 2, "leh", "2 kap. 9 §", "ovning", ""),
    ("Översyn av lås, larm och passersystem i egna lokaler",
     "varje_namnd_och_bolag", None, 9, "vartannat_ar", 12, 31, 2, "policy", "Internt skydd",
     "kvittens", ""),
]

FRAGOR = [
    (1, "Har nämnden en aktuell riskanalys?"),
    (1, "Har nämnden en kontinuitetsplan för sin samhällsviktiga verksamhet?"),
    (1, "Har nämndens personal deltagit i en krisberedskapsövning under året?"),
    (2, "Har nämnden rutiner för att upptäcka och motverka otillåten påverkan och "
        "organiserad brottslighet?"),
    (3, "Vet nämnden vilken verksamhet som kan vara säkerhetskänslig och vem som är "
        "säkerhetsskyddschef?"),
    (4, "Har egenkontroller av brandskyddet gjorts i alla lokaler?"),
    (4, "Har all personal fått brandskyddsutbildning enligt plan?"),
    (5, "Har nämnden klassat sina informationstillgångar?"),
    (5, "Registreras alla personuppgiftsincidenter, även de som inte anmäls till IMY?"),
    (6, "Har nämndens verksamhetssystem en utsedd systemägare och en aktuell "
        "behörighetsgenomgång?"),
    (7, "Vet medarbetarna hur misstänkt informationspåverkan rapporteras?"),
    (8, "Har elanläggningarna i nämndens lokaler kontrollerats enligt plan?"),
    (9, "Har lås, larm och passersystem i nämndens lokaler setts över under året?"),
    (10, "Finns en aktuell riskbedömning av hot och våld för verksamhet med ensamarbete "
         "eller publik kontakt?"),
]


def load(apps, schema_editor):
    PolicyVersion = apps.get_model("policy", "PolicyVersion")
    Mal = apps.get_model("policy", "Mal")
    Organ = apps.get_model("policy", "Organ")
    Omrade = apps.get_model("policy", "Omrade")
    Indikator = apps.get_model("uppfoljning", "Indikator")
    Skyldighet = apps.get_model("uppfoljning", "Skyldighet")
    Fraga = apps.get_model("uppfoljning", "Fraga")

    omraden = {o.nummer: o for o in Omrade.objects.all()}
    version = PolicyVersion.objects.filter(status="faststalld").first()
    if version is not None and not Indikator.objects.exists():
        mal = {m.ordning: m for m in Mal.objects.filter(version=version)}
        for ordning, (plats, berakning, namn, enhet, definition) in enumerate(INDIKATORER, 1):
            if plats in mal:
                Indikator.objects.create(mal=mal[plats], ordning=ordning, namn=namn,
                                         definition=definition, berakning=berakning, enhet=enhet)
    if not Skyldighet.objects.exists():
        organ = {o.slug: o for o in Organ.objects.all()}
        for (titel, galler, slug, omrade, intervall, manad, dag, ar_i, kalla, hanvisning,
             bevis, beskrivning) in SKYLDIGHETER:
            if slug and slug not in organ:
                continue
            Skyldighet.objects.create(
                titel=titel, beskrivning=beskrivning, galler=galler,
                organ=organ[slug] if slug else None,
                omrade=omraden.get(omrade) if omrade else None,
                intervall=intervall, forfaller_manad=manad, forfaller_dag=dag,
                forfaller_ar_i_perioden=ar_i, kalla=kalla, kalla_hanvisning=hanvisning,
                bevis=bevis,
            )
    if not Fraga.objects.exists():
        ordning = {}
        for nummer, text in FRAGOR:
            if nummer in omraden:
                ordning[nummer] = ordning.get(nummer, 0) + 1
                Fraga.objects.create(omrade=omraden[nummer], ordning=ordning[nummer], text=text)


class Migration(migrations.Migration):
    dependencies = [
        ("uppfoljning", "0001_ansvarsmatris_och_egenbedomning"),
        ("policy", "0002_forsta_faststallda_policyn"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
