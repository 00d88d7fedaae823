"""The nämnder and bolag contribute their parts of the RSA; Säkerhetsavdelningen compiles:
asked for per body with its parts and last day, written by the body's own people, submitted
by its nämndföreträdare, returned with a comment or accepted, and only then part of the
compiled RSA and its PDFs."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from pypdf import PdfReader

from krisberedskap import reports, selectors, services
from krisberedskap.models import RsaBidrag, SamhallsviktigVerksamhet
from paminnelser import reminders
from paminnelser.models import Notis
from policy.models import Organ
from tests.risker.factories import bedomning, riskanalys_factory

OPPEN_TEXT = "Skolköken saknar reservkraft och kan inte laga mat vid ett elavbrott"
HEMLIG_TEXT = "Larmcentralen för skolorna ligger i samma byggnad som serverhallen"
S = RsaBidrag.Status


def _pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _organ(slug):
    return Organ.objects.get(slug=slug)


def _begar(rsa, sak, *slugs, dagar=21, **falt):
    falt.setdefault("avsnitt", ["sarbarheter", "beroenden"])
    return {
        b.organ.slug: b
        for b in services.bidrag_request(
            user=sak,
            rsa=rsa,
            organ=[_organ(s) for s in slugs],
            sista_dag=timezone.localdate() + datetime.timedelta(days=dagar),
            **falt,
        )
    }


def _bun_verksamhet(rsa, sak, **falt):
    """BUN's verksamhet already in the compiled RSA, as Säkerhetsavdelningen wrote it."""
    return services.verksamhet_create(
        user=sak,
        rsa=rsa,
        namn="Skolor och förskolor",
        agartyp="kommunal",
        agare_organ=_organ("bun"),
        formaga="god",
        formaga_text="Gammal bedömning",
        **falt,
    )


@pytest.fixture
def bun_bidrag(rsa, sakerhetsavdelning, people):
    return _begar(rsa, sakerhetsavdelning, "bun")["bun"]


def _skriv(klient, bidrag, **texter):
    return klient.post(f"/krisberedskap/bidrag/{bidrag.pk}/texter/", texter)


def _lamna_in(klient, bidrag):
    return klient.post(f"/krisberedskap/bidrag/{bidrag.pk}/lamna-in/", follow=True)


def _granska(klient, bidrag, **data):
    return klient.post(f"/krisberedskap/bidrag/{bidrag.pk}/granska/", data, follow=True)


def _inlamnat(bidrag, namndforetradare, client_as, text=OPPEN_TEXT):
    klient = client_as(namndforetradare)
    assert _skriv(klient, bidrag, sarbarheter=text).status_code == 302
    _lamna_in(klient, bidrag)
    bidrag.refresh_from_db()
    assert bidrag.status == S.INLAMNAT
    return bidrag


# --- Asking ----------------------------------------------------------------------------


def test_it_asks_bodies_for_their_parts_and_tells_their_namndforetradare_once(
    rsa, sakerhetsavdelning, namndforetradare, annan_namndforetradare, client_as
):
    klient = client_as(sakerhetsavdelning)
    url = f"/krisberedskap/rsa/{rsa.pk}/bidrag/begar/"
    assert klient.get(url).status_code == 200
    data = {
        "organ": [_organ("bun").pk, _organ("sn").pk, _organ("kopingbostader").pk],
        "med_verksamheter": "on",
        "med_risker": "on",
        "avsnitt": ["sarbarheter", "atgarder"],
        "sista_dag": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "uppdrag": "Beskriv er verksamhet vid ett långvarigt elavbrott.",
    }
    svar = klient.post(url, data)
    assert svar.status_code == 302
    bidrag = {b.organ.slug: b for b in rsa.bidrag.all()}
    assert set(bidrag) == {"bun", "sn", "kopingbostader"}
    assert set(bidrag["bun"].texter.values_list("typ", flat=True)) == {"sarbarheter", "atgarder"}
    for user in (namndforetradare, annan_namndforetradare):
        notis = Notis.objects.get(mottagare=user, typ="rsa-bidrag")
        assert "ber" in notis.rubrik and "Beskriv er verksamhet" in notis.text
    # Asking a body a second time is refused with the service's message.
    svar = klient.post(url, {**data, "organ": [_organ("bun").pk]})
    assert svar.status_code == 400
    assert "Redan ombedda att bidra till analysen: Barn- och utbildningsnämnden" in (
        svar.content.decode()
    )
    assert Notis.objects.filter(mottagare=namndforetradare, typ="rsa-bidrag").count() == 1
    # The form marks the bodies already asked.
    assert "Socialnämnden (redan tillfrågad)" in klient.get(url).content.decode()


