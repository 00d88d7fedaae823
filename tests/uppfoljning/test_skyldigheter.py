"""The ansvarsmatris: a duty's live status from its evidence and its date, the body's page,
manual sign-off, editing with history, and reminders sent once."""

import datetime

from django.utils import timezone

from paminnelser import reminders
from paminnelser.models import Notis
from policy.models import Organ
from risker import services as risk_services
from tests.risker.factories import bedomning, godkann, riskanalys_factory
from uppfoljning import paminnelser, status
from uppfoljning.models import Skyldighet

RISKANALYS = "Aktuell riskanalys godkänd av Säkerhetsavdelningen"


def _rad(organ, titel, **kwargs):
    return next(
        r for r in status.rader_for([organ], **kwargs)[organ.pk] if r.skyldighet.titel == titel
    )


def test_it_turns_a_duty_overdue_when_its_date_passes_and_done_when_evidence_is_approved(
    namndforetradare, sakerhetsavdelning
):
    bun = Organ.objects.get(slug="bun")
    ar = timezone.localdate().year
    assert _rad(bun, RISKANALYS, idag=datetime.date(ar, 10, 31)).status == status.KOMMANDE
    assert _rad(bun, RISKANALYS, idag=datetime.date(ar, 11, 1)).status == status.FORSENAD

    analys = riskanalys_factory(namndforetradare, organ="bun", risker=[bedomning()])
    risk_services.riskanalys_submit(user=namndforetradare, riskanalys=analys)
    assert _rad(bun, RISKANALYS, idag=datetime.date(ar, 11, 1)).status == status.FORSENAD
    godkann(analys, sakerhetsavdelning, namndforetradare)
    rad = _rad(bun, RISKANALYS, idag=datetime.date(ar, 11, 1))
    assert rad.status == status.KLAR
    assert analys.titel in rad.bevis
    assert rad.bevis_lank == analys.get_absolute_url()


def test_it_applies_duties_to_the_right_bodies(organisation):
    bun, ks, bolag = (Organ.objects.get(slug=s) for s in ("bun", "ks", "kopingbostader"))
    rader = status.rader_for([bun, ks, bolag])
    titlar = {o: {r.skyldighet.titel for r in rader[o.pk]} for o in (bun, ks, bolag)}
    assert RISKANALYS in titlar[bun] and RISKANALYS in titlar[bolag]
    assert RISKANALYS not in titlar[ks]
    rsa = "Risk- och sårbarhetsanalys (RSA) fastställd och rapporterad till Länsstyrelsen"
    assert rsa in titlar[ks] and rsa not in titlar[bun]
    ovning = "Deltagande i övning inom krisberedskap och civilt försvar"
    assert ovning in titlar[bun] and ovning not in titlar[bolag]  # every nämnd, not bolag


def test_it_lets_an_exercise_duty_be_signed_off_until_an_exercise_shows_it(people):
    bun = Organ.objects.get(slug="bun")
    rad = _rad(
        bun,
        "Deltagande i övning inom krisberedskap och civilt försvar",
        idag=datetime.date(2028, 1, 1),
        per=datetime.date(2027, 12, 31),
    )
    assert rad.status == status.FORSENAD
    assert rad.kan_kvitteras


def test_it_lists_the_bodys_duties_per_area_on_var_ansvar(client_as, namndforetradare):
    sida = client_as(namndforetradare).get("/policy/ansvar/bun/").content.decode()
    assert "Våra skyldigheter" in sida
    assert RISKANALYS in sida
    assert "Egenkontroller av brandskyddet i alla lokaler" in sida
    assert "Lagen (2003:778) om skydd mot olyckor (LSO)" in sida
    assert "Risk- och sårbarhetsanalys (RSA)" not in sida  # KS's, not the nämnd's


def test_it_takes_a_manual_sign_off_from_the_bodys_namndforetradare_only(
    client_as, namndforetradare, annan_namndforetradare
):
    s = Skyldighet.objects.get(titel="Egenkontroller av brandskyddet i alla lokaler")
    url = f"/uppfoljning/ansvarsmatris/{s.pk}/bun/kvittera/"
    data = {"lank": "https://intranat.koping.se/brand", "kommentar": "Alla skolor"}
    assert client_as(annan_namndforetradare).post(url, data).status_code == 403
    svar = client_as(namndforetradare).post(url, data)
    assert svar.status_code == 302
    rad = _rad(Organ.objects.get(slug="bun"), s.titel)
    assert rad.status == status.KLAR and rad.bevis_lank == data["lank"]
    # Twice is refused with a message, never a 500.
    assert client_as(namndforetradare).post(url, data).status_code == 400


def test_it_lets_sakerhetsavdelningen_edit_a_duty_with_history(
    client_as, sakerhetsavdelning, medarbetare
):
    s = Skyldighet.objects.get(titel=RISKANALYS)
    url = f"/uppfoljning/ansvarsmatris/{s.pk}/"
    assert client_as(medarbetare).get(url).status_code == 403
    data = {
        "titel": "Aktuell riskanalys godkänd senast 30 september",
        "galler": s.galler,
        "intervall": s.intervall,
        "forfaller_manad": 9,
        "forfaller_dag": 30,
        "forfaller_ar_i_perioden": 1,
        "kalla": s.kalla,
        "bevis": s.bevis,
        "aktiv": "on",
    }
    assert client_as(sakerhetsavdelning).post(url, data).status_code == 302
    s.refresh_from_db()
    assert (s.titel, s.forfaller_manad) == (data["titel"], 9)
    senaste = s.history.first()
    assert senaste.history_user == sakerhetsavdelning
    # A day that does not exist: a Swedish message and 400.
    svar = client_as(sakerhetsavdelning).post(
        url, {**data, "forfaller_manad": 2, "forfaller_dag": 31}
    )
    assert svar.status_code == 400
    assert "Dagen finns inte i den månaden." in svar.content.decode()


def test_it_reminds_the_body_before_and_after_the_due_date_once(namndforetradare):
    ar = timezone.localdate().year
    fore = datetime.datetime(ar, 10, 15, 9, tzinfo=datetime.UTC)
    antal = paminnelser.skyldigheter_paminn(fore)
    assert antal > 0
    assert paminnelser.skyldigheter_paminn(fore) == 0
    notiser = Notis.objects.filter(mottagare=namndforetradare, typ="skyldighet")
    assert notiser.filter(rubrik=f"Skyldighet inom 30 dagar: {RISKANALYS}").count() == 1
    efter = datetime.datetime(ar, 11, 5, 9, tzinfo=datetime.UTC)
    paminnelser.skyldigheter_paminn(efter)
    paminnelser.skyldigheter_paminn(efter + datetime.timedelta(days=7))
    assert notiser.filter(rubrik=f"Försenad skyldighet: {RISKANALYS}").count() == 1
    assert "skyldigheter" in reminders.REGLER
