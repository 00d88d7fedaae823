"""
Swedish is the default language; English is a real translation (locale/en), chosen with the
language form in the footer (POST /sprak/), the django_language cookie or Accept-Language.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture(autouse=True)
def _restore_language():
    # The locale middleware leaves the last request's language active in this thread;
    # later tests must not run in English.
    with translation.override(translation.get_language()):
        yield


def in_english(client):
    response = client.post("/sprak/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_it_speaks_swedish_by_default(client_as, medarbetare):
    html = text(client_as(medarbetare).get("/"))
    assert 'lang="sv"' in html
    assert "Rapportera en incident" in html
    assert "Report an incident" not in html


def test_it_shows_the_login_page_in_english_after_choosing_english(client, db):
    html = text(in_english(client).get("/logga-in/"))
    assert 'lang="en"' in html
    assert "Log in" in html
    assert "User name" in html
    assert "Password" in html
    assert "Användarnamn" not in html
    assert "Skip to main content" in html


def test_it_shows_the_start_page_in_english(client_as, medarbetare):
    html = text(in_english(client_as(medarbetare)).get("/"))
    assert 'lang="en"' in html
    assert "Report an incident" in html
    assert "My reports" in html
    assert "My reminders" in html
    assert "Accessibility statement" in html
    for swedish in (
        "Rapportera en incident",
        "Mina rapporter",
        "Logga ut",
        "Tillgänglighetsredogörelse",
    ):
        assert swedish not in html


def test_it_shows_the_incident_form_in_english(client_as, medarbetare):
    html = text(in_english(client_as(medarbetare)).get("/incidenter/rapportera/"))
    assert "<h1>Report an incident</h1>" in html
    # Field labels come from the form (lazy gettext), the rest from the template.
    assert "What happened?" in html
    assert "When did it happen?" in html
    assert "Is anyone injured or in danger?" in html
    assert "Send the report" in html
    assert "Vad hände?" not in html
    assert "Skicka rapporten" not in html


def test_it_follows_the_browsers_accept_language(client, db):
    html = text(client.get("/logga-in/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"))
    assert 'lang="en"' in html
    assert "User name" in html


def test_it_goes_back_to_swedish(client_as, medarbetare):
    client = in_english(client_as(medarbetare))
    client.post("/sprak/", {"language": "sv", "next": "/"})
    html = text(client.get("/"))
    assert 'lang="sv"' in html
    assert "Rapportera en incident" in html


# The catalogue itself: every string translated, placeholders kept, and the committed .mo
# compiled from the committed .po (`make run` works without gettext installed).

_ENTRY = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$')


def _po_entries():
    entries, current, key = [], None, None
    for line in (LOCALE / "django.po").read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current and current.get("msgid"):
                entries.append(current)
            current, key = None, None
            continue
        current = current if current is not None else {"fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        match = _ENTRY.match(line)
        if match:
            key = match.group(1)
            current[key] = ast.literal_eval(f'"{match.group(2)}"')
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    return entries


def _placeholders(s: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)[sd]", s))


def test_it_has_an_english_translation_for_every_string():
    entries = _po_entries()
    assert len(entries) > 1000
    untranslated = [
        e["msgid"] for e in entries if e["fuzzy"] or not (e.get("msgstr") or e.get("msgstr[1]"))
    ]
    assert untranslated == []
    wrong = [
        e["msgid"]
        for e in entries
        if "msgstr" in e and _placeholders(e["msgstr"]) != _placeholders(e["msgid"])
    ]
    assert wrong == []


def test_it_ships_a_compiled_catalogue_that_matches_the_po_file():
    with open(LOCALE / "django.mo", "rb") as fp:
        catalogue = gettext.GNUTranslations(fp)
    for entry in _po_entries():
        if "msgid_plural" in entry:
            assert (
                catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
            )
        else:
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
