import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paminnelser.models import Arshjulspunkt, Installning, Notis

pytestmark = pytest.mark.django_db


def _notis(user, n, **fields):
    return Notis.objects.create(
        mottagare=user,
        typ="test",
        nyckel=f"test:{n}",
        rubrik=f"Påminnelse {n}",
        lank="/risker/",
        **fields,
    )


def test_it_lists_only_my_notices_newest_first(client_as, medarbetare, chef):
    _notis(medarbetare, 1)
    _notis(medarbetare, 2)
    _notis(chef, 3)
    response = client_as(medarbetare).get("/paminnelser/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Påminnelse 2") < body.index("Påminnelse 1")
    assert "Påminnelse 3" not in body


def test_it_shows_the_unread_count_in_the_header(client_as, medarbetare):
    _notis(medarbetare, 1)
    _notis(medarbetare, 2)
    response = client_as(medarbetare).get("/")
    assert response.context["olasta_paminnelser"] == 2
    assert '<span class="badge">2<span class="visually-hidden"> olästa' in response.content.decode()


def test_it_counts_unread_with_one_query(rf, medarbetare):
    from paminnelser.context_processors import olasta

    request = rf.get("/")
    request.user = medarbetare
    with CaptureQueriesContext(connection) as queries:
        olasta(request)
    assert len(queries) == 1


def test_it_marks_a_notice_read_when_opened_and_follows_its_link(client_as, medarbetare):
    notis = _notis(medarbetare, 1)
    response = client_as(medarbetare).get(f"/paminnelser/{notis.pk}/oppna/")
    assert response.status_code == 302 and response["Location"] == "/risker/"
    notis.refresh_from_db()
    assert notis.last is not None


def test_it_does_not_open_another_persons_notice(client_as, medarbetare, chef):
    notis = _notis(chef, 1)
    assert client_as(medarbetare).get(f"/paminnelser/{notis.pk}/oppna/").status_code == 404
    notis.refresh_from_db()
    assert notis.last is None


def test_it_never_redirects_to_another_site(client_as, medarbetare):
    notis = _notis(medarbetare, 1)
    Notis.objects.filter(pk=notis.pk).update(lank="https://evil.example/")
    response = client_as(medarbetare).get(f"/paminnelser/{notis.pk}/oppna/")
    assert response["Location"] == "/paminnelser/"


def test_it_marks_all_read(client_as, medarbetare):
    _notis(medarbetare, 1)
    client = client_as(medarbetare)
    client.post("/paminnelser/markera-lasta/")
    assert not Notis.objects.filter(mottagare=medarbetare, last__isnull=True).exists()


def test_it_saves_the_choice_of_a_daily_digest(client_as, medarbetare):
    client = client_as(medarbetare)
    response = client.post("/paminnelser/installningar/", {"leverans": "sammanstallning"})
    assert response.status_code == 302
    assert medarbetare.paminnelseinstallning.leverans == Installning.Leverans.SAMMANSTALLNING
    bad = client.post("/paminnelser/installningar/", {"leverans": "duva"})
    assert bad.status_code == 400
    assert "Något behöver rättas" in bad.content.decode()


def test_it_paginates(client_as, medarbetare):
    for n in range(30):
        _notis(medarbetare, n)
    client = client_as(medarbetare)
    assert "Sida 1 av 2" in client.get("/paminnelser/").content.decode()
    assert client.get("/paminnelser/?sida=x").status_code == 200


def test_it_lets_sakerhetsavdelningen_edit_arshjulet(client_as, sakerhetsavdelning):
    client = client_as(sakerhetsavdelning)
    assert "Risk- och sårbarhetsanalysen" in client.get("/paminnelser/arshjulet/").content.decode()
    response = client.post(
        "/paminnelser/arshjulet/ny/",
        {
            "namn": "Övning i krisledning",
            "manad": "4",
            "dag": "15",
            "framforhallning": "20",
            "roll": "sakerhetsavdelning",
            "aktiv": "on",
        },
    )
    assert response.status_code == 302
    punkt = Arshjulspunkt.objects.get(namn="Övning i krisledning")
    bad = client.post(
        f"/paminnelser/arshjulet/{punkt.pk}/",
        {"namn": "Övning", "manad": "2", "dag": "30", "framforhallning": "20"},
    )
    assert bad.status_code == 400
    assert "Datumet finns inte." in bad.content.decode()


def test_it_lets_others_read_but_not_edit_arshjulet(client_as, chef, extern):
    client = client_as(chef)
    assert client.get("/paminnelser/arshjulet/").status_code == 200
    assert client.get("/paminnelser/arshjulet/ny/").status_code == 403
    assert client_as(extern).get("/paminnelser/arshjulet/").status_code == 403
