"""The yearly self-assessment: opened by Säkerhetsavdelningen, answered and submitted by the
nämndföreträdare, returned (notice and e-mail once) or accepted; the overview of who has
answered and who is late."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from paminnelser.models import Notis
from policy.models import Organ
from uppfoljning import services, status
from uppfoljning.models import Egenbedomning, Fraga


@pytest.fixture
def oppnat(client_as, sakerhetsavdelning, people):
    idag = timezone.localdate()
    svar = client_as(sakerhetsavdelning).post(
        "/uppfoljning/egenbedomningar/oppna/",
        {"ar": idag.year, "sista_dag": (idag + datetime.timedelta(days=14)).isoformat()},
    )
    assert svar.status_code == 302
    return Egenbedomning.objects.get(uppfoljningsar__ar=idag.year, organ__slug="bun")


def _alla_svar(**over):
    data = {}
    for f in Fraga.objects.filter(aktiv=True):
        data[f"f{f.pk}-svar"] = "ja"
        data[f"f{f.pk}-kommentar"] = ""
        data[f"f{f.pk}-lankar"] = ""
    data.update(over)
    return data


def test_it_opens_a_self_assessment_for_every_namnd_and_bolag(oppnat, namndforetradare):
    organ = set(Egenbedomning.objects.values_list("organ__slug", flat=True))
    assert organ == {"bun", "sn", "tn", "kfn", "bmn", "kopingbostader", "kopings-hamn"}
    assert Notis.objects.filter(mottagare=namndforetradare, typ="egenbedomning").count() == 1


def test_it_lets_the_namndforetradare_answer_and_submit(client_as, oppnat, namndforetradare):
    klient = client_as(namndforetradare)
    url = f"/uppfoljning/egenbedomningar/{oppnat.pk}/"
    assert (
        "Har egenkontroller av brandskyddet gjorts i alla lokaler?"
        in klient.get(url).content.decode()
    )
    # Submitting with nothing answered is refused with a message.
    svar = klient.post(f"{url}lamna-in/", follow=True)
    assert "Besvara alla frågor innan du lämnar in." in svar.content.decode()
    forsta = Fraga.objects.order_by("omrade__nummer", "ordning").first()
    fel = klient.post(url, _alla_svar(**{f"f{forsta.pk}-lankar": "inte en länk"}))
    assert fel.status_code == 400
    assert "är inte en webbadress" in fel.content.decode()
    data = _alla_svar(
        **{
            f"f{forsta.pk}-svar": "delvis",
            f"f{forsta.pk}-lankar": "https://intranat.koping.se/risk",
        }
    )
    assert klient.post(url, data).status_code == 302
    assert klient.post(f"{url}lamna-in/").status_code == 302
    oppnat.refresh_from_db()
    assert oppnat.status == Egenbedomning.Status.INLAMNAD
    assert oppnat.svar.get(fraga=forsta).lanklista == ["https://intranat.koping.se/risk"]
    # Locked once submitted.
    assert klient.post(url, data).status_code == 403
    # A submitted self-assessment is the evidence of the duty.
    rad = next(
        r
        for r in status.rader_for([Organ.objects.get(slug="bun")])[oppnat.organ_id]
        if r.skyldighet.bevis == "egenbedomning"
    )
    assert rad.status == status.KLAR


def test_it_refuses_another_bodys_namndforetradare(client_as, oppnat, annan_namndforetradare):
    url = f"/uppfoljning/egenbedomningar/{oppnat.pk}/"
    assert client_as(annan_namndforetradare).get(url).status_code == 404
    assert client_as(annan_namndforetradare).post(url, _alla_svar()).status_code == 404


def _inlamnad(e, user):
    services.egenbedomning_answer(
        user=user,
        egenbedomning=e,
        svar={f.pk: {"svar": "ja"} for f in Fraga.objects.filter(aktiv=True)},
    )
    return services.egenbedomning_submit(user=user, egenbedomning=e)


def test_it_returns_with_a_comment_and_tells_the_owner_once(
    client_as, oppnat, namndforetradare, sakerhetsavdelning, django_capture_on_commit_callbacks
):
    _inlamnad(oppnat, namndforetradare)
    mail.outbox.clear()
    url = f"/uppfoljning/egenbedomningar/{oppnat.pk}/granska/"
    klient = client_as(sakerhetsavdelning)
    # A return without a comment is refused.
    klient.post(url, {"beslut": "ater", "kommentar": ""})
    oppnat.refresh_from_db()
    assert oppnat.status == Egenbedomning.Status.INLAMNAD
    with django_capture_on_commit_callbacks(execute=True):
        klient.post(url, {"beslut": "ater", "kommentar": "Komplettera brandskyddet."})
        klient.post(url, {"beslut": "ater", "kommentar": "Komplettera brandskyddet."})
    oppnat.refresh_from_db()
    assert oppnat.status == Egenbedomning.Status.ATER
    notiser = Notis.objects.filter(mottagare=namndforetradare, typ="egenbedomning-ater")
    assert notiser.count() == 1
    till_namnd = [m for m in mail.outbox if m.to == [namndforetradare.email]]
    assert len(till_namnd) == 1
    assert "skickats tillbaka" in till_namnd[0].subject
    sida = client_as(namndforetradare).get(f"/uppfoljning/egenbedomningar/{oppnat.pk}/")
    assert "Komplettera brandskyddet." in sida.content.decode()

    # Answered again and submitted: the next return is a new notice.
    _inlamnad(oppnat, namndforetradare)
    with django_capture_on_commit_callbacks(execute=True):
        klient.post(url, {"beslut": "ater", "kommentar": "Och elsäkerheten."})
    assert notiser.count() == 2


def test_it_accepts_and_tells_the_owner(oppnat, namndforetradare, sakerhetsavdelning):
    _inlamnad(oppnat, namndforetradare)
    services.egenbedomning_accept(user=sakerhetsavdelning, egenbedomning=oppnat)
    oppnat.refresh_from_db()
    assert oppnat.status == Egenbedomning.Status.GODKAND
    assert (
        Notis.objects.filter(mottagare=namndforetradare, typ="egenbedomning-godkand").count() == 1
    )
    with pytest.raises(ValidationError):
        services.egenbedomning_accept(user=sakerhetsavdelning, egenbedomning=oppnat)


def test_it_shows_sakerhetsavdelningen_who_answered_and_who_is_late(
    client_as, oppnat, namndforetradare, sakerhetsavdelning
):
    _inlamnad(oppnat, namndforetradare)
    oppnat.uppfoljningsar.__class__.objects.filter(pk=oppnat.uppfoljningsar_id).update(
        sista_dag=timezone.localdate() - datetime.timedelta(days=1)
    )
    sida = client_as(sakerhetsavdelning).get("/uppfoljning/egenbedomningar/").content.decode()
    assert "1 av 7 har lämnat in, 6 är sena." in sida
    rad = sida.split("Barn- och utbildningsnämnden</a>", 1)[1].split("</tr>", 1)[0]
    assert "Inlämnad" in rad
    rad = sida.split("Socialnämnden</a>", 1)[1].split("</tr>", 1)[0]
    assert "Sen" in rad


def test_it_refuses_to_open_a_year_twice(client_as, oppnat, sakerhetsavdelning):
    idag = timezone.localdate()
    svar = client_as(sakerhetsavdelning).post(
        "/uppfoljning/egenbedomningar/oppna/",
        {"ar": idag.year, "sista_dag": (idag + datetime.timedelta(days=14)).isoformat()},
    )
    assert svar.status_code == 400
    assert "redan öppnad" in svar.content.decode()
