from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from incidenter import panels, start
from incidenter.models import Incident, Plikttyp, Rapporteringsplikt
from policy.models import Enhet, Omrade, Organ

from .factories import grant, incident_factory, kategori, skyddad_incident


def test_it_shows_the_areas_latest_visible_incidents(
    medarbetare, sakerhetsavdelning, sakerhetschef, extern, client_as
):
    stold = kategori("Stöld")
    omrade = Omrade.objects.get(pk=stold.omrade_id)
    nu = timezone.now()
    for n in range(12):
        incident_factory(rapportor=medarbetare, kategori=stold, rapporterad=nu - timedelta(days=n))
    skyddad = skyddad_incident(rapportor=medarbetare, kategori=stold)
    ctx = panels.omrade_panel(sakerhetsavdelning, omrade)
    assert ctx["antal"] == 12
    assert len(ctx["incidenter"]) == 10
    assert skyddad not in ctx["incidenter"]
    assert panels.omrade_panel(sakerhetschef, omrade)["antal"] == 13
    html = render_to_string("incidenter/_omrade_panel.html", {"ctx": ctx})
    assert "Visa alla 12 incidenter i listan" in html
    assert f"/incidenter/?omrade={omrade.pk}" in html
    # No statistics permission, or nothing visible in the area: no panel.
    assert panels.omrade_panel(medarbetare, omrade) is None
    assert panels.omrade_panel(extern, omrade) is None
    assert panels.omrade_panel(sakerhetsavdelning, Omrade.objects.get(nummer=8)) is None


def test_it_shows_a_bodys_incidents_this_year_by_status_and_the_open_ones(
    medarbetare, namndforetradare, annan_namndforetradare, kommunledning
):
    bun = Organ.objects.get(slug="bun")
    incident_factory(rapportor=medarbetare, status=Incident.Status.AVSLUTAD)
    prio = incident_factory(rapportor=medarbetare, personskada_eller_fara=True)
    oppen = incident_factory(rapportor=medarbetare, status=Incident.Status.MOTTAGEN)
    skyddad_incident(rapportor=medarbetare)
    ctx = panels.organ_panel(namndforetradare, bun)
    assert [(r["namn"], r["antal"]) for r in ctx["per_status"]] == [
        ("Rapporterad", 1),
        ("Mottagen", 1),
        ("Avslutad", 1),
    ]
    assert ctx["antal_i_ar"] == 3
    assert ctx["oppna"] == [prio, oppen]
    html = render_to_string("incidenter/_organ_panel.html", {"ctx": ctx})
    assert "2 öppna incidenter" in html
    assert "Prioriterad: liv och hälsa" in html
    assert f"?organ={bun.pk}&amp;status=oppna" in html
    assert panels.organ_panel(kommunledning, bun)["antal_i_ar"] == 3
    assert panels.organ_panel(annan_namndforetradare, bun) is None
    assert panels.organ_panel(medarbetare, bun) is None


def test_it_counts_last_years_open_incidents_but_not_its_closed_ones(namndforetradare):
    bun = Organ.objects.get(slug="bun")
    forra_aret = timezone.now().replace(month=1, day=1) - timedelta(days=30)
    gammal_oppen = incident_factory(
        rapportor=namndforetradare, rapporterad=forra_aret, status=Incident.Status.MOTTAGEN
    )
    incident_factory(
        rapportor=namndforetradare, rapporterad=forra_aret, status=Incident.Status.AVSLUTAD
    )
    i_ar = incident_factory(rapportor=namndforetradare, status=Incident.Status.AVVISAD)
    ctx = panels.organ_panel(namndforetradare, bun)
    assert [(r["namn"], r["antal"]) for r in ctx["per_status"]] == [("Avvisad", 1)]
    assert ctx["antal_i_ar"] == 1
    assert ctx["antal_oppna"] == 1
    assert ctx["oppna"] == [gammal_oppen]
    assert i_ar not in ctx["oppna"]


