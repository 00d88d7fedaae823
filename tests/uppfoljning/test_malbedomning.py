"""Säkerhetsavdelningen's yearly assessment of a goal, kept with its history."""

from policy.models import PolicyVersion
from uppfoljning.models import Malbedomning


def test_it_records_the_assessment_with_history(client_as, sakerhetsavdelning, kommunledning):
    mal = PolicyVersion.objects.gallande().first().mal.get(ordning=4)
    url = f"/uppfoljning/mal/{mal.pk}/2025/bedom/"
    assert client_as(kommunledning).get(url).status_code == 403
    klient = client_as(sakerhetsavdelning)
    assert klient.post(url, {"bedomning": "ej_uppfyllt", "text": ""}).status_code == 400
    assert (
        klient.post(url, {"bedomning": "delvis", "text": "Hälften har åtgärd."}).status_code == 302
    )
    assert (
        klient.post(url, {"bedomning": "uppfyllt", "text": "Alla har åtgärd."}).status_code == 302
    )
    b = Malbedomning.objects.get(mal=mal, ar=2025)
    assert (b.bedomning, b.text, b.bedomd_av) == (
        "uppfyllt",
        "Alla har åtgärd.",
        sakerhetsavdelning,
    )
    assert [h.bedomning for h in b.history.all()] == ["uppfyllt", "delvis"]
    sida = client_as(kommunledning).get("/uppfoljning/mal/?ar=2025").content.decode()
    assert "Uppfyllt" in sida and "Alla har åtgärd." in sida
    historik = klient.get(url).content.decode()
    assert "Hälften har åtgärd." in historik
    assert klient.get(f"/uppfoljning/mal/{mal.pk}/1900/bedom/").status_code == 400
    assert klient.get("/uppfoljning/mal/?ar=inte-ett-ar").status_code == 400


def test_it_keeps_the_questions_and_indicators_in_the_admin(db, client_as):
    from policy.models import User

    root = User.objects.create_superuser("root", "root@test.koping.se", "x-Lösen-123")
    c = client_as(root)
    assert (
        "Har egenkontroller av brandskyddet" in c.get("/admin/uppfoljning/fraga/").content.decode()
    )
    assert c.get("/admin/uppfoljning/indikator/").status_code == 200
