"""Premises, planned activities and a test photo for the verksamhet tests."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from policy.models import Enhet, Organ
from verksamhet.models import Aktivitet, Aktivitetstyp, Lokal

# The smallest valid PNG (1×1 pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def foto(namn="foto.png"):
    return SimpleUploadedFile(namn, PNG, "image/png")


def lokal(namn="Ullvigymnasiet", enhet=("bun", "Ullvigymnasiet"), kategori="skola", **kw):
    organ_slug, enhet_namn = enhet
    e = Enhet.objects.get(organ__slug=organ_slug, namn=enhet_namn)
    lok = Lokal.objects.create(
        namn=namn,
        adress="Skolgatan 1, Köping",
        kategori=kategori,
        agare=Organ.objects.get(slug="ks"),
        **kw,
    )
    lok.enheter.add(e)
    return lok


def rond():
    return Aktivitetstyp.objects.get(namn="Brandskyddsrond")


def aktivitet(lok, ansvarig, *, typ=None, datum=None, **kw):
    enhet = lok.enheter.first()
    return Aktivitet.objects.create(
        typ=typ or rond(),
        organ=enhet.organ,
        lokal=lok,
        enhet=enhet,
        ansvarig=ansvarig,
        datum=datum or datetime.date(2026, 11, 16),
        **kw,
    )