def test_it_shows_my_reports_on_the_start_page(medarbetare, client_as):
    assert start.context(medarbetare) == {"mina_antal": 0, "mina_senaste": []}
    egen = incident_factory(rapportor=medarbetare, rubrik="Trasigt lås")
    ctx = start.context(medarbetare)
    assert ctx["mina_antal"] == 1 and ctx["mina_senaste"] == [egen]
    assert "hanterar" not in ctx
    html = client_as(medarbetare).get("/").content.decode()
    assert "Trasigt lås" in html
    assert "Att hantera" not in html


def test_it_shows_my_three_latest_reports_and_counts_them_all(medarbetare, client_as):
    nu = timezone.now()
    egna = [
        incident_factory(rapportor=medarbetare, rapporterad=nu - timedelta(days=n))
        for n in range(5)
    ]
    skyddad_incident(rapportor=medarbetare, rapporterad=nu - timedelta(days=10))
    ctx = start.context(medarbetare)
    assert ctx["mina_antal"] == 6  # a reporter sees their own skyddad report too
    assert ctx["mina_senaste"] == egna[:3]
    html = client_as(medarbetare).get("/").content.decode()
    assert "Visa alla dina 6 rapporter" in html


def test_it_shows_handlers_what_waits_and_which_clocks_are_overdue(
    medarbetare, sakerhetsavdelning, sakerhetschef, chef, client_as
):
    nu = timezone.now()
    incident_factory(rapportor=medarbetare, personskada_eller_fara=True)
    incident_factory(rapportor=medarbetare)
    incident_factory(rapportor=medarbetare, status=Incident.Status.MOTTAGEN)
    skyddad = skyddad_incident(rapportor=medarbetare, upptackt=nu - timedelta(days=5))
    imy = Plikttyp.objects.get(kod="imy")
    forsenad = incident_factory(
        rapportor=medarbetare,
        status=Incident.Status.UNDER_UTREDNING,
        upptackt=nu - timedelta(days=4),
    )
    for incident in (skyddad, forsenad):
        Rapporteringsplikt.objects.create(
            incident=incident,
            typ=imy,
            mottagare=imy.mottagare,
            frist=imy.frist,
            frist_manader=imy.frist_manader,
        )
    ctx = start.context(sakerhetsavdelning)
    assert (ctx["vantande"], ctx["vantande_prioriterade"], ctx["forsenade"]) == (2, 1, 1)
    ctx = start.context(sakerhetschef)
    assert (ctx["vantande"], ctx["forsenade"]) == (3, 2)
    assert start.context(chef)["vantande"] == 2
    html = client_as(sakerhetsavdelning).get("/").content.decode()
    assert "2 nya incidenter väntar på att tas emot" in html
    assert "1 prioriterad: liv och hälsa" in html
    assert "1 incident har försenad rapportering till myndighet" in html
    assert "/incidenter/?status=oppna&amp;forsenade=on" in html
    grant(sakerhetsavdelning, skyddad)
    assert start.context(sakerhetsavdelning)["vantande"] == 3