def test_it_refuses_a_request_without_parts_or_with_a_past_last_day(rsa, sakerhetsavdelning):
    with pytest.raises(ValidationError, match="minst en del"):
        _begar(rsa, sakerhetsavdelning, "bun", med_verksamheter=False, med_risker=False, avsnitt=[])
    with pytest.raises(ValidationError, match="passerat"):
        _begar(rsa, sakerhetsavdelning, "bun", dagar=-1)
    with pytest.raises(ValidationError, match="nämnder och bolag"):
        _begar(rsa, sakerhetsavdelning, "vmkf")
    assert not rsa.bidrag.exists()


# --- Who edits what ---------------------------------------------------------------------


def test_it_lets_a_body_edit_only_its_own_parts(
    rsa,
    sakerhetsavdelning,
    namndforetradare,
    chef,
    annan_namndforetradare,
    medarbetare,
    kommunledning,
    client_as,
):
    bidrag = _begar(rsa, sakerhetsavdelning, "bun", "sn")
    bun, sn = bidrag["bun"], bidrag["sn"]
    sn_rad = services.bidrag_verksamhet_create(
        user=annan_namndforetradare, bidrag=sn, namn="Hemtjänst", formaga="god"
    )
    nora = client_as(namndforetradare)
    # Another body's contribution is not found at all.
    for url in (
        f"/krisberedskap/bidrag/{sn.pk}/",
        f"/krisberedskap/bidrag/{sn.pk}/texter/",
        f"/krisberedskap/bidrag/{sn.pk}/verksamhet/ny/",
        f"/krisberedskap/bidrag/{sn.pk}/verksamhet/{sn_rad.pk}/",
    ):
        assert nora.get(url).status_code == 404, url
    assert _skriv(nora, sn, sarbarheter="Inte vårt").status_code == 404
    # Nor is the other body's verksamhet through the own contribution's address.
    assert nora.get(f"/krisberedskap/bidrag/{bun.pk}/verksamhet/{sn_rad.pk}/").status_code == 404
    # The compiled sections and verksamheter are Säkerhetsavdelningen's.
    assert nora.get(f"/krisberedskap/rsa/{rsa.pk}/avsnitt/beskrivning/").status_code == 403
    assert nora.get(f"/krisberedskap/rsa/{rsa.pk}/bidrag/").status_code == 403
    # The body's own: the nämndföreträdare, and the chef of one of its units.
    assert _skriv(nora, bun, sarbarheter=OPPEN_TEXT).status_code == 302
    svar = client_as(chef).post(
        f"/krisberedskap/bidrag/{bun.pk}/verksamhet/ny/",
        {"namn": "Skolmåltider", "formaga": "viss_brist", "beroenden": ["el", "livsmedel"]},
    )
    assert svar.status_code == 302
    rad = bun.verksamheter.get(namn="Skolmåltider")
    assert rad.agare_organ.slug == "bun" and rad.agartyp == "kommunal"
    # Outside the body: not found, whatever the role.
    for user in (medarbetare, kommunledning, annan_namndforetradare):
        assert client_as(user).get(f"/krisberedskap/bidrag/{bun.pk}/").status_code == 404
    # The services say the same.
    with pytest.raises(PermissionDenied):
        services.bidrag_texter_update(user=namndforetradare, bidrag=sn, texter={"sarbarheter": "x"})
    with pytest.raises(PermissionDenied):
        services.bidrag_texter_update(
            user=sakerhetsavdelning, bidrag=bun, texter={"sarbarheter": "x"}
        )
    # Only the nämndföreträdare submits; the chef writes.
    assert client_as(chef).post(f"/krisberedskap/bidrag/{bun.pk}/lamna-in/").status_code == 403


