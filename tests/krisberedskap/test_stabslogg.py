"""The staff log is append-only: no view, service, admin or queryset changes or removes an
entry; a correction is a new entry pointing at the one it corrects."""

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import get_resolver

from krisberedskap import services
from krisberedskap.models import Loggpost


def test_it_stamps_an_entry_with_time_and_author(aktivering, stab, client_as):
    client = client_as(stab)
    svar = client.post(
        f"/krisberedskap/krisledning/{aktivering.pk}/logg/", {"text": "Stab på plats."}
    )
    assert svar.status_code == 302
    post = aktivering.logg.get()
    assert post.forfattare == stab and post.tidpunkt is not None
    sida = client.get(f"/krisberedskap/krisledning/{aktivering.pk}/").content.decode()
    assert "Stab på plats." in sida and str(stab) in sida


def test_it_links_a_correction_to_the_entry_it_corrects(aktivering, stab, client_as):
    fel = services.loggpost_create(user=stab, aktivering=aktivering, text="Nyhem har 43 boende.")
    client = client_as(stab)
    sida = client.get(
        f"/krisberedskap/krisledning/{aktivering.pk}/?rattar={fel.pk}"
    ).content.decode()
    assert f'value="{fel.pk}"' in sida
    client.post(
        f"/krisberedskap/krisledning/{aktivering.pk}/logg/",
        {"text": "Rättelse: Nyhem har 34 boende.", "rattar": fel.pk},
    )
    rattelse = aktivering.logg.get(rattar=fel)
    assert rattelse.text == "Rättelse: Nyhem har 34 boende."
    fel.refresh_from_db()
    assert fel.text == "Nyhem har 43 boende."  # the old entry stays as it was
    sida = client.get(f"/krisberedskap/krisledning/{aktivering.pk}/").content.decode()
    assert f'href="#post-{fel.pk}"' in sida


def test_it_refuses_a_correction_of_another_activations_entry(
    aktivering, aktivering_factory, stab, sakerhetschef
):
    annan = aktivering_factory(titel="Annan")
    services.aktivering_add_deltagare(
        user=sakerhetschef, aktivering=annan, deltagare=stab, roll="stab"
    )
    post = services.loggpost_create(user=stab, aktivering=annan, text="Annan logg.")
    with pytest.raises(ValidationError):
        services.loggpost_create(user=stab, aktivering=aktivering, text="x", rattar=post)


def test_it_keeps_the_text_in_the_form_when_an_entry_is_not_saved(aktivering, stab, client_as):
    text = "Lång lägesbild " * 300  # over the 4 000 characters an entry holds
    svar = client_as(stab).post(f"/krisberedskap/krisledning/{aktivering.pk}/logg/", {"text": text})
    assert svar.status_code == 400
    sida = svar.content.decode()
    assert "Loggposten är inte sparad. Texten finns kvar i fältet." in sida
    assert text.strip() in sida
    assert not aktivering.logg.exists()


def test_it_has_no_way_to_change_or_remove_an_entry(aktivering, stab):
    post = services.loggpost_create(user=stab, aktivering=aktivering, text="Första posten.")
    # No service does it.
    namn = [n for n in dir(services) if n.startswith("loggpost_")]
    assert namn == ["loggpost_create"]
    # The model and its querysets refuse.
    post.text = "Ändrad"
    with pytest.raises(ValidationError):
        post.save()
    with pytest.raises(ValidationError):
        post.delete()
    with pytest.raises(ValidationError):
        Loggpost.objects.filter(pk=post.pk).update(text="Ändrad")
    with pytest.raises(ValidationError):
        Loggpost.objects.filter(pk=post.pk).delete()
    assert Loggpost.objects.get(pk=post.pk).text == "Första posten."


def test_it_offers_no_url_to_change_or_remove_an_entry():
    rutter = [
        str(p.pattern)
        for r in get_resolver().url_patterns
        if str(getattr(r, "pattern", "")) == "krisberedskap/"
        for p in r.url_patterns
    ]
    assert rutter, "krisberedskap har inga adresser"
    logg = [r for r in rutter if "logg" in r]
    assert logg == ["krisledning/<int:pk>/logg/"]
    # Nothing under the krisledning's addresses removes or changes (a contribution to the
    # RSA may drop one of its own verksamheter, elsewhere).
    krisledning = [r for r in rutter if r.startswith("krisledning/")]
    assert len(krisledning) > 5
    assert not [
        r for r in krisledning if any(o in r for o in ("andra", "ta-bort", "radera", "rattelse"))
    ]


def test_it_answers_a_get_or_a_stranger_on_the_log_url_without_writing(
    aktivering, stab, chef, client_as
):
    assert (
        client_as(stab).get(f"/krisberedskap/krisledning/{aktivering.pk}/logg/").status_code == 405
    )
    svar = client_as(chef).post(f"/krisberedskap/krisledning/{aktivering.pk}/logg/", {"text": "x"})
    assert svar.status_code == 404
    assert not aktivering.logg.exists()


def test_it_shows_the_log_read_only_in_the_admin(aktivering, stab, sysadmin):
    post = services.loggpost_create(user=stab, aktivering=aktivering, text="Post.")
    admin = site._registry[Loggpost]
    request = RequestFactory().get("/")
    request.user = sysadmin
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, post)
    assert not admin.has_delete_permission(request, post)


def test_it_closes_the_log_when_the_activation_ends(aktivering, stab):
    from django.utils import timezone

    services.aktivering_close(
        user=stab,
        aktivering=aktivering,
        avslutad=timezone.now(),
        avslutad_av_namn="Elin",
        skal="Klart.",
    )
    with pytest.raises(ValidationError):
        services.loggpost_create(user=stab, aktivering=aktivering, text="För sent.")


def test_it_lets_only_members_and_staff_write(aktivering, sakerhetsavdelning):
    with pytest.raises(PermissionDenied):
        services.loggpost_create(user=sakerhetsavdelning, aktivering=aktivering, text="x")
