"""The main menu (portal.meny): each role gets the links the menu always gave it,
in the same order, and nobody gets a menu before the second step of logging in."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.conftest import ROLLER

# The menu as base.html drew it before portal.meny.
MALL = """{% load i18n %}
        <li><a href="{% url 'start' %}">{% translate "Start" %}</a></li>
        {% url 'incidenter:rapportera' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Rapportera incident" %}</a></li>{% endif %}
        {% url 'incidenter:mina' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Mina rapporter" %}</a></li>{% endif %}
        {% if perms.incidenter.handle_incident or user.ledda_enhet_ids or perms.incidenter.view_incident_statistics %}{% url 'incidenter:lista' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Incidenter" %}</a></li>{% endif %}{% endif %}
        {% if not user.ar_extern %}
        {% url 'risker:register' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Riskregister" %}</a></li>{% endif %}
        {% if perms.risker.review_riskanalys %}{% url 'risker:granskning' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Granskning" %}</a></li>{% endif %}{% endif %}
        {% if perms.krisberedskap.hantera_krisberedskap or perms.krisberedskap.las_krisberedskap %}{% url 'krisberedskap:index' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Krisberedskap" %}</a></li>{% endif %}{% endif %}
        {% url 'verksamhet:lista' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Övningar och kontroller" %}</a></li>{% endif %}
        {% url 'informationssakerhet:index' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Informationsregister" %}</a></li>{% endif %}
        {% if perms.informationssakerhet.dataskyddsombud %}<li><a href="{% url 'informationssakerhet:incidentregister' %}">{% translate "Personuppgiftsincidenter" %}</a></li>{% endif %}
        {% if perms.informationssakerhet.view_sakerhetsskydd %}<li><a href="{% url 'informationssakerhet:sakerhetsskydd' %}">{% translate "Säkerhetsskydd" %}</a></li>{% endif %}
        <li><a href="{% url 'policy:index' %}">{% translate "Säkerhetspolicyn" %}</a></li>
        {% if user.enhet_id %}{% url 'policy:vart_ansvar_mitt' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Vårt ansvar" %}</a></li>{% endif %}{% endif %}
        {% if user.ar_sakerhetsfunktion or user.ar_kommunledning or user.foretradda_organ_ids %}{% url 'uppfoljning:index' as u %}{% if u %}<li><a href="{{ u }}">{% translate "Uppföljning" %}</a></li>{% endif %}{% endif %}
        {% url 'rapporter:lista' as u %}{% if u and perms.rapporter.view_arsrapport %}<li><a href="{{ u }}">{% translate "Årlig uppföljning" %}</a></li>{% endif %}
        {% if perms.incidenter.grant_incident_access %}<li><a href="{% url 'konton:behorigheter' %}">{% translate "Behörigheter" %}</a></li>{% endif %}
        {% endif %}"""


def _lankar(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', html)


@pytest.mark.parametrize("roll", ROLLER)
def test_it_gives_every_role_the_links_it_always_had(roll, request, client_as):
    from django.contrib.auth.context_processors import PermWrapper

    user = request.getfixturevalue(roll)
    forr = Template(MALL).render(
        Context({"user": user, "perms": PermWrapper(user), "request": RequestFactory().get("/")})
    )
    html = client_as(user).get("/").content.decode()
    meny = html[html.index('aria-label="Huvudmeny"') : html.index("</nav>")]
    assert _lankar(meny) == _lankar(forr) != []


def test_it_shows_handlers_their_tools_and_an_external_party_only_their_own(
    sakerhetsavdelning, extern, client_as
):
    def meny(user) -> list[str]:
        html = client_as(user).get("/").content.decode()
        return [t for _, t in _lankar(html[html.index('aria-label="Huvudmeny"') :])]

    assert {"Incidenter", "Granskning", "Riskregister"} <= set(meny(sakerhetsavdelning))
    assert meny(extern) == ["Start", "Rapportera incident", "Mina rapporter"]


def test_it_links_the_incident_list_only_for_those_it_opens_for(chef, client_as):
    """A chef who leads no unit (yet) has no incident list to open, and no link to it."""
    chef.ledda_enheter.clear()
    client = client_as(chef)
    html = client.get("/").content.decode()
    meny = [t for _, t in _lankar(html[html.index('aria-label="Huvudmeny"') :])]
    assert "Incidenter" not in meny
    assert client.get("/incidenter/").status_code == 403
