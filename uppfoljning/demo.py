"""
Demo data of the security year for Köping: this year's follow-up opened with a deadline,
Barn- och utbildningsnämnden's self-assessment answered and submitted, Socialnämnden's
answered in part, an assessment of the first goal, and a manual sign-off of a duty.
Idempotent: what exists is left as it is.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from policy import demo as policy_demo
from policy.models import Organ, PolicyVersion, Roll

from . import services
from .models import Egenbedomning, Fraga, Kvittens, Malbedomning, Skyldighet, Svar, Uppfoljningsar


@transaction.atomic
def create() -> dict:
    users = policy_demo.create_users()
    sakerhet, namnd = users[Roll.SAKERHETSAVDELNING], users[Roll.NAMNDFORETRADARE]
    idag = timezone.localdate()
    arsrad = Uppfoljningsar.objects.filter(ar=idag.year).first()
    if arsrad is None:
        arsrad = services.uppfoljningsar_open(
            user=sakerhet, ar=idag.year, sista_dag=idag + datetime.timedelta(days=21)
        )
    fragor = list(Fraga.objects.filter(aktiv=True).order_by("omrade__nummer", "ordning"))
    bun = Egenbedomning.objects.filter(uppfoljningsar=arsrad, organ__slug="bun").first()
    if bun is not None and not bun.svar.exists():
        svar = {}
        for i, f in enumerate(fragor):
            varde = [Svar.Varde.JA, Svar.Varde.JA, Svar.Varde.DELVIS, Svar.Varde.NEJ][i % 4]
            svar[f.pk] = {
                "svar": varde,
                "kommentar": ""
                if varde == Svar.Varde.JA
                else "Arbetet pågår och blir klart under våren.",
                "lankar": "",
            }
        services.egenbedomning_answer(user=namnd, egenbedomning=bun, svar=svar)
        services.egenbedomning_submit(user=namnd, egenbedomning=bun)
    sn = Egenbedomning.objects.filter(uppfoljningsar=arsrad, organ__slug="sn").first()
    if sn is not None and not sn.svar.exists():
        for f in fragor[:4]:
            Svar.objects.create(egenbedomning=sn, fraga=f, svar=Svar.Varde.JA)
    version = PolicyVersion.objects.gallande().first()
    if version is not None:
        forsta = version.mal.order_by("ordning").first()
        if forsta and not Malbedomning.objects.filter(mal=forsta, ar=idag.year).exists():
            services.malbedomning_save(
                user=sakerhet,
                mal=forsta,
                ar=idag.year,
                bedomning=Malbedomning.Bedomning.DELVIS,
                text="De flesta rapporteringar gjordes i tid; två anmälningar till IMY kom sent.",
            )
    brand = Skyldighet.objects.filter(omrade__nummer=4, bevis=Skyldighet.Bevis.KVITTENS).first()
    bun_organ = Organ.objects.filter(slug="bun").first()
    if (
        brand
        and bun_organ
        and not Kvittens.objects.filter(skyldighet=brand, organ=bun_organ).exists()
    ):
        services.kvittens_create(
            user=namnd,
            skyldighet=brand,
            organ=bun_organ,
            lank="https://intranat.koping.se/bun/brandskydd/egenkontroller",
            kommentar="Egenkontroller gjorda i alla skolor i september.",
        )
    return {"arsrad": arsrad, "bun": bun, "sn": sn}
