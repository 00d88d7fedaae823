"""The demo data of every app makes an annual report for the current year with something in
every part: the ärende's tjänsteskrivelse for KS to read, the goals, the registers of area 1,
the areas' plans, and every body's duties. Loading it twice changes nothing."""

import io

from django.core.management import call_command
from django.utils import timezone

from rapporter import demo
from rapporter.models import Arende, Omradesberattelse
from tests.rapporter.test_arsrapport_pdf import _platt, _text


def test_the_demo_reads_as_an_annual_report_for_the_year(db, settings, tmp_path):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    ar = timezone.localdate().year
    arende = Arende.objects.get(ar=ar)
    assert arende.diarienummer and arende.forslag_till_beslut and not arende.last
    berattelser = Omradesberattelse.objects.count()
    assert berattelser == 3
    demo.create()
    assert Arende.objects.count() == 1 and Omradesberattelse.objects.count() == berattelser

    ut = tmp_path / "a.pdf"
    call_command("arsrapport", str(ar), "--out", str(ut), stdout=io.StringIO())
    text = _platt(" ".join(_text(ut.read_bytes())))
    assert arende.diarienummer in text and "Kommunstyrelsen godkänner" in text
    assert "Indikatorer för mål 1" in text
    assert "Mandatperiodens dokument" in text and "Krisledningsnämndens aktiveringar" in text
    assert f"Årets plan {ar}" in text
    assert "Skyldigheter och egenbedömning per organ" in text
    assert "saknar källa" not in text
