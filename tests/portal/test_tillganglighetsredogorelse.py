"""The accessibility statement says what was tested and how, and what is known not to
comply, instead of claiming full compliance on automated tests alone."""


def _text(client) -> str:
    response = client.get("/tillganglighet/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_claims_no_full_compliance(client, db):
    page = _text(client)
    assert "helt förenlig" not in page
    assert "delvis förenlig" in page


def test_it_says_what_was_tested_and_how(client, db):
    page = _text(client)
    assert "Så har vi testat portalen" in page
    for hur in ("axe-core", "Chromium", "320 pixlar", "enbart tangentbordet", "skärmläsare"):
        assert hur in page, hur


def test_it_lists_what_is_known_not_to_comply(client, db):
    page = _text(client)
    brister = page.split("Kända brister</h2>")[1].split("<h2>")[0]
    assert brister.count("<li>") >= 1
    assert "WCAG 3.1.2" in brister
