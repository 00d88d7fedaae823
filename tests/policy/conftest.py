"""Helpers for the policy tests: the version in force, a draft, the edit form's data."""

import pytest

from policy import services
from policy.models import Organ, PolicyVersion


@pytest.fixture
def v1(db):
    return PolicyVersion.objects.get(versionsnummer=1)


@pytest.fixture
def kf(db):
    return Organ.objects.get(slug="kf")


@pytest.fixture
def ks(organisation):
    return Organ.objects.get(slug="ks")


@pytest.fixture
def utkast(sakerhetsavdelning):
    return services.policyversion_draft(user=sakerhetsavdelning)


def redigera_data(version, andringstyp="administrativ", beskrivning="", **andra) -> dict:
    """POST data for the draft edit page with every text as it is, except:
    avsnitt={typ: text}, omraden={slug: {field: value}}, mal={ordning: text}."""
    data = {
        "titel": version.titel,
        "andringstyp": andringstyp,
        "andringsbeskrivning": beskrivning,
    }
    rader = {
        "avsnitt": [
            (a, {"text": andra.get("avsnitt", {}).get(a.typ, a.text)})
            for a in version.avsnitt.all()
        ],
        "mal": [
            (m, {"text": andra.get("mal", {}).get(m.ordning, m.text)}) for m in version.mal.all()
        ],
        "omraden": [
            (
                t,
                {
                    "listnamn": t.listnamn,
                    "rubrik": t.rubrik,
                    "definition": t.definition,
                    **andra.get("omraden", {}).get(t.omrade.slug, {}),
                },
            )
            for t in version.omraden.select_related("omrade")
        ],
        "ansvar": [(a, {"text": a.text}) for a in version.ansvar.all()],
    }
    for prefix, lista in rader.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(lista))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(lista))
        for i, (obj, falt) in enumerate(lista):
            data[f"{prefix}-{i}-id"] = str(obj.pk)
            for k, v in falt.items():
                data[f"{prefix}-{i}-{k}"] = v
    return data