def test_it_counts_for_every_role_exactly_the_bodys_incidents_it_may_see(request, medarbetare):
    """The body panel shares the normal incidents' figures between everyone who sees them
    all (incidenter.panels), and counts the rest per person: for every role the figures are
    still those of the incidents the person may see, skyddade included or not."""
    from incidenter.selectors import incidents_visible_to

    bun = Organ.objects.get(slug="bun")
    annan_enhet = request.getfixturevalue("annan_medarbetare").enhet
    forra_aret = timezone.now().replace(month=1, day=1) - timedelta(days=30)
    roller = [
        "medarbetare",
        "chef",
        "namndforetradare",
        "annan_namndforetradare",
        "sakerhetsavdelning",
        "sakerhetschef",
        "kommunledning",
        "extern",
    ]
    personer = {r: request.getfixturevalue(r) for r in roller}
    # A unit of the body that the chef does not lead: the chef sees only part of the body.
    ledda = personer["chef"].ledda_enhet_ids
    utanfor_chefen = (
        Enhet.objects.filter(organ=bun)
        .exclude(pk__in=ledda)
        .exclude(overordnad_id__in=ledda)
        .first()
    )
    incident_factory(rapportor=medarbetare, enhet=utanfor_chefen)
    for status in (Incident.Status.RAPPORTERAD, Incident.Status.AVSLUTAD):
        for rapporterad in (timezone.now(), forra_aret):
            incident_factory(rapportor=medarbetare, status=status, rapporterad=rapporterad)
            incident_factory(
                rapportor=medarbetare, status=status, rapporterad=rapporterad, enhet=annan_enhet
            )
            skyddad_incident(rapportor=medarbetare, status=status, rapporterad=rapporterad)
            egen = skyddad_incident(
                rapportor=personer["namndforetradare"], status=status, rapporterad=rapporterad
            )
            grant(personer["sakerhetsavdelning"], egen)
            grant(personer["kommunledning"], skyddad_incident(rapportor=medarbetare, status=status))

    i_ar = timezone.now().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    for roll in roller * 2:  # the second round reads the shared figures from the cache
        user = personer[roll]
        ctx = panels.organ_panel(user, bun)
        synliga = incidents_visible_to(user).filter(enhet__organ=bun)
        vantat_i_ar = synliga.filter(rapporterad__gte=i_ar).count()
        vantat_oppna = synliga.filter(status__in=Incident.OPPNA).count()
        if not user.has_perm("incidenter.view_incident_statistics") or not (
            vantat_i_ar or vantat_oppna
        ):
            assert ctx is None, roll
            continue
        assert (ctx["antal_i_ar"], ctx["antal_oppna"]) == (vantat_i_ar, vantat_oppna), roll
        assert {r["status"]: r["antal"] for r in ctx["per_status"]} == {
            s: n
            for s in Incident.Status.values
            if (n := synliga.filter(rapporterad__gte=i_ar, status=s).count())
        }, roll


def test_the_body_panel_drawn_for_everyone_shows_each_reader_their_skyddade_and_each_change(
    medarbetare, namndforetradare, kommunledning, sakerhetschef, client_as
):
    """Those who see all the body's normal incidents share the drawn panel; a reader who
    also sees skyddade ones gets it drawn anew, and a change to an incident shows at once."""
    url = "/policy/ansvar/bun/"
    dorr = incident_factory(rapportor=medarbetare, rubrik="Trasig dörr i entrén")
    skyddad_incident(rapportor=medarbetare, rubrik="Hot mot rektorn")

    def panel(user, **headers):
        html = client_as(user).get(url, **headers).content.decode()
        return html[html.find('id="panel-incidenter-organ"') :]

    for user in (namndforetradare, sakerhetschef, kommunledning, namndforetradare):
        html = panel(user)
        assert "Trasig dörr i entrén" in html, user.username
        assert ("Hot mot rektorn" in html) == (user == sakerhetschef), user.username
        if user == sakerhetschef:
            assert "2 öppna incidenter" in html
        else:
            assert "1 öppen incident" in html, user.username
    assert "Trasig dörr i entrén" in panel(kommunledning, HTTP_ACCEPT_LANGUAGE="en")
    assert "Incidents reported" in panel(kommunledning, HTTP_ACCEPT_LANGUAGE="en")
    assert "Incidenter rapporterade" in panel(namndforetradare)

    # Made skyddad: gone at once for those who may not see it (here the whole panel).
    dorr.konfidentialitet = Incident.Konfidentialitet.SKYDDAD
    dorr.save()
    html = client_as(namndforetradare).get(url).content.decode()
    assert "Trasig dörr i entrén" not in html and 'id="panel-incidenter-organ"' not in html
    assert "Trasig dörr i entrén" in panel(sakerhetschef)