def test_it_keeps_the_compiled_rsa_until_the_contribution_is_accepted(
    rsa, sakerhetsavdelning, namndforetradare, client_as
):
    gammal = _bun_verksamhet(rsa, sakerhetsavdelning, beroenden=["el"])
    bidrag = _begar(rsa, sakerhetsavdelning, "bun")["bun"]
    # The body's verksamhet is copied into its contribution to be brought up to date.
    kopia = bidrag.verksamheter.get()
    assert kopia.namn == "Skolor och förskolor" and kopia.pk != gammal.pk
    assert list(kopia.beroenden.values_list("typ", flat=True)) == ["el"]
    nora = client_as(namndforetradare)
    svar = nora.post(
        f"/krisberedskap/bidrag/{bidrag.pk}/verksamhet/{kopia.pk}/",
        {
            "namn": "Skolor och förskolor",
            "formaga": "bristfallig",
            "formaga_text": "Ny bedömning",
            "beroenden": ["el", "varme"],
        },
    )
    assert svar.status_code == 302
    # Säkerhetsavdelningen edits the compiled verksamhet, never the body's draft.
    klient = client_as(sakerhetsavdelning)
    assert klient.get(f"/krisberedskap/rsa/{rsa.pk}/verksamhet/{kopia.pk}/").status_code == 404
    with pytest.raises(ValidationError, match="ingår i ett bidrag"):
        services.verksamhet_update(user=sakerhetsavdelning, verksamhet=kopia, namn="Annat")
    sida = klient.get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert "Gammal bedömning" in sida and "Ny bedömning" not in sida
    _lamna_in(nora, bidrag)
    sida = klient.get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert "Gammal bedömning" in sida and "Ny bedömning" not in sida
    _granska(klient, bidrag, beslut="godkann")
    sida = klient.get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert "Ny bedömning" in sida and "Gammal bedömning" not in sida
    kompilerade = selectors.sammanstallda_verksamheter(rsa)
    assert list(kompilerade) == [kopia]
    assert not SamhallsviktigVerksamhet.objects.filter(pk=gammal.pk).exists()


# --- Submitting, returning, accepting ---------------------------------------------------


def test_it_submits_once_and_refuses_changes_after_submitting(
    bun_bidrag, namndforetradare, sakerhetsavdelning, sakerhetschef, client_as
):
    nora = client_as(namndforetradare)
    sida = _lamna_in(nora, bun_bidrag).content.decode()
    assert "Bidraget är tomt" in sida
    _inlamnat(bun_bidrag, namndforetradare, client_as)
    for granskare in (sakerhetsavdelning, sakerhetschef):
        assert Notis.objects.filter(mottagare=granskare, typ="rsa-bidrag-inlamnat").count() == 1
    # Twice: the service's message, nothing changes.
    sida = _lamna_in(nora, bun_bidrag).content.decode()
    assert "Bidraget är redan inlämnat." in sida
    assert (
        Notis.objects.filter(mottagare=sakerhetsavdelning, typ="rsa-bidrag-inlamnat").count() == 1
    )
    # Editing after submitting: the form shows the service's message.
    svar = _skriv(nora, bun_bidrag, sarbarheter="Ändrat i efterhand")
    assert svar.status_code == 400
    assert "Bidraget är inlämnat och kan inte ändras" in svar.content.decode()
    svar = nora.post(
        f"/krisberedskap/bidrag/{bun_bidrag.pk}/verksamhet/ny/", {"namn": "Sent tillägg"}
    )
    assert svar.status_code == 400
    assert not bun_bidrag.verksamheter.exists()
    assert bun_bidrag.texter.get(typ="sarbarheter").text == OPPEN_TEXT


