from policy.models import Roll


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")


def test_it_shows_the_login_page_in_swedish(client, db):
    response = client.get("/logga-in/")
    assert response.status_code == 200
    assert b'lang="sv"' in response.content
    assert b"Logga in" in response.content
    assert "Användarnamn".encode() in response.content


def test_it_logs_in_every_demo_role(client, people):
    assert set(people) == set(Roll.values)
    for user in people.values():
        response = client.post("/logga-in/", {"username": user.username, "password": "demo1234"})
        assert response.status_code == 302, user.username
        assert client.get("/").status_code == 200
        client.post("/logga-ut/")


def test_it_rejects_a_wrong_password_in_swedish(client, medarbetare):
    response = client.post("/logga-in/", {"username": "medarbetare", "password": "fel"})
    assert response.status_code == 200
    assert b"Ange ett korrekt" in response.content


def test_it_links_the_accessibility_statement_from_every_page(client, db):
    response = client.get("/logga-in/")
    assert b'href="/tillganglighet/"' in response.content
    page = client.get("/tillganglighet/")
    assert page.status_code == 200
    assert "Tillgänglighetsredogörelse".encode() in page.content
    assert b"mailto:" in page.content


def test_it_answers_the_health_check(client, db):
    response = client.get("/halsa/")
    assert response.json() == {"status": "ok"}