def test_the_start_page_counts_overdue_clocks_by_the_same_rule_as_the_list(
    medarbetare, sakerhetsavdelning
):
    """The final cyber report runs a month from the notification; a closed incident's clock
    no longer counts. The start page's figure is the list's ("försenade" filter)."""
    from incidenter.queries import forsenad_klocka
    from incidenter.selectors import incidents_to_handle

    nu = timezone.now()
    typer = {t.kod: t for t in Plikttyp.objects.all()}

    def plikt(incident, kod, utford=None):
        typ = typer[kod]
        Rapporteringsplikt.objects.create(
            incident=incident,
            typ=typ,
            mottagare=typ.mottagare,
            frist=typ.frist,
            frist_manader=typ.frist_manader,
            utford=utford,
        )

    for dagar_sedan_anmalan in (40, 5):  # final report overdue / still within its month
        cyber = incident_factory(
            rapportor=medarbetare,
            status=Incident.Status.UNDER_UTREDNING,
            upptackt=nu - timedelta(days=50),
        )
        plikt(cyber, "csirt-tidig", nu - timedelta(days=49))
        plikt(cyber, "csirt-anmalan", nu - timedelta(days=dagar_sedan_anmalan))
        plikt(cyber, "csirt-slut")
    stangd = incident_factory(
        rapportor=medarbetare, status=Incident.Status.AVSLUTAD, upptackt=nu - timedelta(days=9)
    )
    plikt(stangd, "imy")
    plikt(incident_factory(rapportor=medarbetare, upptackt=nu - timedelta(hours=1)), "imy")

    ctx = start.context(sakerhetsavdelning)
    assert ctx["forsenade"] == 1
    assert ctx["forsenade"] == (
        incidents_to_handle(sakerhetsavdelning).filter(forsenad_klocka()).count()
    )


def test_the_start_page_shows_a_clock_running_out_on_time_and_a_reported_duty_within_a_minute(
    medarbetare, sakerhetsavdelning
):
    import time_machine

    imy = Plikttyp.objects.get(kod="imy")  # 72 hours from awareness
    with time_machine.travel(timezone.now(), tick=False) as resa:
        incident = incident_factory(
            rapportor=medarbetare,
            status=Incident.Status.MOTTAGEN,
            upptackt=timezone.now() - imy.frist + timedelta(seconds=30),
        )
        plikt = Rapporteringsplikt.objects.create(
            incident=incident,
            typ=imy,
            mottagare=imy.mottagare,
            frist=imy.frist,
            frist_manader=imy.frist_manader,
        )
        assert start.context(sakerhetsavdelning)["forsenade"] == 0
        resa.shift(timedelta(seconds=31))
        assert start.context(sakerhetsavdelning)["forsenade"] == 1
        plikt.utford = timezone.now()
        plikt.save()
        resa.shift(timedelta(seconds=61))
        assert start.context(sakerhetsavdelning)["forsenade"] == 0


def test_the_start_page_shows_handlers_each_new_and_received_incident_at_once(
    medarbetare, sakerhetsavdelning, sakerhetschef
):
    """Säkerhetsavdelningen's count of normal incidents is shared; each write shows at once,
    and each reader's skyddade are added to it, in whichever order they look."""
    incident_factory(rapportor=medarbetare)
    skyddad_incident(rapportor=medarbetare)
    for user, vantande in ((sakerhetsavdelning, 1), (sakerhetschef, 2), (sakerhetsavdelning, 1)):
        assert start.context(user)["vantande"] == vantande, user.username
    ny = incident_factory(rapportor=medarbetare, personskada_eller_fara=True)
    ctx = start.context(sakerhetsavdelning)
    assert (ctx["vantande"], ctx["vantande_prioriterade"]) == (2, 1)
    ny.status = Incident.Status.MOTTAGEN
    ny.save()
    ctx = start.context(sakerhetsavdelning)
    assert (ctx["vantande"], ctx["vantande_prioriterade"]) == (1, 0)
    assert start.context(sakerhetschef)["vantande"] == 2
