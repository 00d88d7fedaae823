"""
Fill a database with data at the volume of a real municipality, for the benchmark
(bench/run) and for looking at the pages with ten years of history behind them.

    python manage.py seed_volume --incidents 100000 --risks 5000 --users 500 --years 10

The numbers are totals, not additions: a second run with the same flags adds nothing, and a
run with larger numbers adds only the difference. Everything goes in with bulk inserts in
batches (rows are built in Python, no per-row save(), no signals), so 100 000 incidents take
minutes on PostgreSQL. Derived columns that the services would normally set (a risk's level,
an incident's reference number and the yearly number series) are computed here with the
same code (Risk.berakna, the INC-YYYY-NNNN format) so the data reads as if it had been typed.

It lives in risker, the app that may import both incidenter and risker (docs/architecture.md).

The volume users get an unusable password: they cannot log in with a password, so a seeded
database never carries a known login beyond the demo ones. The benchmark logs in by
creating sessions directly.
"""

import datetime
import random
import time
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from incidenter.models import (
    Handelse,
    Incident,
    Kategori,
    Plikttyp,
    Rapporteringsplikt,
    Referensserie,
)
from policy import demo
from policy.models import Enhet, Omrade, Organ, Roll, User

PREFIX = "vol"
BATCH = 5000

# How the users are spread over the roles (the rest are medarbetare). Chefs come on top:
# every unit without a chef gets one from the medarbetare.
ROLLFORDELNING = [
    (Roll.SAKERHETSAVDELNING, 6),
    (Roll.SAKERHETSCHEF, 1),
    (Roll.KOMMUNLEDNING, 4),
    (Roll.EXTERN_PART, 20),
    (Roll.SYSTEMADMINISTRATOR, 2),
]

FORNAMN = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Anders",
    "Eva",
    "Johan",
    "Sara",
    "Per",
    "Lena",
    "Mikael",
    "Emma",
    "Fredrik",
    "Sofia",
    "Jonas",
    "Elin",
    "Magnus",
    "Ida",
    "Olof",
    "Aisha",
    "Mehmet",
    "Leila",
    "Omar",
    "Nora",
    "Ali",
    "Hanna",
    "Viktor",
    "Maja",
    "Oskar",
]
EFTERNAMN = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Lindberg",
    "Lindqvist",
    "Berg",
    "Holm",
    "Sandberg",
    "Ahmadi",
    "Yilmaz",
    "Hassan",
    "Lundgren",
    "Ek",
    "Wallin",
]
PLATSER = [
    "Huvudentrén",
    "Personalrummet",
    "Expeditionen",
    "Skolgården",
    "Köket",
    "Korridor plan 2",
    "Serverrummet",
    "Parkeringen",
    "Receptionen",
    "Lager",
    "Omklädningsrummet",
    "Matsalen",
    "Biblioteket",
    "Verkstaden",
    "Kontorslandskapet",
    "Hemma hos brukare",
    "Stadshuset",
]
BESKRIVNINGAR = [
    "Upptäcktes vid morgonens rond. Ingen person skadades.",
    "En medarbetare såg händelsen och larmade närmaste chef.",
    "Händelsen pågick under kort tid och är nu under kontroll.",
    "Samma sak har hänt tidigare i år enligt personalen.",
    "Rapporteras för kännedom; verksamheten påverkades i ungefär en timme.",
    "Besökare uppmärksammade personalen på det inträffade.",
]
RISKTITLAR = {
    1: [
        "Långvarigt elavbrott",
        "Avbrott i dricksvattenförsörjningen",
        "Extremväder",
        "Pandemi med hög frånvaro",
        "Störning i drivmedelsförsörjningen",
    ],
    2: [
        "Skadegörelse på kommunala fastigheter",
        "Otrygg miljö i centrum",
        "Otillåten påverkan från organiserad brottslighet",
    ],
    3: [
        "Obehörigt tillträde till skyddsobjekt",
        "Röjande av säkerhetsskyddsklassificerade uppgifter",
    ],
    4: ["Brand i kök", "Anlagd brand", "Blockerade utrymningsvägar", "Brist i brandlarm"],
    5: [
        "Felskickad e-post med personuppgifter",
        "För vida behörigheter i verksamhetssystem",
        "Förlorade pappershandlingar",
    ],
    6: [
        "Ransomware-angrepp",
        "Nätfiske mot medarbetare",
        "Avbrott hos molnleverantör",
        "Sårbarhet i verksamhetssystem",
    ],
    7: ["Desinformation om kommunens verksamhet", "Falska konton i kommunens namn"],
    8: ["Elolycka vid underhåll", "Bristande elanläggning i äldre fastighet"],
    9: ["Inbrott i förråd", "Stöld av utrustning", "Fel i passersystem"],
    10: ["Hot och våld mot personal", "Trakasserier mot förtroendevalda", "Ensamarbete"],
}
ATGARDER = [
    "Utbilda personalen",
    "Se över rutinen",
    "Installera larm",
    "Byt lås och passerkort",
    "Inför tvåfaktorsinloggning",
    "Genomför övning",
    "Uppdatera kontinuitetsplanen",
    "Komplettera brandskyddsdokumentationen",
    "Se över behörigheterna",
    "Köp in reservkraft",
]


