"""
Fill a database with exercises, training and inspections at the volume of a real
municipality, for the benchmark (bench/run): premises for every unit, and activities over
the years behind and the year ahead, some done with answers and anmärkningar, some overdue.

    python manage.py seed_aktiviteter --aktiviteter 20000

The number is a total: a second run adds nothing, a larger number adds the difference.
Bulk inserts in batches (no save(), no signals, no history), like seed_volume.
"""

import datetime
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from policy.models import Enhet, User
from verksamhet.models import Aktivitet, Aktivitetstyp, Kontrollsvar, Lokal

PREFIX = "Volymlokal"
BATCH = 2000


class Command(BaseCommand):
    help = "Fyller databasen med övningar, utbildningar och kontroller (för prestandamätning)."

    def add_arguments(self, parser):
        parser.add_argument("--aktiviteter", type=int, default=20_000, help="Antal totalt.")
        parser.add_argument("--years", type=int, default=5, help="Så många år bakåt.")
        parser.add_argument("--seed", type=int, default=1, help="Slumpfrö.")
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, **o):
        if not settings.DEBUG and not o["allow_production"]:
            raise CommandError(
                "Volymdata läggs inte in när DEBUG är av. Ange --allow-production om "
                "databasen är en testdatabas."
            )
        rng = random.Random(o["seed"])
        kvar = o["aktiviteter"] - Aktivitet.objects.count()
        if kvar <= 0:
            self.stdout.write("Aktiviteterna finns redan.")
            return
        enheter = list(Enhet.objects.filter(typ=Enhet.Typ.ENHET).select_related("organ"))
        typer = list(Aktivitetstyp.objects.filter(aktiv=True))
        if not enheter or not typer:
            raise CommandError("Enheter och aktivitetstyper saknas: kör migrate och seed_demo.")
        ansvariga: dict[int, list[int]] = {}
        for pk, enhet_id in User.objects.filter(is_active=True, enhet__isnull=False).values_list(
            "pk", "enhet_id"
        ):
            ansvariga.setdefault(enhet_id, []).append(pk)
        reserv = list(User.objects.filter(is_active=True).values_list("pk", flat=True)[:50])
        with transaction.atomic():
            lokaler = self._lokaler(enheter, rng)
            idag = timezone.localdate()
            start = idag - datetime.timedelta(days=365 * o["years"])
            dagar = (idag + datetime.timedelta(days=365) - start).days
            skapade = 0
            while skapade < kvar:
                rader = []
                for _ in range(min(BATCH, kvar - skapade)):
                    lokal, enhet = rng.choice(lokaler)
                    datum = start + datetime.timedelta(days=rng.randrange(dagar))
                    klar = datum < idag and rng.random() < 0.85
                    rader.append(
                        Aktivitet(
                            typ=rng.choice(typer),
                            organ_id=enhet.organ_id,
                            lokal=lokal,
                            enhet=enhet,
                            ansvarig_id=rng.choice(ansvariga.get(enhet.pk) or reserv),
                            datum=datum,
                            status=Aktivitet.Status.GENOMFORD
                            if klar
                            else Aktivitet.Status.PLANERAD,
                            genomford_datum=datum if klar else None,
                        )
                    )
                skapade += len(Aktivitet.objects.bulk_create(rader, batch_size=BATCH))
            self._svar(rng)
        # bulk_create sends no signals: what is kept drawn from the activities is stale. The
        # duty statuses' version (uppfoljning.status.VERSION) is named, not imported:
        # verksamhet does not import uppfoljning.
        from lib import versioner
        from verksamhet.selectors import VERSION

        versioner.ny_version(VERSION)
        versioner.ny_version("uppfoljning:status:version")
        self.stdout.write(self.style.SUCCESS(f"Aktiviteter: {Aktivitet.objects.count()}."))

    def _lokaler(self, enheter, rng) -> list[tuple[Lokal, Enhet]]:
        ut = []
        for i, enhet in enumerate(enheter):
            for n in range(3):
                lokal, skapad = Lokal.objects.get_or_create(
                    namn=f"{PREFIX} {i:03d}-{n}",
                    defaults={
                        "adress": f"Volymgatan {i}, Köping",
                        "kategori": rng.choice(Lokal.Kategori.values),
                        "agare": enhet.organ,
                    },
                )
                if skapad:
                    lokal.enheter.add(enhet)
                ut.append((lokal, enhet))
        return ut

    def _svar(self, rng):
        """Answers with an anmärkning on every tenth done inspection without answers."""
        klara = Aktivitet.objects.filter(
            status=Aktivitet.Status.GENOMFORD, svar__isnull=True
        ).values_list("pk", flat=True)
        rader = [
            Kontrollsvar(
                aktivitet_id=pk,
                ordning=1,
                punkt="Utrymningsvägar är fria och skyltade",
                resultat=Kontrollsvar.Resultat.ANMARKNING,
                kommentar="Blockerad utrymningsväg",
            )
            for pk in klara
            if rng.random() < 0.1
        ]
        Kontrollsvar.objects.bulk_create(rader, batch_size=BATCH)
