"""A mandate period with its RSA, and activations, built through the services."""

import datetime

import pytest
from django.utils import timezone

from krisberedskap import services


@pytest.fixture
def period(sakerhetsavdelning, organisation):
    return services.mandatperiod_create(user=sakerhetsavdelning, valar=2026)


@pytest.fixture
def rsa(period):
    return period.rsa


@pytest.fixture
def aktivering_factory(sakerhetschef):
    def make(titel="Elavbrott", skyddad=False, **falt):
        return services.aktivering_create(
            user=sakerhetschef,
            titel=titel,
            beslutad_av="ordforande",
            beslutad_av_namn="Elin Ordförande",
            beslutad=falt.pop("beslutad", timezone.now() - datetime.timedelta(hours=2)),
            skal="Elavbrott i hela tätorten.",
            skyddad=skyddad,
            **falt,
        )

    return make


@pytest.fixture
def aktivering(aktivering_factory):
    return aktivering_factory()


@pytest.fixture
def stab(aktivering, sakerhetschef, medarbetare):
    """A medarbetare who is staff at the activation."""
    services.aktivering_add_deltagare(
        user=sakerhetschef, aktivering=aktivering, deltagare=medarbetare, roll="stab"
    )
    return medarbetare