def test_it_returns_with_a_comment_and_tells_the_owner_once(
    bun_bidrag,
    namndforetradare,
    sakerhetsavdelning,
    client_as,
    django_capture_on_commit_callbacks,
):
    _inlamnat(bun_bidrag, namndforetradare, client_as)
    klient = client_as(sakerhetsavdelning)
    # A return without a comment is refused by the service.
    sida = _granska(klient, bun_bidrag, beslut="ater", kommentar="").content.decode()
    assert "Skriv vad som ska kompletteras." in sida
    bun_bidrag.refresh_from_db()
    assert bun_bidrag.status == S.INLAMNAT
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _granska(klient, bun_bidrag, beslut="ater", kommentar="Beskriv reservkraften.")
        # A second return of the same submission is no second event.
        sida = _granska(klient, bun_bidrag, beslut="ater", kommentar="Beskriv reservkraften.")
    assert "Bara ett inlämnat bidrag" in sida.content.decode()
    bun_bidrag.refresh_from_db()
    assert bun_bidrag.status == S.ATER and bun_bidrag.antal_returer == 1
    notiser = Notis.objects.filter(mottagare=namndforetradare, typ="rsa-bidrag-ater")
    assert notiser.count() == 1
    assert "Beskriv reservkraften." in notiser.get().text
    till_nora = [m for m in mail.outbox if m.to == [namndforetradare.email]]
    assert len(till_nora) == 1
    assert "skickat tillbaka för komplettering" in till_nora[0].subject
    sida = client_as(namndforetradare).get(f"/krisberedskap/bidrag/{bun_bidrag.pk}/")
    assert "Beskriv reservkraften." in sida.content.decode()
    # Completed and submitted again: Säkerhetsavdelningen is told it is a completion, and
    # the next return is a new notice.
    _inlamnat(bun_bidrag, namndforetradare, client_as, text=OPPEN_TEXT + " Nu med reservkraft.")
    assert Notis.objects.filter(
        mottagare=sakerhetsavdelning, rubrik__startswith="Komplettering att granska"
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        _granska(klient, bun_bidrag, beslut="ater", kommentar="Och skolskjutsarna.")
    assert notiser.count() == 2
    assert len([m for m in mail.outbox if m.to == [namndforetradare.email]]) == 2


def test_it_gives_a_returned_contribution_a_new_last_day(
    bun_bidrag, namndforetradare, sakerhetsavdelning, client_as
):
    _inlamnat(bun_bidrag, namndforetradare, client_as)
    ny = timezone.localdate() + datetime.timedelta(days=40)
    _granska(
        client_as(sakerhetsavdelning),
        bun_bidrag,
        beslut="ater",
        kommentar="Mer om skolkök.",
        sista_dag=ny.isoformat(),
    )
    bun_bidrag.refresh_from_db()
    assert bun_bidrag.sista_dag == ny


def test_it_gives_a_late_body_more_time(
    bun_bidrag, namndforetradare, sakerhetsavdelning, client_as
):
    RsaBidrag.objects.filter(pk=bun_bidrag.pk).update(
        sista_dag=timezone.localdate() - datetime.timedelta(days=2)
    )
    klient = client_as(sakerhetsavdelning)
    url = f"/krisberedskap/bidrag/{bun_bidrag.pk}/"
    assert "Ge mer tid" in klient.get(url).content.decode()
    ny = timezone.localdate() + datetime.timedelta(days=14)
    klient.post(url + "sista-dag/", {"sista_dag": ny.isoformat()})
    klient.post(url + "sista-dag/", {"sista_dag": ny.isoformat()})
    bun_bidrag.refresh_from_db()
    assert bun_bidrag.sista_dag == ny and not bun_bidrag.ar_sent()
    assert (
        Notis.objects.filter(mottagare=namndforetradare, rubrik__startswith="Ny sista dag").count()
        == 1
    )
    # Once submitted, the last day no longer matters: the service says so.
    _inlamnat(bun_bidrag, namndforetradare, client_as)
    sida = klient.post(url + "sista-dag/", {"sista_dag": ny.isoformat()}, follow=True)
    assert "Bara ett bidrag som organet arbetar med" in sida.content.decode()


def test_it_shows_an_accepted_contribution_in_the_compiled_rsa_and_its_pdfs(
    rsa, sakerhetsavdelning, namndforetradare, client_as, django_capture_on_commit_callbacks
):
    avsnitt = {a.typ: a for a in rsa.avsnitt.all()}
    services.rsa_avsnitt_update(
        user=sakerhetsavdelning,
        avsnitt=avsnitt["beroenden"],
        text="",
        sekretess=True,
        sekretessgrund="OSL 18 kap. 13 §",
    )
    analys = riskanalys_factory(
        namndforetradare,
        organ="bun",
        risker=[bedomning(3, lh=3, titel="Elavbrott i skolkök")],
        status="ater",  # submitted once: the compiler sees it
    )
    risk = analys.risker.get()
    bidrag = _begar(rsa, sakerhetsavdelning, "bun")["bun"]
    nora = client_as(namndforetradare)
    _skriv(nora, bidrag, sarbarheter=OPPEN_TEXT, beroenden=HEMLIG_TEXT)
    nora.post(f"/krisberedskap/bidrag/{bidrag.pk}/risker/", {"risker": [risk.pk]})
    _lamna_in(nora, bidrag)
    klient = client_as(sakerhetsavdelning)
    # Submitted, not yet accepted: not in the compiled RSA.
    sida = klient.get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert OPPEN_TEXT not in sida and "Elavbrott i skolkök" not in sida
    with django_capture_on_commit_callbacks(execute=True):
        _granska(klient, bidrag, beslut="godkann")
        _granska(klient, bidrag, beslut="godkann")
    assert Notis.objects.filter(mottagare=namndforetradare, typ="rsa-bidrag-godkant").count() == 1
    sida = klient.get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert "Från Barn- och utbildningsnämnden" in sida
    assert OPPEN_TEXT in sida and HEMLIG_TEXT in sida and "Elavbrott i skolkök" in sida
    assert list(rsa.risker.all()) == [risk]
    hela = _pdf_text(reports.rsa_pdf(anvandare=sakerhetsavdelning, rsa=rsa, oppen=False))
    utdrag = _pdf_text(reports.rsa_pdf(anvandare=sakerhetsavdelning, rsa=rsa, oppen=True))
    assert "Skolköken saknar reservkraft" in hela and "Larmcentralen för skolorna" in hela
    assert "Barn- och utbildningsnämnden" in utdrag and "Skolköken saknar reservkraft" in utdrag
    # The section marked secret keeps the body's text out of the open extract.
    assert "Larmcentralen" not in utdrag and "serverhallen" not in utdrag
    # The body's own reader of the RSA sees the open extract only.
    sida = nora.get(f"/krisberedskap/rsa/{rsa.pk}/").content.decode()
    assert OPPEN_TEXT in sida and HEMLIG_TEXT not in sida


def test_it_offers_only_risks_of_the_bodys_own_submitted_analyses(
    bun_bidrag, namndforetradare, annan_namndforetradare, client_as
):
    egen = riskanalys_factory(
        namndforetradare, organ="bun", risker=[bedomning(2, titel="Egen risk")], status="ater"
    )
    utkast = riskanalys_factory(
        namndforetradare, organ="bun", titel="Utkast", risker=[bedomning(2, titel="Utkastrisk")]
    )
    annan = riskanalys_factory(
        annan_namndforetradare, organ="sn", risker=[bedomning(2, titel="SN:s risk")], status="ater"
    )
    sida = client_as(namndforetradare).get(f"/krisberedskap/bidrag/{bun_bidrag.pk}/risker/")
    text = sida.content.decode()
    assert "Egen risk" in text and "Utkastrisk" not in text and "SN:s risk" not in text
    for fel in (utkast, annan):
        with pytest.raises(ValidationError, match="egna riskanalyser"):
            services.bidrag_set_risker(
                user=namndforetradare, bidrag=bun_bidrag, risker=list(fel.risker.all())
            )
    services.bidrag_set_risker(
        user=namndforetradare, bidrag=bun_bidrag, risker=list(egen.risker.all())
    )
    assert list(bun_bidrag.risker.values_list("titel", flat=True)) == ["Egen risk"]


# --- The overview -----------------------------------------------------------------------


def test_it_shows_who_was_asked_submitted_accepted_and_is_late(
    rsa, sakerhetsavdelning, namndforetradare, annan_namndforetradare, client_as
):
    bidrag = _begar(rsa, sakerhetsavdelning, "bun", "sn", "kopingbostader")
    _inlamnat(bidrag["bun"], namndforetradare, client_as)
    _inlamnat(bidrag["sn"], annan_namndforetradare, client_as)
    services.bidrag_accept(user=sakerhetsavdelning, bidrag=bidrag["sn"])
    RsaBidrag.objects.filter(pk=bidrag["kopingbostader"].pk).update(
        sista_dag=timezone.localdate() - datetime.timedelta(days=3)
    )
    sida = client_as(sakerhetsavdelning).get(f"/krisberedskap/rsa/{rsa.pk}/bidrag/")
    text = sida.content.decode()
    assert "3 tillfrågade: 1 inlämnade att granska, 1 godkända, 1 sena." in text
    rad = text[text.index("Köpingbostäder AB") :].split("</tr>")[0]
    assert "Begärt" in rad and "Sent" in rad
    rad = text[text.index("Socialnämnden</a>") :].split("</tr>")[0]
    assert "Godkänt" in rad
    assert "Inte tillfrågade:" in text and "Tekniska nämnden" in text
    # The start page points the compiler at what waits for review.
    start = client_as(sakerhetsavdelning).get("/").content.decode()
    assert "1 bidrag till analysen att granska" in start


def test_it_shows_the_body_its_contribution_on_the_start_page_and_index(
    bun_bidrag, namndforetradare, chef, client_as
):
    for user in (namndforetradare, chef):
        klient = client_as(user)
        assert "Bidraget från Barn- och utbildningsnämnden" in klient.get("/").content.decode()
        sida = klient.get("/krisberedskap/")
        assert sida.status_code == 200
        assert bun_bidrag.get_absolute_url() in sida.content.decode()


# --- Reminders --------------------------------------------------------------------------


def test_it_reminds_before_the_last_day_and_when_late_exactly_once(
    bun_bidrag, namndforetradare, client_as
):
    sista = bun_bidrag.sista_dag
    notiser = Notis.objects.filter(mottagare=namndforetradare, typ="krisberedskap_bidrag")
    reminders.create_all(nu=timezone.now())
    assert not notiser.exists()  # three weeks left
    vecka_fore = timezone.make_aware(
        datetime.datetime.combine(sista - datetime.timedelta(days=6), datetime.time(8))
    )
    reminders.create_all(nu=vecka_fore)
    reminders.create_all(nu=vecka_fore + datetime.timedelta(days=1))
    assert notiser.count() == 1 and "senast" in notiser.get().rubrik
    efter = timezone.make_aware(
        datetime.datetime.combine(sista + datetime.timedelta(days=1), datetime.time(8))
    )
    reminders.create_all(nu=efter)
    reminders.create_all(nu=efter + datetime.timedelta(days=7))
    assert notiser.count() == 2
    assert notiser.filter(rubrik__contains="försenat").count() == 1
    # Submitted: no more reminders.
    _inlamnat(bun_bidrag, namndforetradare, client_as)
    RsaBidrag.objects.filter(pk=bun_bidrag.pk).update(sista_dag=sista + datetime.timedelta(days=1))
    reminders.create_all(nu=efter + datetime.timedelta(days=14))
    assert notiser.count() == 2


def test_it_sends_no_early_reminder_when_asked_within_a_week(
    rsa, sakerhetsavdelning, namndforetradare
):
    _begar(rsa, sakerhetsavdelning, "bun", dagar=5)
    reminders.create_all(nu=timezone.now())
    assert not Notis.objects.filter(mottagare=namndforetradare, typ="krisberedskap_bidrag").exists()


# --- The RSA's steps and the contributions ----------------------------------------------


def test_it_keeps_the_rsa_a_draft_while_a_contribution_waits_for_review(
    bun_bidrag, namndforetradare, sakerhetsavdelning, client_as
):
    _inlamnat(bun_bidrag, namndforetradare, client_as)
    rsa = bun_bidrag.rsa
    svar = client_as(sakerhetsavdelning).post(
        f"/krisberedskap/rsa/{rsa.pk}/status/", {"status": "behandlad_ks"}, follow=True
    )
    assert "Granska de inlämnade bidragen innan analysen går vidare" in svar.content.decode()
    rsa.refresh_from_db()
    assert rsa.status == "utkast"
    with pytest.raises(ValidationError, match="Granska de inlämnade bidragen"):
        services.rsa_record_sent(
            user=sakerhetsavdelning,
            rsa=rsa,
            skickad=timezone.localdate(),
            skickad_hur="E-tjänst",
        )


def test_it_closes_the_contributions_when_the_rsa_leaves_the_draft(
    bun_bidrag, namndforetradare, sakerhetsavdelning, client_as
):
    _inlamnat(bun_bidrag, namndforetradare, client_as)
    services.bidrag_return(user=sakerhetsavdelning, bidrag=bun_bidrag, kommentar="Mer.")
    rsa = bun_bidrag.rsa
    services.rsa_set_status(user=sakerhetsavdelning, rsa=rsa, status="behandlad_ks")
    svar = _skriv(client_as(namndforetradare), bun_bidrag, sarbarheter="För sent")
    assert svar.status_code == 400
    assert "Bidragen kan inte längre ändras" in svar.content.decode()
    with pytest.raises(ValidationError, match="Bidragen kan inte längre ändras"):
        _begar(rsa, sakerhetsavdelning, "sn")


# --- Withdrawing a request --------------------------------------------------------------


def test_it_withdraws_a_request_with_what_the_body_wrote_and_can_ask_again(
    rsa, sakerhetsavdelning, namndforetradare, client_as
):
    gammal = _bun_verksamhet(rsa, sakerhetsavdelning)
    bidrag = _begar(rsa, sakerhetsavdelning, "bun")["bun"]
    kopia = bidrag.verksamheter.get()
    _inlamnat(bidrag, namndforetradare, client_as)
    klient = client_as(sakerhetsavdelning)
    url = f"/krisberedskap/bidrag/{bidrag.pk}/"
    assert "Återkalla begäran" in klient.get(url).content.decode()
    sida = klient.get(url + "aterkalla/").content.decode()
    # The page says what goes with the request before anything is deleted.
    assert "1 samhällsviktig verksamhet" in sida and "1 skriven text" in sida
    assert RsaBidrag.objects.filter(pk=bidrag.pk).exists()

    svar = klient.post(url + "aterkalla/", follow=True)
    assert svar.redirect_chain[-1][0] == f"/krisberedskap/rsa/{rsa.pk}/bidrag/"
    assert "Begäran till Barn- och utbildningsnämnden är återkallad" in svar.content.decode()
    assert not RsaBidrag.objects.filter(pk=bidrag.pk).exists()
    assert not SamhallsviktigVerksamhet.objects.filter(pk=kopia.pk).exists()
    # The compiled RSA keeps what it had.
    assert list(selectors.sammanstallda_verksamheter(rsa)) == [gammal]
    notis = Notis.objects.get(mottagare=namndforetradare, rubrik__contains="återkallat")
    assert notis.lank == "/krisberedskap/"
    assert client_as(namndforetradare).get(url).status_code == 404
    # A second round: the body can be asked again.
    ny = _begar(rsa, sakerhetsavdelning, "bun")["bun"]
    assert ny.status == S.BEGART and ny.verksamheter.get().namn == "Skolor och förskolor"


def test_it_refuses_to_withdraw_an_accepted_contribution_or_for_anyone_else(
    bun_bidrag, sakerhetsavdelning, namndforetradare, client_as
):
    url = f"/krisberedskap/bidrag/{bun_bidrag.pk}/aterkalla/"
    nora = client_as(namndforetradare)
    assert nora.get(url).status_code == 403
    assert nora.post(url).status_code == 403
    assert "Återkalla begäran" not in nora.get(bun_bidrag.get_absolute_url()).content.decode()
    with pytest.raises(PermissionDenied):
        services.bidrag_withdraw(user=namndforetradare, bidrag=bun_bidrag)

    _inlamnat(bun_bidrag, namndforetradare, client_as)
    klient = client_as(sakerhetsavdelning)
    _granska(klient, bun_bidrag, beslut="godkann")
    assert "Återkalla begäran" not in klient.get(bun_bidrag.get_absolute_url()).content.decode()
    svar = klient.post(url, follow=True)
    assert "Begäran kan inte längre återkallas" in svar.content.decode()
    assert RsaBidrag.objects.filter(pk=bun_bidrag.pk, status=S.GODKANT).exists()
    assert not Notis.objects.filter(rubrik__contains="återkallat").exists()


def test_it_answers_404_to_a_change_of_a_request_withdrawn_meanwhile(
    bun_bidrag, sakerhetsavdelning, namndforetradare
):
    # The body's page was read before Säkerhetsavdelningen withdrew the request.
    inlast = RsaBidrag.objects.get(pk=bun_bidrag.pk)
    services.bidrag_withdraw(user=sakerhetsavdelning, bidrag=bun_bidrag)
    with pytest.raises(Http404):
        services.bidrag_texter_update(
            user=namndforetradare, bidrag=inlast, texter={"sarbarheter": "För sent"}
        )
    with pytest.raises(Http404):
        services.bidrag_withdraw(user=sakerhetsavdelning, bidrag=inlast)


def test_it_refuses_to_withdraw_once_the_rsa_has_left_the_draft(bun_bidrag, sakerhetsavdelning):
    services.rsa_set_status(user=sakerhetsavdelning, rsa=bun_bidrag.rsa, status="behandlad_ks")
    with pytest.raises(ValidationError, match="Bidragen kan inte längre ändras"):
        services.bidrag_withdraw(user=sakerhetsavdelning, bidrag=bun_bidrag)
    assert RsaBidrag.objects.filter(pk=bun_bidrag.pk).exists()