def _tid(rng: random.Random, start: datetime.datetime, slut: datetime.datetime):
    return start + datetime.timedelta(seconds=rng.uniform(0, (slut - start).total_seconds()))


class Command(BaseCommand):
    help = "Fyller databasen med data i en verklig kommuns volym (för prestandamätning)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--incidents", type=int, default=100_000, help="Antal incidenter totalt."
        )
        parser.add_argument("--risks", type=int, default=5_000, help="Antal risker totalt.")
        parser.add_argument("--users", type=int, default=500, help="Antal volymanvändare.")
        parser.add_argument("--years", type=int, default=10, help="Så många år bakåt.")
        parser.add_argument("--seed", type=int, default=1, help="Slumpfrö (samma frö, samma data).")
        parser.add_argument("--batch-size", type=int, default=BATCH)
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Kör även när DEBUG är av (till exempel i prestandamätningen).",
        )

    def handle(self, *args, **o):
        if not settings.DEBUG and not o["allow_production"]:
            raise CommandError(
                "Volymdata läggs inte in när DEBUG är av: den hör inte hemma i produktion. "
                "Ange --allow-production om databasen är en testdatabas."
            )
        if o["years"] < 1 or min(o["incidents"], o["risks"], o["users"]) < 0:
            raise CommandError("Antalen får inte vara negativa och --years måste vara minst 1.")
        self.rng = random.Random(o["seed"])
        self.batch = o["batch_size"]
        self.nu = timezone.now()
        self.years = o["years"]
        start = time.monotonic()

        demo.create_organisation()
        demo.create_users()
        self._las_organisation()
        self._anvandare(o["users"])
        n = self._incidenter(o["incidents"])
        self.stdout.write(f"Incidenter: {n} nya ({time.monotonic() - start:.1f} s).")
        m = self._risker(o["risks"])
        self.stdout.write(f"Risker: {m} nya ({time.monotonic() - start:.1f} s).")
        # Bulk inserts send no post_save: the cached register and matrix, and the incident
        # list's shared counts, must hear of them.
        from incidenter import queries
        from risker.register import data_andrad

        data_andrad()
        queries.data_andrad()
        self.stdout.write(
            self.style.SUCCESS(
                f"Klart på {time.monotonic() - start:.1f} s: {Incident.objects.count()} incidenter, "
                f"{self._risk_model().objects.count()} risker, "
                f"{User.objects.count()} användare."
            )
        )

    # --- organisation and people -------------------------------------------------------

    def _las_organisation(self):
        self.organ = list(Organ.objects.order_by("pk"))
        self.enheter = list(Enhet.objects.select_related("organ").order_by("pk"))
        self.omraden = list(Omrade.objects.order_by("nummer"))
        self.kategorier = list(Kategori.objects.filter(aktiv=True).order_by("pk"))
        if not self.omraden or not self.kategorier:
            raise CommandError("Säkerhetsområden och kategorier saknas: kör migrate först.")
        self.grupper = {g.name: g for g in Group.objects.filter(name__in=Roll.values)}

    def _anvandare(self, antal: int):
        befintliga = set(
            User.objects.filter(username__startswith=f"{PREFIX}-").values_list(
                "username", flat=True
            )
        )
        rng = self.rng
        losen = make_password(None)  # unusable: volume users never log in with a password
        roller = []
        for roll, n in ROLLFORDELNING:
            roller += [roll] * max(1, round(n * antal / 500)) if antal else []
        roller += [Roll.MEDARBETARE] * max(0, antal - len(roller))
        roller = roller[:antal]
        saker = [e for e in self.enheter if e.organ.typ == Organ.Typ.SAKERHETSAVDELNING]
        ks = [e for e in self.enheter if e.organ.typ == Organ.Typ.KS]
        nya, nya_roller = [], []
        for i, roll in enumerate(roller, start=1):
            namn = f"{PREFIX}-{i:05d}"
            if namn in befintliga:
                continue
            if roll in (Roll.SAKERHETSAVDELNING, Roll.SAKERHETSCHEF) and saker:
                enhet = rng.choice(saker)
            elif roll in (Roll.KOMMUNLEDNING, Roll.SYSTEMADMINISTRATOR) and ks:
                enhet = rng.choice(ks)
            else:
                enhet = rng.choice(self.enheter)
            fornamn, efternamn = rng.choice(FORNAMN), rng.choice(EFTERNAMN)
            nya.append(
                User(
                    username=namn,
                    password=losen,
                    first_name=fornamn,
                    last_name=efternamn,
                    email=f"{namn}@volym.koping.se",
                    enhet=enhet,
                    organisation="Entreprenad i Västmanland AB" if roll == Roll.EXTERN_PART else "",
                    is_staff=roll == Roll.SYSTEMADMINISTRATOR,
                    date_joined=self.nu
                    - datetime.timedelta(days=rng.randint(30, 365 * self.years)),
                )
            )
            nya_roller.append(roll)
        with transaction.atomic():
            User.objects.bulk_create(nya, batch_size=self.batch)
            skapade = {
                u.username: u for u in User.objects.filter(username__in=[u.username for u in nya])
            }
            User.history.bulk_history_create(list(skapade.values()), batch_size=self.batch)
            Through = User.groups.through
            Through.objects.bulk_create(
                [
                    Through(user_id=skapade[u.username].pk, group_id=self.grupper[roll].pk)
                    for u, roll in zip(nya, nya_roller, strict=True)
                ],
                batch_size=self.batch,
                ignore_conflicts=True,
            )
            # Every unit has a chef; a nämnd or bolag has a nämndföreträdare.
            vol = list(
                User.objects.filter(
                    username__startswith=f"{PREFIX}-", groups__name=Roll.MEDARBETARE
                ).order_by("username")
            )
            if vol:
                ChefThrough = Enhet.chefer.through
                har_chef = set(ChefThrough.objects.values_list("enhet_id", flat=True))
                chef_grupp = self.grupper[Roll.CHEF]
                nya_chefer = []
                for enhet in self.enheter:
                    if enhet.pk in har_chef:
                        continue
                    chef = vol.pop() if vol else None
                    if chef is None:
                        break
                    nya_chefer.append((enhet, chef))
                ChefThrough.objects.bulk_create(
                    [ChefThrough(enhet_id=e.pk, user_id=c.pk) for e, c in nya_chefer],
                    ignore_conflicts=True,
                )
                Through.objects.bulk_create(
                    [Through(user_id=c.pk, group_id=chef_grupp.pk) for _e, c in nya_chefer],
                    ignore_conflicts=True,
                )
                for enhet, chef in nya_chefer:
                    if chef.enhet_id != enhet.pk:
                        User.objects.filter(pk=chef.pk).update(enhet=enhet)
                foretradda = set(
                    User.objects.filter(groups__name=Roll.NAMNDFORETRADARE).values_list(
                        "enhet__organ_id", flat=True
                    )
                )
                ntr = []
                for organ in self.organ:
                    if organ.har_eget_verksamhetsansvar and organ.pk not in foretradda and vol:
                        enhet = next((e for e in self.enheter if e.organ_id == organ.pk), None)
                        if enhet is None:
                            continue
                        u = vol.pop()
                        User.objects.filter(pk=u.pk).update(enhet=enhet)
                        ntr.append(
                            Through(user_id=u.pk, group_id=self.grupper[Roll.NAMNDFORETRADARE].pk)
                        )
                Through.objects.bulk_create(ntr, ignore_conflicts=True)

        self.users = list(User.objects.filter(is_active=True).order_by("pk"))
        per_roll = defaultdict(list)
        for user_id, namn in User.groups.through.objects.values_list("user_id", "group__name"):
            per_roll[namn].append(user_id)
        self.per_roll = per_roll
        self.per_enhet = defaultdict(list)
        for u in self.users:
            if u.enhet_id and u.pk not in set(per_roll[Roll.EXTERN_PART]):
                self.per_enhet[u.enhet_id].append(u.pk)
        self.chef_for = defaultdict(list)
        for enhet_id, user_id in Enhet.chefer.through.objects.values_list("enhet_id", "user_id"):
            self.chef_for[enhet_id].append(user_id)
        self.user_by_id = {u.pk: u for u in self.users}
        self.stdout.write(f"Användare: {len(nya)} nya, {len(self.users)} totalt.")

    # --- incidents ---------------------------------------------------------------------

    def _incidenter(self, totalt: int) -> int:
        antal = totalt - Incident.objects.count()
        if antal <= 0:
            return 0
        rng = self.rng
        nu = self.nu
        forsta_ar = timezone.localtime(nu).year - self.years + 1
        # More reports each year: reporting grows as the routine becomes known.
        vikter = [1 + 0.08 * i for i in range(self.years)]
        per_ar = defaultdict(int)
        for ar in rng.choices(range(forsta_ar, forsta_ar + self.years), weights=vikter, k=antal):
            per_ar[ar] += 1
        tz = timezone.get_current_timezone()
        sakerhetsskydd = [k for k in self.kategorier if k.ar_sakerhetsskydd]
        vanliga = [k for k in self.kategorier if not k.ar_sakerhetsskydd]
        handlaggare = self.per_roll[Roll.SAKERHETSAVDELNING] or [self.users[0].pk]
        externa = self.per_roll[Roll.EXTERN_PART]
        alla_user_ids = [u.pk for u in self.users]
        enheter = [e for e in self.enheter if e.organ.typ != Organ.Typ.KF]
        enhet_vikter = [3 if e.typ == Enhet.Typ.ENHET else 1 for e in enheter]
        plikttyper = defaultdict(list)
        for t in Plikttyp.objects.all():
            plikttyper[t.utlosare].append(t)
        S = Incident.Status

        skapade = 0
        for ar in sorted(per_ar):
            serie = (
                Referensserie.objects.filter(ar=ar).values_list("senaste", flat=True).first() or 0
            )
            storst = Incident.objects.filter(ar=ar).aggregate(m=Max("lopnummer"))["m"] or 0
            nasta = max(serie, storst) + 1
            start = datetime.datetime(ar, 1, 1, tzinfo=tz)
            slut = min(
                datetime.datetime(ar + 1, 1, 1, tzinfo=tz), nu - datetime.timedelta(minutes=5)
            )
            tider = sorted(_tid(rng, start, slut) for _ in range(per_ar[ar]))
            objs, handelser_data = [], []
            for j, rapporterad in enumerate(tider):
                alder = (nu - rapporterad).days
                enhet = rng.choices(enheter, weights=enhet_vikter)[0]
                if externa and rng.random() < 0.04:
                    rapportor = rng.choice(externa)
                else:
                    rapportor = rng.choice(self.per_enhet.get(enhet.pk) or alla_user_ids)
                upptackt = rapporterad - datetime.timedelta(minutes=rng.randint(0, 72 * 60))
                intraffade = upptackt - datetime.timedelta(minutes=rng.randint(0, 48 * 60))
                if rng.random() < 0.003 and sakerhetsskydd:
                    kategori = rng.choice(sakerhetsskydd)
                elif alder < 14 and rng.random() < 0.3:
                    kategori = None  # not triaged yet
                else:
                    kategori = rng.choice(vanliga)
                if alder < 7:
                    status = rng.choice([S.RAPPORTERAD, S.RAPPORTERAD, S.MOTTAGEN])
                elif alder < 60:
                    status = rng.choice([S.MOTTAGEN, S.UNDER_UTREDNING, S.ATGARDAD, S.AVSLUTAD])
                elif alder < 365:
                    status = rng.choices(
                        [S.UNDER_UTREDNING, S.ATGARDAD, S.AVSLUTAD, S.AVVISAD],
                        weights=[1, 2, 12, 1],
                    )[0]
                else:
                    status = rng.choices([S.AVSLUTAD, S.AVVISAD], weights=[20, 1])[0]
                ss = kategori is not None and kategori.ar_sakerhetsskydd
                skyddad = ss or rng.random() < 0.02
                handlad = status != S.RAPPORTERAD
                kat_namn = kategori.namn if kategori else ""
                i = Incident(
                    ar=ar,
                    lopnummer=nasta + j,
                    referens=f"INC-{ar}-{nasta + j:04d}",
                    rubrik="Säkerhetsskyddshändelse"
                    if ss
                    else (f"{kat_namn or 'Händelse'}: {rng.choice(PLATSER).lower()}"),
                    beskrivning="" if ss else rng.choice(BESKRIVNINGAR),
                    intraffade=intraffade,
                    upptackt=upptackt,
                    rapporterad=rapporterad,
                    rapportor_id=rapportor,
                    enhet_id=enhet.pk,
                    plats="" if ss else rng.choice(PLATSER),
                    personskada_eller_fara=rng.random() < 0.05,
                    omrade_id=kategori.omrade_id if kategori else None,
                    kategori=kategori,
                    kontaktperson=self.user_by_id[rapportor].get_full_name() if ss else "",
                    status=status,
                    konfidentialitet=(
                        Incident.Konfidentialitet.SKYDDAD
                        if skyddad
                        else Incident.Konfidentialitet.NORMAL
                    ),
                    allvarlighet=(
                        rng.choice(["lag", "lag", "medel", "medel", "hog", "kritisk"])
                        if handlad
                        else Incident.Allvarlighet.EJ_BEDOMD
                    ),
                    handlaggare_id=rng.choice(handlaggare) if handlad else None,
                    orsak="Bristande rutin." if status in (S.ATGARDAD, S.AVSLUTAD) else "",
                    lardomar="Rutinen är uppdaterad." if status == S.AVSLUTAD else "",
                    avvisningsorsak="Inte en säkerhetsincident." if status == S.AVVISAD else "",
                    diarienummer=f"KS {ar}/{1000 + nasta + j}" if handlad else "",
                    personuppgiftsincident=kat_namn == "Personuppgiftsincident",
                    betydande_cyberincident=kat_namn in ("Intrång", "Skadlig kod")
                    and rng.random() < 0.1,
                    brott=kat_namn in ("Inbrott", "Stöld", "Skadegörelse", "Hot", "Våld"),
                    notifierad=rapporterad + datetime.timedelta(seconds=30),
                    personuppgifter_gallrade=(
                        rapporterad + datetime.timedelta(days=36 * 30)
                        if alder > 36 * 30 + 30
                        else None
                    ),
                )
                i._history_date = rapporterad
                i._history_user = self.user_by_id[rapportor]
                objs.append(i)
                handelser_data.append((status, handlad))
            with transaction.atomic():
                Incident.objects.bulk_create(objs, batch_size=self.batch)
                Incident.history.bulk_history_create(objs, batch_size=self.batch)
                handelser, plikter = [], []
                for i, (status, handlad) in zip(objs, handelser_data, strict=True):
                    handelser.append(
                        Handelse(
                            incident_id=i.pk,
                            typ=Handelse.Typ.STATUS,
                            till_status=S.RAPPORTERAD,
                            anvandare_id=i.rapportor_id,
                            tidpunkt=i.rapporterad,
                        )
                    )
                    if handlad:
                        handelser.append(
                            Handelse(
                                incident_id=i.pk,
                                typ=Handelse.Typ.STATUS,
                                fran_status=S.RAPPORTERAD,
                                till_status=status,
                                anvandare_id=i.handlaggare_id,
                                tidpunkt=min(
                                    i.rapporterad + datetime.timedelta(days=rng.randint(1, 30)), nu
                                ),
                            )
                        )
                    for falt in ("personuppgiftsincident", "betydande_cyberincident", "brott"):
                        if not getattr(i, falt):
                            continue
                        for typ in plikttyper[falt]:
                            gjord = (nu - i.rapporterad).days > 3 or rng.random() < 0.5
                            plikter.append(
                                Rapporteringsplikt(
                                    incident_id=i.pk,
                                    typ=typ,
                                    mottagare=typ.mottagare,
                                    frist=typ.frist,
                                    frist_manader=typ.frist_manader,
                                    lagtext=typ.lagtext,
                                    utford=i.upptackt + datetime.timedelta(hours=rng.randint(1, 20))
                                    if gjord
                                    else None,
                                    utford_av_id=i.handlaggare_id if gjord else None,
                                )
                            )
                Handelse.objects.bulk_create(handelser, batch_size=self.batch)
                Rapporteringsplikt.objects.bulk_create(plikter, batch_size=self.batch)
                self._incidentatgarder(objs)
                # New submits continue the series after the seeded numbers.
                Referensserie.objects.update_or_create(
                    ar=ar, defaults={"senaste": nasta + len(objs) - 1}
                )
            skapade += len(objs)
            self.stdout.write(f"  {ar}: {len(objs)} incidenter")
        return skapade

    def _incidentatgarder(self, incidenter):
        from risker.models import Atgard

        rng = self.rng
        idag = timezone.localdate()
        objs = []
        for i in incidenter:
            if (
                i.status in (Incident.Status.RAPPORTERAD, Incident.Status.AVVISAD)
                or rng.random() > 0.2
            ):
                continue
            ansvarig = rng.choice(self.chef_for.get(i.enhet_id) or [i.handlaggare_id])
            forfaller = i.rapporterad.date() + datetime.timedelta(days=rng.randint(14, 120))
            klar = i.status == Incident.Status.AVSLUTAD or (forfaller < idag and rng.random() < 0.9)
            a = Atgard(
                beskrivning=rng.choice(ATGARDER),
                ansvarig_id=ansvarig,
                organ_id=self._organ_for_enhet(i.enhet_id),
                forfallodatum=forfaller,
                status=Atgard.Status.KLAR if klar else Atgard.Status.PLANERAD,
                incident_id=i.pk,
                skapad=i.rapporterad + datetime.timedelta(days=1),
                skapad_av_id=i.handlaggare_id or i.rapportor_id,
                klar_datum=min(forfaller, idag) if klar else None,
            )
            a._history_date = a.skapad
            objs.append(a)
        Atgard.objects.bulk_create(objs, batch_size=self.batch)
        Atgard.history.bulk_history_create(objs, batch_size=self.batch)

    def _organ_for_enhet(self, enhet_id):
        if not hasattr(self, "_enhet_organ"):
            self._enhet_organ = {e.pk: e.organ_id for e in self.enheter}
        return self._enhet_organ[enhet_id]

    # --- risk analyses -----------------------------------------------------------------

    def _risk_model(self):
        from risker.models import Risk

        return Risk

    def _risker(self, totalt: int) -> int:
        from risker.models import Atgard, Risk, Riskanalys, Skala

        antal = totalt - Risk.objects.count()
        if antal <= 0:
            return 0
        rng = self.rng
        skala = Skala.aktuell()
        if skala is None:
            raise CommandError("Ingen bedömningsskala finns: kör migrate först.")
        idag = timezone.localdate()
        forsta_ar = idag.year - self.years + 1
        # The owners: each body with its own responsibility, and each of its units.
        agare = []
        for organ in self.organ:
            if organ.har_eget_verksamhetsansvar:
                agare.append((organ, None))
                agare += [
                    (organ, e)
                    for e in self.enheter
                    if e.organ_id == organ.pk and e.typ == Enhet.Typ.ENHET
                ]
        # One analysis per owner and year, each a revision of the year before. The number of
        # risks per analysis follows from the total asked for.
        analyser_totalt = len(agare) * self.years
        per_analys = antal // analyser_totalt
        rest = antal - per_analys * analyser_totalt
        ntr = self.per_roll[Roll.NAMNDFORETRADARE] or [self.users[0].pk]
        granskare = self.per_roll[Roll.SAKERHETSAVDELNING] or [self.users[0].pk]
        raknare = Riskanalys.objects.count()
        analyser, plan = [], []
        for organ, enhet in agare:
            for k, ar in enumerate(range(forsta_ar, idag.year + 1)):
                senaste = ar == idag.year
                status = (
                    rng.choice(
                        [
                            Riskanalys.Status.UTKAST,
                            Riskanalys.Status.INLAMNAD,
                            Riskanalys.Status.GODKAND,
                            Riskanalys.Status.GODKAND,
                        ]
                    )
                    if senaste
                    else Riskanalys.Status.GODKAND
                )
                inlamnad = (
                    timezone.make_aware(datetime.datetime(ar, 3, rng.randint(1, 28)))
                    if status != Riskanalys.Status.UTKAST
                    else None
                )
                godkand = (
                    inlamnad + datetime.timedelta(days=rng.randint(10, 40))
                    if status == Riskanalys.Status.GODKAND
                    else None
                )
                if godkand and godkand > self.nu:
                    godkand = self.nu
                raknare += 1
                a = Riskanalys(
                    titel=f"Riskanalys {enhet.namn if enhet else organ.namn} {ar}",
                    organ=organ,
                    enhet=enhet,
                    period_fran=datetime.date(ar, 1, 1),
                    period_till=datetime.date(ar, 12, 31)
                    if not senaste
                    else datetime.date(ar + 1, 12, 31),
                    metodbeskrivning="Workshop med chefer och skyddsombud; kommunens standardskala.",
                    skala=skala,
                    status=status,
                    diarienummer=f"{organ.kortnamn or 'KS'} {ar}/{100 + raknare}",
                    skapad=timezone.make_aware(datetime.datetime(ar, 1, 15)),
                    skapad_av_id=rng.choice(ntr),
                    inlamnad=inlamnad,
                    inlamnad_av_id=rng.choice(ntr) if inlamnad else None,
                    godkand=godkand,
                    godkand_av_id=rng.choice(granskare) if godkand else None,
                    granskare_id=rng.choice(granskare) if godkand else None,
                    senast_granskad=godkand,
                )
                a._history_date = a.skapad
                analyser.append(a)
                plan.append((organ, enhet, k))
        with transaction.atomic():
            Riskanalys.objects.bulk_create(analyser, batch_size=self.batch)
            Riskanalys.history.bulk_history_create(analyser, batch_size=self.batch)
            # Chain the revisions: each year's analysis revises the year before.
            foregaende = {}
            uppdatera = []
            for a, (organ, enhet, _k) in zip(analyser, plan, strict=True):
                nyckel = (organ.pk, enhet.pk if enhet else None)
                if nyckel in foregaende:
                    a.revision_av_id = foregaende[nyckel]
                    uppdatera.append(a)
                foregaende[nyckel] = a.pk
            Riskanalys.objects.bulk_update(uppdatera, ["revision_av"], batch_size=self.batch)
            OmrThrough = Riskanalys.omraden.through
            omr_rader, risker = [], []
            for n, a in enumerate(analyser):
                valda = rng.sample(self.omraden, k=min(len(self.omraden), rng.randint(3, 6)))
                omr_rader += [OmrThrough(riskanalys_id=a.pk, omrade_id=o.pk) for o in valda]
                for _ in range(per_analys + (1 if n < rest else 0)):
                    omrade = rng.choice(valda)
                    titlar = RISKTITLAR.get(omrade.nummer) or ["Risk"]
                    lh = rng.choices([1, 2, 3, 4, 5], weights=[5, 4, 3, 2, 1])[0]
                    r = Risk(
                        riskanalys_id=a.pk,
                        titel=rng.choice(titlar),
                        beskrivning="Bedömd i workshop.",
                        orsak="Se analysens metodbeskrivning.",
                        omrade=omrade,
                        organ_id=a.organ_id,
                        enhet_id=a.enhet_id,
                        skala=skala,
                        sannolikhet=rng.randint(1, 5),
                        kons_liv_halsa=lh,
                        kons_verksamhet=rng.randint(1, 5),
                        kons_miljo=rng.choices([1, 2, 3], weights=[6, 3, 1])[0],
                        kons_ekonomi=rng.randint(1, 4),
                        kons_fortroende=rng.randint(1, 5),
                        nasta_oversyn=a.period_till,
                        skapad=a.skapad,
                    )
                    r.berakna()  # the same rule as the service: levels.py
                    if rng.random() < 0.3:
                        r.rest_sannolikhet = max(1, r.sannolikhet - 1)
                        r.rest_konsekvens = max(1, r.konsekvens - 1)
                    r._history_date = r.skapad
                    risker.append(r)
            OmrThrough.objects.bulk_create(omr_rader, batch_size=self.batch)
            Risk.objects.bulk_create(risker, batch_size=self.batch)
            Risk.history.bulk_history_create(risker, batch_size=self.batch)
            atgarder = []
            for r in risker:
                for _ in range(rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]):
                    forfaller = r.skapad.date() + datetime.timedelta(days=rng.randint(30, 540))
                    klar = forfaller < idag and rng.random() < 0.85
                    chefer = self.chef_for.get(r.enhet_id) if r.enhet_id else None
                    a = Atgard(
                        beskrivning=rng.choice(ATGARDER),
                        ansvarig_id=rng.choice(chefer or ntr),
                        organ_id=r.organ_id,
                        forfallodatum=forfaller,
                        status=Atgard.Status.KLAR if klar else rng.choice(list(Atgard.OPPNA)),
                        risk_id=r.pk,
                        skapad=r.skapad,
                        skapad_av_id=rng.choice(ntr),
                        klar_datum=forfaller if klar else None,
                    )
                    a._history_date = a.skapad
                    atgarder.append(a)
            Atgard.objects.bulk_create(atgarder, batch_size=self.batch)
            Atgard.history.bulk_history_create(atgarder, batch_size=self.batch)
            # Some risks have happened: link them to incidents of the same area and body.
            LankThrough = Risk.incidenter.through
            kandidater = list(
                Incident.objects.filter(omrade__isnull=False).values_list("pk", flat=True)
            )
            lankar = (
                {
                    (r.pk, rng.choice(kandidater))
                    for r in rng.sample(risker, k=min(len(risker), len(risker) // 5))
                }
                if kandidater
                else set()
            )
            LankThrough.objects.bulk_create(
                [LankThrough(risk_id=r, incident_id=i) for r, i in lankar],
                batch_size=self.batch,
                ignore_conflicts=True,
            )
        return len(risker)
