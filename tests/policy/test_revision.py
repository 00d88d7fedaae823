"""Revising the policy as it prescribes: Säkerhetsavdelningen drafts, KF decides changes of
substance, KS may decide administrative ones, and adopting is all or nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from policy import services
from policy.models import PolicyVersion

from .conftest import redigera_data

IGAR = datetime.date.today() - datetime.timedelta(days=1)


def _markera(utkast, user, typ, **andra):
    services.policyversion_update(
        user=user, version=utkast, andringstyp=typ, andringsbeskrivning="Test.", **andra
    )
    utkast.refresh_from_db()
    return utkast


def test_it_drafts_a_full_copy_of_the_version_in_force(v1, utkast):
    assert utkast.status == PolicyVersion.Status.UTKAST
    assert utkast.versionsnummer == 2 and utkast.baserad_pa == v1
    assert [a.text for a in utkast.avsnitt.all()] == [a.text for a in v1.avsnitt.all()]
    assert utkast.mal.count() == 4 and utkast.omraden.count() == 10 and utkast.ansvar.count() == 4
    v1.refresh_from_db()
    assert v1.status == PolicyVersion.Status.FASTSTALLD


def test_only_the_security_function_may_draft(medarbetare, namndforetradare, kommunledning):
    for user in (medarbetare, namndforetradare, kommunledning):
        with pytest.raises(PermissionDenied):
            services.policyversion_draft(user=user)
    assert not PolicyVersion.objects.filter(status="utkast").exists()


def test_it_keeps_one_open_draft_at_a_time(utkast, sakerhetsavdelning):
    with pytest.raises(ValidationError, match="redan ett utkast"):
        services.policyversion_draft(user=sakerhetsavdelning)


def test_an_administrative_change_can_be_adopted_by_ks(
    v1, utkast, sakerhetsavdelning, kommunledning, ks
):
    koppling = utkast.avsnitt.get(typ="koppling")
    _markera(
        utkast,
        sakerhetsavdelning,
        "administrativ",
        avsnitt={koppling.pk: koppling.text + "\n\nSe även cybersäkerhetslagen (2025:1506)."},
    )
    assert utkast.andringstyp == PolicyVersion.Andringstyp.ADMINISTRATIV
    services.policyversion_adopt(
        user=kommunledning,
        version=utkast,
        beslutad_av=ks,
        beslutsdatum=IGAR,
        paragraf="§ 12",
        diarienummer="KS 2026/7",
    )
    v1.refresh_from_db()
    utkast.refresh_from_db()
    assert utkast.status == PolicyVersion.Status.FASTSTALLD and utkast.beslutad_av == ks
    assert v1.status == PolicyVersion.Status.UPPHAVD
    assert PolicyVersion.objects.gallande().get() == utkast


def test_a_substantive_change_is_adopted_only_by_kf(
    v1, utkast, sakerhetsavdelning, kommunledning, ks, kf
):
    el = utkast.omraden.get(omrade__slug="elsakerhet")
    _markera(
        utkast,
        sakerhetsavdelning,
        "vasentlig",
        omraden={
            el.pk: {
                "rubrik": "Elsäkerhet",
                "definition": "Elsäkerhet handlar om att förebygga elolyckor.",
            }
        },
    )
    with pytest.raises(ValidationError, match="ska beslutas av kommunfullmäktige"):
        services.policyversion_adopt(
            user=kommunledning, version=utkast, beslutad_av=ks, beslutsdatum=IGAR
        )
    v1.refresh_from_db()
    assert v1.status == PolicyVersion.Status.FASTSTALLD
    services.policyversion_adopt(
        user=sakerhetsavdelning, version=utkast, beslutad_av=kf, beslutsdatum=IGAR, paragraf="§ 88"
    )
    utkast.refresh_from_db()
    assert utkast.status == PolicyVersion.Status.FASTSTALLD and utkast.beslutad_av == kf


def test_an_unmarked_draft_cannot_be_adopted(utkast, kommunledning, kf):
    with pytest.raises(ValidationError, match="inte markerat"):
        services.policyversion_adopt(
            user=kommunledning, version=utkast, beslutad_av=kf, beslutsdatum=IGAR
        )


def test_only_those_who_record_decisions_may_adopt(
    utkast, sakerhetsavdelning, namndforetradare, kf
):
    _markera(utkast, sakerhetsavdelning, "administrativ")
    with pytest.raises(PermissionDenied):
        services.policyversion_adopt(
            user=namndforetradare, version=utkast, beslutad_av=kf, beslutsdatum=IGAR
        )


def test_adopting_is_atomic(v1, utkast, sakerhetsavdelning, kommunledning, ks, monkeypatch):
    """A failure after the old version was repealed leaves the old version in force."""
    _markera(utkast, sakerhetsavdelning, "administrativ")
    spara = services._spara

    def avbrott(obj, user):
        if isinstance(obj, PolicyVersion) and obj.status == PolicyVersion.Status.FASTSTALLD:
            raise RuntimeError("databasen försvann mitt i beslutet")
        spara(obj, user)

    monkeypatch.setattr(services, "_spara", avbrott)
    with pytest.raises(RuntimeError):
        services.policyversion_adopt(
            user=kommunledning, version=utkast, beslutad_av=ks, beslutsdatum=IGAR
        )
    v1.refresh_from_db()
    utkast.refresh_from_db()
    assert v1.status == PolicyVersion.Status.FASTSTALLD
    assert utkast.status == PolicyVersion.Status.UTKAST
    assert PolicyVersion.objects.gallande().get() == v1


def test_an_adopted_version_can_no_longer_be_edited(utkast, sakerhetsavdelning, kommunledning, ks):
    _markera(utkast, sakerhetsavdelning, "administrativ")
    services.policyversion_adopt(
        user=kommunledning, version=utkast, beslutad_av=ks, beslutsdatum=IGAR
    )
    with pytest.raises(ValidationError, match="Bara ett utkast"):
        _markera(utkast, sakerhetsavdelning, "vasentlig")


def test_a_decision_date_in_the_future_is_refused(utkast, sakerhetsavdelning, kommunledning, ks):
    _markera(utkast, sakerhetsavdelning, "administrativ")
    with pytest.raises(ValidationError, match="framtiden"):
        services.policyversion_adopt(
            user=kommunledning,
            version=utkast,
            beslutad_av=ks,
            beslutsdatum=datetime.date.today() + datetime.timedelta(2),
        )


def test_history_keeps_who_changed_what(v1, utkast, sakerhetsavdelning, kommunledning, ks):
    _markera(utkast, sakerhetsavdelning, "administrativ")
    services.policyversion_adopt(
        user=kommunledning, version=utkast, beslutad_av=ks, beslutsdatum=IGAR
    )
    assert v1.history.first().history_user == kommunledning
    assert v1.history.first().status == PolicyVersion.Status.UPPHAVD
    assert utkast.history.last().history_user == sakerhetsavdelning


# Through the pages


def test_the_whole_revision_through_the_pages(
    v1, sakerhetsavdelning, kommunledning, client_as, kf, ks
):
    sak = client_as(sakerhetsavdelning)
    resp = sak.post("/policy/utkast/nytt/")
    assert resp.status_code == 302 and resp["Location"] == "/policy/versioner/2/redigera/"
    utkast = PolicyVersion.objects.get(versionsnummer=2)
    assert sak.get("/policy/versioner/2/redigera/").status_code == 200

    data = redigera_data(
        utkast,
        "vasentlig",
        "Definition för elsäkerhet.",
        omraden={
            "elsakerhet": {
                "rubrik": "Elsäkerhet",
                "definition": "Elsäkerhet omfattar elanläggningar.",
            }
        },
    )
    resp = sak.post("/policy/versioner/2/redigera/", data)
    assert resp.status_code == 302

    ksc = client_as(kommunledning)
    beslut = {
        "beslutad_av": ks.pk,
        "beslutsdatum": IGAR.isoformat(),
        "paragraf": "§ 3",
        "diarienummer": "KS 2026/1",
    }
    resp = ksc.post("/policy/versioner/2/beslut/", beslut)
    assert resp.status_code == 400
    assert "En ändring i sak ska beslutas av kommunfullmäktige." in resp.content.decode()

    resp = ksc.post("/policy/versioner/2/beslut/", {**beslut, "beslutad_av": kf.pk})
    assert resp.status_code == 302
    sida = ksc.get("/policy/").content.decode()
    assert "2 (fastställd)" in sida and "§ 3" in sida and "KS 2026/1" in sida
    gammal = ksc.get("/policy/versioner/1/").content.decode()
    assert "Detta är version 1, som är upphävd." in gammal
    historik = ksc.get("/policy/historik/").content.decode()
    assert "Fastställd (gäller)" in historik and "Upphävd" in historik
    assert (
        "KS 2026/1" in historik and f"/policy/jamfor/?fran={v1.pk}&amp;till={utkast.pk}" in historik
    )
    omrade = ksc.get("/policy/omraden/elsakerhet/").content.decode()
    assert "Elsäkerhet omfattar elanläggningar." in omrade
    assert "saknar definition" not in omrade
    assert utkast.omraden.get(omrade__slug="elsakerhet").history.first().history_user == (
        sakerhetsavdelning
    )


def test_the_edit_page_rejects_a_missing_change_type_in_swedish(
    utkast, sakerhetsavdelning, client_as
):
    data = redigera_data(utkast, andringstyp="")
    resp = client_as(sakerhetsavdelning).post("/policy/versioner/2/redigera/", data)
    assert resp.status_code == 400
    assert "Det finns fel i formuläret" in resp.content.decode()


def test_revision_pages_are_closed_to_others(
    utkast, client_as, medarbetare, namndforetradare, kommunledning, extern
):
    for user in (medarbetare, namndforetradare, extern):
        c = client_as(user)
        assert c.post("/policy/utkast/nytt/").status_code == 403
        assert c.get("/policy/versioner/2/redigera/").status_code == 403
        assert c.get("/policy/versioner/2/beslut/").status_code == 403
        # Drafts are not shown to those who neither prepare nor decide.
        assert c.get("/policy/versioner/2/").status_code == 404
        historik = c.get("/policy/historik/").content.decode()
        assert "Version 1" in historik and "Version 2" not in historik
    # Kommunledningen records decisions but does not draft.
    assert client_as(kommunledning).get("/policy/versioner/2/redigera/").status_code == 403
    assert client_as(kommunledning).get("/policy/versioner/2/beslut/").status_code == 200
    assert client_as(kommunledning).get("/policy/versioner/2/").status_code == 200


def test_a_second_draft_is_refused_with_a_message(utkast, sakerhetsavdelning, client_as):
    c = client_as(sakerhetsavdelning)
    resp = c.post("/policy/utkast/nytt/", follow=True)
    assert "Det finns redan ett utkast (version 2)" in resp.content.decode()
    assert PolicyVersion.objects.count() == 2


def test_the_pages_of_a_version_no_longer_a_draft_say_why_in_swedish(
    v1, utkast, sakerhetsavdelning, kommunledning, ks, client_as
):
    """The state check is the service's: the edit and decision pages, opened or sent after
    the draft was adopted, show its message and change nothing."""
    _markera(utkast, sakerhetsavdelning, "administrativ")
    andring = redigera_data(utkast, "administrativ", "Sent ändrad.")
    beslut = {"beslutad_av": ks.pk, "beslutsdatum": IGAR.isoformat()}
    services.policyversion_adopt(
        user=kommunledning, version=utkast, beslutad_av=ks, beslutsdatum=IGAR
    )
    for user, url, data in (
        (sakerhetsavdelning, "/policy/versioner/2/redigera/", andring),
        (kommunledning, "/policy/versioner/2/beslut/", beslut),
    ):
        c = client_as(user)
        for svar in (c.get(url, follow=True), c.post(url, data, follow=True)):
            assert svar.redirect_chain[0] == ("/policy/versioner/2/", 302), url
            assert "Bara ett utkast kan ändras. Version 2 är fastställd." in (
                svar.content.decode()
            ), url
    utkast.refresh_from_db()
    assert utkast.andringsbeskrivning == "Test." and utkast.beslutad_av == ks


def test_text_sent_by_a_browser_does_not_count_as_changed(
    v1, utkast, sakerhetsavdelning, client_as
):
    """Browsers send text areas with CRLF; an untouched section must stay unchanged."""
    data = redigera_data(utkast)
    crlf = {k: v.replace("\n", "\r\n") for k, v in data.items()}
    assert (
        client_as(sakerhetsavdelning).post("/policy/versioner/2/redigera/", crlf).status_code == 302
    )
    assert [a.text for a in utkast.avsnitt.all()] == [a.text for a in v1.avsnitt.all()]
    assert utkast.avsnitt.get(typ="syfte").history.count() == 1


# The kind of change is decided from what changed


def _andring(utkast, vad):
    """One change to a section of substance, as policyversion_update takes it."""
    if vad == "syfte":
        a = utkast.avsnitt.get(typ="syfte")
        return {"avsnitt": {a.pk: a.text + " Och mer."}}
    if vad == "mal":
        m = utkast.mal.get(ordning=4)
        return {"mal": {m.pk: m.text + " Alltid."}}
    if vad == "omradeslista":
        t = utkast.omraden.get(omrade__slug="elsakerhet")
        return {"omraden": {t.pk: {"listnamn": "Elsäkerhet"}}}
    if vad == "definition":
        t = utkast.omraden.get(omrade__slug="internt-skydd")
        return {
            "omraden": {
                t.pk: {"definition": t.definition.replace("kommunkoncernenes", "kommunkoncernens")}
            }
        }
    a = utkast.ansvar.order_by("ordning").first()
    return {"ansvar": {a.pk: a.text + " Även övningar."}}


@pytest.mark.parametrize("vad", ["syfte", "mal", "omradeslista", "definition", "ansvar"])
def test_a_change_to_a_section_of_substance_cannot_be_marked_administrative(
    vad, v1, utkast, sakerhetsavdelning, kommunledning, ks, kf
):
    _markera(utkast, sakerhetsavdelning, "administrativ", **_andring(utkast, vad))
    assert utkast.andringstyp == PolicyVersion.Andringstyp.VASENTLIG
    with pytest.raises(ValidationError, match="ska beslutas av kommunfullmäktige"):
        services.policyversion_adopt(
            user=kommunledning, version=utkast, beslutad_av=ks, beslutsdatum=IGAR
        )
    v1.refresh_from_db()
    assert v1.status == PolicyVersion.Status.FASTSTALLD
    services.policyversion_adopt(
        user=kommunledning, version=utkast, beslutad_av=kf, beslutsdatum=IGAR
    )


def test_the_decision_reads_what_changed_not_the_stored_mark(
    v1, utkast, sakerhetsavdelning, kommunledning, ks
):
    """A mark set around the service (the admin, a script) does not open the door to KS."""
    _markera(utkast, sakerhetsavdelning, "vasentlig", **_andring(utkast, "definition"))
    PolicyVersion.objects.filter(pk=utkast.pk).update(andringstyp="administrativ")
    with pytest.raises(ValidationError, match="Definitioner och avgränsningar"):
        services.policyversion_adopt(
            user=kommunledning, version=utkast, beslutad_av=ks, beslutsdatum=IGAR
        )


def test_the_drafter_may_mark_any_change_as_one_of_substance(
    utkast, sakerhetsavdelning, kommunledning, ks
):
    koppling = utkast.avsnitt.get(typ="koppling")
    _markera(utkast, sakerhetsavdelning, "vasentlig", avsnitt={koppling.pk: koppling.text + " X"})
    assert utkast.andringstyp == PolicyVersion.Andringstyp.VASENTLIG
    with pytest.raises(ValidationError, match="ska beslutas av kommunfullmäktige"):
        services.policyversion_adopt(
            user=kommunledning, version=utkast, beslutad_av=ks, beslutsdatum=IGAR
        )


def test_the_pages_say_why_a_change_is_of_substance(
    utkast, sakerhetsavdelning, kommunledning, client_as
):
    data = redigera_data(
        utkast,
        "administrativ",
        omraden={"elsakerhet": {"rubrik": "Elsäkerhet", "definition": "Skydd mot elolyckor."}},
    )
    resp = client_as(sakerhetsavdelning).post("/policy/versioner/2/redigera/", data, follow=True)
    sida = resp.content.decode()
    assert "eftersom det ändrar Definitioner och avgränsningar" in sida
    assert "Ändring i sak (beslutas av kommunfullmäktige)" in sida
    beslut = client_as(kommunledning).get("/policy/versioner/2/beslut/").content.decode()
    assert "Ändring i sak (beslutas av kommunfullmäktige)" in beslut
    assert "eftersom utkastet ändrar Definitioner och avgränsningar" in beslut
    assert "kan beslutas av kommunfullmäktige eller kommunstyrelsen" not in beslut
