"""
The access matrix: every URL of the project, for every role, on real objects.

MATRIS maps each URL name to one or more cases. A case says how to build the URL (from the
objects in `world`), which method to use, and the expected outcome per role, as a string
of nine characters in the order of ROLLER:

    A  M  C  N  S  H  K  E  Y
    anonym, medarbetare, chef, nämndföreträdare, säkerhetsavdelning, säkerhetschef,
    kommunledning, extern part, systemadministratör

    L  redirect to the login page
    +  allowed: 2xx, a redirect elsewhere, or 400 (the page is open, the empty input is not)
    -  forbidden: 403 or 404

Objects of another body or unit (Socialnämnden, where none of the demo people work) are
separate cases, so changing an id in a URL is tested too (no IDOR). A URL name missing
here fails `test_it_has_a_row_for_every_url`. The access model is in docs/access.md.
"""

import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from konton.testing import verifiera_tvafaktor
from policy.models import Enhet, Omrade, Organ, PolicyVersion, Roll, Styrdokument, User
from tests import conftest

# One worker builds the demo world once and runs every role on it.
pytestmark = pytest.mark.xdist_group("access_matrix")

ROLLER = ["anonym", *conftest.ROLLER]
# The admin has its own permission system; oidc/ exists only when SSO is configured (tested in
# test_security_oidc.py); bench/ only for the benchmark server.
SKIPPED_PREFIXES = ("admin/", "static/", "oidc/", "bench/")


@dataclass
class Fall:
    forvantat: str
    kwargs: Any = field(default_factory=dict)  # dict, or a function of the world
    metod: str = "GET"
    data: Any = field(default_factory=dict)
    query: str = ""
    namn: str = ""

    def __post_init__(self):
        assert len(self.forvantat) == len(ROLLER), self.forvantat


BOKSTAVER = "AMCNSHKEY"


def ok(vilka: str) -> str:
    """The expected outcomes with `vilka` (letters of BOKSTAVER) allowed: the others are
    forbidden, and an anonymous visitor is sent to log in unless "A" is listed."""
    assert set(vilka) <= set(BOKSTAVER), vilka
    ut = ["+" if b in vilka else "-" for b in BOKSTAVER]
    if "A" not in vilka:
        ut[0] = "L"
    return "".join(ut)


def G(vilka, kwargs=None, **extra):
    return Fall(ok(vilka), kwargs or {}, **extra)


def P(vilka, kwargs=None, **extra):
    return Fall(ok(vilka), kwargs or {}, metod="POST", **extra)


def inc(name, **extra):
    return lambda w: {"referens": getattr(w, name).referens, **extra}


def pk(name):
    return lambda w: {"pk": getattr(w, name).pk}


ALLA = "AMCNSHKEY"
INLOGGADE = "MCNSHKEY"
INTERNA = "MCNSHKY"  # everybody but external parties
SAK = "SH"  # Säkerhetsavdelningen and the säkerhetschef
PLIKT = {"utford": "2026-11-24 10:00", "referens": "IMY-2026-1"}

MATRIS: dict[str, list[Fall]] = {
    # --- The project ---
    "start": [G(INLOGGADE)],
    "login": [G(ALLA)],
    # Logging out lands on the login page, whoever you are.
    "logout": [Fall("LLLLLLLLL", metod="POST")],
    "set_language": [P(ALLA, data={"language": "sv", "next": "/"})],
    "tillganglighet": [G(ALLA)],
    "halsa": [G(ALLA)],
    # --- Accounts ---
    "konton:tvafaktor": [G(INLOGGADE)],
    "konton:tvafaktor_aktivera": [G(INLOGGADE)],
    "konton:tvafaktor_verifiera": [G(INLOGGADE, namn="utan enhet: vidare till aktivera")],
    "konton:tvafaktor_ta_bort": [P(INLOGGADE, namn="roller med krav får ett meddelande")],
    "konton:behorigheter": [G("H")],
    "konton:losenord": [G(INLOGGADE)],
    "konton:roller": [G("H"), G("H", query="sok=anna")],
    "konton:roller_anvandare": [
        G("H", lambda w: {"pk": w.people["medarbetare"].pk}),
        P("H", lambda w: {"pk": w.people["medarbetare"].pk}, data={"roller": ["medarbetare"]}),
    ],
    "konton:registreringskod": [P("H", lambda w: {"pk": w.people["sakerhetsavdelning"].pk})],
    # --- The policy ---
    "policy:index": [G(INLOGGADE)],
    "policy:omrade": [G(INLOGGADE, lambda w: {"slug": w.omrade.slug})],
    "policy:vart_ansvar_mitt": [G(INTERNA)],
    "policy:vart_ansvar": [
        G("MCNSHK", lambda w: {"slug": "bun"}, namn="eget organ"),
        G("SHK", lambda w: {"slug": "sn"}, namn="annat organ"),
    ],
    "policy:historik": [G(INLOGGADE)],
    "policy:jamfor": [G(INLOGGADE)],
    "policy:version": [
        G(INLOGGADE, lambda w: {"nummer": w.gallande.versionsnummer}, namn="gällande"),
        G("SHK", lambda w: {"nummer": w.utkast.versionsnummer}, namn="utkast"),
    ],
    "policy:utkast_ny": [P(SAK)],
    "policy:utkast_redigera": [G(SAK, lambda w: {"nummer": w.utkast.versionsnummer})],
    "policy:beslut": [G("SHK", lambda w: {"nummer": w.utkast.versionsnummer})],
    "policy:styrdokument": [G(INLOGGADE)],
    "policy:styrdokument_ny": [G(SAK)],
    "policy:styrdokument_andra": [G(SAK, pk("styrdokument"))],
    # --- Risks ---
    "risker:register": [G(INTERNA)],
    "risker:export": [G(INTERNA), G(INTERNA, query="format=csv")],
    "risker:matris": [G(INTERNA)],
    "risker:nivaregel": [G(INTERNA)],
    "risker:analyser": [G(INTERNA)],
    "risker:analys_ny": [G("CN")],
    "risker:analys": [
        G("MCNSHK", pk("bun_godkand"), namn="eget organ, godkänd"),
        G("MCN", pk("bun_utkast"), namn="eget organ, utkast"),
        G("SHK", pk("sn_godkand"), namn="annat organ, godkänd"),
        G("", pk("sn_utkast"), namn="annat organs utkast"),
    ],
    "risker:analys_andra": [G("CN", pk("bun_utkast")), G("", pk("sn_utkast"))],
    "risker:risk_ny": [G("CN", pk("bun_utkast")), G("", pk("sn_utkast"))],
    "risker:lamna_in": [P("N", pk("bun_utkast")), P("", pk("sn_utkast"))],
    "risker:starta_granskning": [P(SAK, pk("bun_revision")), P(SAK, pk("sn_godkand"))],
    "risker:granska": [G(SAK, pk("bun_revision")), G(SAK, pk("sn_godkand"))],
    "risker:godkann": [P(SAK, pk("bun_revision")), P(SAK, pk("sn_godkand"))],
    "risker:ny_revision": [P("CN", pk("bun_godkand")), P("", pk("sn_godkand"))],
    # Not an RSA: whoever sees the analysis gets a message back, nothing changes.
    "risker:rsa_steg": [
        P("MCNSHK", pk("bun_godkand"), data={"steg": "behandlad_ks"}),
        P("SHK", pk("sn_godkand"), data={"steg": "behandlad_ks"}),
    ],
    "risker:import": [G("CN", pk("bun_utkast")), G("", pk("sn_utkast"))],
    "risker:importmall": [G(INTERNA)],
    "risker:granskning": [G(SAK)],
    "risker:risk": [
        G("MCNSHK", pk("bun_risk")),
        G("SHK", pk("sn_risk")),
        G("", pk("sn_utkast_risk")),
    ],
    "risker:risk_andra": [G("CN", pk("bun_utkast_risk")), G("", pk("sn_utkast_risk"))],
    "risker:risk_ta_bort": [P("CN", pk("bun_utkast_risk")), P("", pk("sn_utkast_risk"))],
    "risker:acceptera": [G("N", pk("bun_risk")), G("", pk("sn_risk"))],
    "risker:atgard_ny": [G("CNSH", pk("bun_risk")), G(SAK, pk("sn_risk"))],
    # The åtgärd's own page: everyone who sees its risk, and its responsible person (the
    # demo's medarbetare answers for SN's åtgärd without seeing SN's analyses).
    "risker:atgard": [G("MCNSHK", pk("bun_atgard")), G("MSHK", pk("sn_atgard"))],
    "risker:atgard_status": [
        # The chef answers for BUN's åtgärd; the demo makes medarbetare answer for SN's.
        P("CNSH", pk("bun_atgard"), data={"status": "pagaende"}),
        P("MSH", pk("sn_atgard"), data={"status": "pagaende"}),
    ],
    "risker:incident_atgard_ny": [G("CSH", inc("inc_bun")), G(SAK, inc("inc_sn"))],
    "risker:incident_koppla": [G("CSH", inc("inc_bun")), G(SAK, inc("inc_sn"))],
    # --- Incidents ---
    "incidenter:lista": [G("CNSHK")],
    "incidenter:export": [
        G("CSH", lambda w: {"fmt": "csv"}),
        G("CSH", lambda w: {"fmt": "xlsx"}),
    ],
    "incidenter:statistik": [G("CNSHK")],
    "incidenter:registerutdrag": [G("H")],
    "incidenter:rapportera": [G(INLOGGADE), P(INLOGGADE, namn="tomt formulär: 400")],
    "incidenter:rapportera_sakerhetsskydd": [G(INLOGGADE)],
    "incidenter:mina": [G(INLOGGADE)],
    "incidenter:kvitto": [
        G("MCNSHK", inc("inc_bun"), namn="egen enhet"),
        G("SHK", inc("inc_sn"), namn="annat organ"),
        G("H", inc("inc_skyddad_sn"), namn="skyddad, annat organ"),
    ],
    "incidenter:detalj": [
        G("MCNSHK", inc("inc_bun"), namn="egen enhet"),
        G("SHK", inc("inc_sn"), namn="annat organ"),
        G("MH", inc("inc_skyddad"), namn="skyddad, egen rapport"),
        G("H", inc("inc_skyddad_sn"), namn="skyddad, annat organ"),
        G("SHKE", inc("inc_extern"), namn="extern parts rapport"),
    ],
    "incidenter:overgang": [
        P("CSH", inc("inc_bun", namn="ta_emot")),
        P(SAK, inc("inc_sn", namn="ta_emot")),
        P("H", inc("inc_skyddad_sn", namn="ta_emot")),
    ],
    "incidenter:kommentar": [
        P("CSH", inc("inc_bun"), data={"text": "En kommentar."}),
        P(SAK, inc("inc_sn"), data={"text": "En kommentar."}),
        P("H", inc("inc_skyddad_sn"), data={"text": "En kommentar."}),
    ],
    "incidenter:utredning": [
        P("CSH", inc("inc_bun"), data={"orsak": "Olåst dörr.", "lardomar": "Lås."}),
        P(SAK, inc("inc_sn"), data={"orsak": "Olåst dörr.", "lardomar": "Lås."}),
    ],
    "incidenter:klassning": [
        G(SAK, inc("inc_bun")),
        G(SAK, inc("inc_sn")),
        G("H", inc("inc_skyddad_sn")),
    ],
    "incidenter:plikt": [
        P(SAK, lambda w: {"referens": w.inc_pui.referens, "pk": w.plikt_bun.pk}, data=PLIKT),
        P(SAK, lambda w: {"referens": w.inc_sn.referens, "pk": w.plikt_sn.pk}, data=PLIKT),
        P(
            "",
            lambda w: {"referens": w.inc_bun.referens, "pk": w.plikt_sn.pk},
            data=PLIKT,
            namn="annan incidents plikt",
        ),
    ],
    "incidenter:behorighet": [
        P("H", inc("inc_skyddad"), data=lambda w: {"anvandare": w.people["chef"].pk, "ge": "True"}),
        P(
            "H",
            inc("inc_skyddad_sn"),
            data=lambda w: {"anvandare": w.people["chef"].pk, "ge": "True"},
        ),
    ],
    "incidenter:bilaga": [
        G("MCNSHK", lambda w: {"referens": w.inc_bun.referens, "pk": w.bilaga_bun.pk}),
        G("SHK", lambda w: {"referens": w.inc_sn.referens, "pk": w.bilaga_sn.pk}),
        G(
            "",
            lambda w: {"referens": w.inc_bun.referens, "pk": w.bilaga_sn.pk},
            namn="annan incidents bilaga",
        ),
    ],
    "incidenter:bilaga_ny": [
        P("MCSH", inc("inc_bun"), namn="ingen fil: 400"),
        P("SH", inc("inc_sn"), namn="ingen fil: 400"),
    ],
    # --- Reports ---
    "rapporter:lista": [G("SHK")],
    "rapporter:skapa": [P("SHK", data={"ar": "2025"})],
    "rapporter:status": [G("SHK", pk("rapport_ks")), G("H", pk("rapport_skyddad"))],
    "rapporter:ladda_ned": [G("SHK", pk("rapport_ks")), G("H", pk("rapport_skyddad"))],
    # A PDF that has not failed is not made again: back to its status page with a message.
    "rapporter:forsok_igen": [P("SHK", pk("rapport_ks")), P("H", pk("rapport_skyddad"))],
    "rapporter:forhandsvisning": [G("SHK", lambda w: {"ar": 2025})],
    "rapporter:status_json": [G("SHK", pk("rapport_ks")), G("H", pk("rapport_skyddad"))],
    # KS reads the ärende; Säkerhetsavdelningen writes it; both record KS's decision (an
    # empty decision form: 400, nothing locked).
    "rapporter:arende": [
        G("SHK", lambda w: {"ar": 2025}),
        P("SH", lambda w: {"ar": 2025}, data={"diarienummer": "KS 2026/1"}),
    ],
    "rapporter:arende_beslut": [P("SHK", lambda w: {"ar": 2025})],
    "rapporter:riskanalys_pdf": [G("MCNSHK", pk("bun_godkand")), G("SHK", pk("sn_godkand"))],
    "rapporter:incident_pdf": [
        G("MCNSHK", inc("inc_bun")),
        G("SHK", inc("inc_sn")),
        G("H", inc("inc_skyddad_sn")),
    ],
    "rapporter:vart_ansvar_pdf": [
        G("MCNSHK", lambda w: {"slug": "bun"}),
        G("SHK", lambda w: {"slug": "sn"}),
    ],
    # --- Krisberedskap ---
    # The index: those who read the period's documents, and those who take part in an
    # activation (the chef is staff of the running one, medarbetare member of the skyddad).
    "krisberedskap:index": [G("MCNSHK")],
    "krisberedskap:period_ny": [G(SAK)],
    "krisberedskap:period": [G("NSHK", pk("kb_period"))],
    "krisberedskap:dokument_andra": [G(SAK, pk("kb_dokument"))],
    "krisberedskap:rsa": [G("NSHK", pk("kb_rsa"))],
    "krisberedskap:rsa_avsnitt": [G(SAK, lambda w: {"pk": w.kb_rsa.pk, "typ": "beskrivning"})],
    "krisberedskap:verksamhet_ny": [G(SAK, pk("kb_rsa"))],
    "krisberedskap:verksamhet_andra": [
        G(SAK, lambda w: {"pk": w.kb_rsa.pk, "vpk": w.kb_kompilerad.pk}),
        G("", lambda w: {"pk": w.kb_rsa.pk, "vpk": w.kb_rad_bun.pk}, namn="ett organs utkast"),
    ],
    "krisberedskap:rsa_risker": [G(SAK, pk("kb_rsa"))],
    "krisberedskap:rsa_status": [P(SAK, pk("kb_rsa"), data={"status": "utkast"})],
    "krisberedskap:rsa_skickad": [P(SAK, pk("kb_rsa"))],
    "krisberedskap:rsa_kopiera": [P(SAK, pk("kb_rsa"))],
    # The full RSA holds the sections marked secret; the open extract does not.
    "krisberedskap:rsa_pdf": [G("SHK", pk("kb_rsa"))],
    "krisberedskap:rsa_utdrag_pdf": [G("NSHK", pk("kb_rsa"))],
    # The bodies' contributions: Säkerhetsavdelningen asks, reviews and sees them all; the
    # body's nämndföreträdare and the chef of one of its units write (BUN's); another
    # body's (SN's) is not found. Only the nämndföreträdare submits.
    "krisberedskap:bidrag_oversikt": [G(SAK, pk("kb_rsa"))],
    "krisberedskap:bidrag_begar": [G(SAK, pk("kb_rsa")), P(SAK, pk("kb_rsa"), namn="tomt: 400")],
    "krisberedskap:bidrag": [G("CNSH", pk("kb_bidrag_bun")), G(SAK, pk("kb_bidrag_sn"))],
    "krisberedskap:bidrag_texter": [
        G("CN", pk("kb_bidrag_bun")),
        P("CN", pk("kb_bidrag_bun"), data={"sarbarheter": "Skolköken saknar reservkraft."}),
        G("", pk("kb_bidrag_sn")),
        P("", pk("kb_bidrag_sn"), data={"sarbarheter": "Inte vårt."}),
    ],
    "krisberedskap:bidrag_risker": [G("CN", pk("kb_bidrag_bun")), G("", pk("kb_bidrag_sn"))],
    "krisberedskap:bidrag_verksamhet_ny": [
        G("CN", pk("kb_bidrag_bun")),
        G("", pk("kb_bidrag_sn")),
    ],
    "krisberedskap:bidrag_verksamhet_andra": [
        G("CN", lambda w: {"pk": w.kb_bidrag_bun.pk, "vpk": w.kb_rad_bun.pk}),
        G("", lambda w: {"pk": w.kb_bidrag_sn.pk, "vpk": w.kb_rad_sn.pk}),
        G(
            "",
            lambda w: {"pk": w.kb_bidrag_bun.pk, "vpk": w.kb_rad_sn.pk},
            namn="annat organs verksamhet",
        ),
    ],
    "krisberedskap:bidrag_verksamhet_ta_bort": [
        P("CN", lambda w: {"pk": w.kb_bidrag_bun.pk, "vpk": w.kb_rad_bun.pk}),
        P("", lambda w: {"pk": w.kb_bidrag_sn.pk, "vpk": w.kb_rad_sn.pk}),
    ],
    "krisberedskap:bidrag_lamna_in": [P("N", pk("kb_bidrag_bun")), P("", pk("kb_bidrag_sn"))],
    "krisberedskap:bidrag_sista_dag": [
        P(SAK, pk("kb_bidrag_bun"), data={"sista_dag": "2099-01-01"}),
        P(SAK, pk("kb_bidrag_sn"), namn="inlämnat: meddelande"),
    ],
    "krisberedskap:bidrag_granska": [
        P(SAK, pk("kb_bidrag_sn"), data={"beslut": "godkann"}),
        P(SAK, pk("kb_bidrag_bun"), namn="tomt formulär"),
    ],
    # Withdrawing a request: Säkerhetsavdelningen only, for any body's request not accepted.
    "krisberedskap:bidrag_aterkalla": [
        G(SAK, pk("kb_bidrag_bun")),
        P(SAK, pk("kb_bidrag_bun"), namn="återkallas"),
        G(SAK, pk("kb_bidrag_sn")),
    ],
    "krisberedskap:aktiveringar": [G(INTERNA)],
    "krisberedskap:aktivering_ny": [G(SAK)],
    "krisberedskap:aktivering": [
        G("SHK", pk("kb_avslutad"), namn="avslutad"),
        G("CSH", pk("kb_pagaende"), namn="pågående, chefen i staben"),
        G("MH", pk("kb_skyddad"), namn="skyddad, medarbetaren ledamot"),
    ],
    "krisberedskap:loggpost_ny": [
        P("C", pk("kb_pagaende"), data={"text": "Lägesbild kl. 10."}),
        P("M", pk("kb_skyddad"), data={"text": "Lägesbild kl. 10."}),
    ],
    "krisberedskap:beslut_ny": [P("C", pk("kb_pagaende")), P("M", pk("kb_skyddad"))],
    "krisberedskap:overtagande_ny": [P("C", pk("kb_pagaende")), P("M", pk("kb_skyddad"))],
    "krisberedskap:aterlamna": [
        P("C", lambda w: {"pk": w.kb_pagaende.pk, "opk": w.kb_overtagande.pk}),
        P(
            "",
            lambda w: {"pk": w.kb_skyddad.pk, "opk": w.kb_overtagande.pk},
            namn="annan aktiverings övertagande",
        ),
    ],
    "krisberedskap:avsluta": [P("C", pk("kb_pagaende")), P("M", pk("kb_skyddad"))],
    "krisberedskap:deltagare": [P("H", pk("kb_pagaende")), P("H", pk("kb_skyddad"))],
    "krisberedskap:kf_rapport_pdf": [
        G("SHK", pk("kb_avslutad")),
        G("CSH", pk("kb_pagaende")),
        G("MH", pk("kb_skyddad")),
    ],
    "krisberedskap:samverkan": [G("NSHK")],
    "krisberedskap:partner_ny": [G(SAK)],
    "krisberedskap:avtal_ny": [G(SAK)],
    "krisberedskap:aktivitet_ny": [G(SAK), P(SAK, namn="tomt formulär: 400")],
    # --- The security year ---
    "uppfoljning:index": [G(INTERNA)],
    "uppfoljning:mal": [G("SHK"), G("SHK", query="ar=2025")],
    "uppfoljning:bedom": [G(SAK, lambda w: {"pk": w.mal.pk, "ar": 2026})],
    "uppfoljning:skyldigheter": [G(INTERNA)],
    "uppfoljning:skyldighet_ny": [G(SAK)],
    "uppfoljning:skyldighet_andra": [G(SAK, pk("skyldighet"))],
    "uppfoljning:kvittera": [
        G("NSH", lambda w: {"pk": w.skyldighet.pk, "slug": "bun"}, namn="eget organ"),
        G(SAK, lambda w: {"pk": w.skyldighet.pk, "slug": "sn"}, namn="annat organ"),
    ],
    "uppfoljning:egenbedomningar": [G("SHK")],
    "uppfoljning:oppna": [G(SAK)],
    "uppfoljning:egenbedomning": [
        G("MCNSHK", pk("egen_bun"), namn="eget organ"),
        G("SHK", pk("egen_sn"), namn="annat organ"),
    ],
    # Nothing is answered yet: submitting is refused with a message (a redirect).
    "uppfoljning:lamna_in": [P("N", pk("egen_bun")), P("", pk("egen_sn"), namn="annat organ")],
    # Not submitted: the review is refused with a message (a redirect).
    "uppfoljning:granska": [
        P(SAK, pk("egen_bun"), data={"beslut": "godkann"}),
        P(SAK, pk("egen_sn"), data={"beslut": "godkann"}, namn="annat organ"),
    ],
    # --- Exercises, training and inspections ---
    "verksamhet:lista": [G(INTERNA)],
    "verksamhet:export": [G(INTERNA)],
    "verksamhet:ny": [G("CNSH")],
    "verksamhet:plan": [G(SAK)],
    "verksamhet:tackning": [G(INTERNA)],
    "verksamhet:aktivitet": [
        G("MCNSHK", pk("akt_bun"), namn="eget organ"),
        G("SHK", pk("akt_sn"), namn="annat organ"),
    ],
    "verksamhet:registrera": [
        G("CNSH", pk("akt_bun_planerad")),
        G(SAK, pk("akt_sn_planerad")),
    ],
    "verksamhet:andra": [G("CNSH", pk("akt_bun_planerad")), G(SAK, pk("akt_sn_planerad"))],
    "verksamhet:foto": [
        G("MCNSHK", lambda w: {"aktivitet_pk": w.akt_bun.pk, "pk": w.svar_bun.pk}),
        G("SHK", lambda w: {"aktivitet_pk": w.akt_sn.pk, "pk": w.svar_sn.pk}),
        G(
            "",
            lambda w: {"aktivitet_pk": w.akt_bun.pk, "pk": w.svar_sn.pk},
            namn="annan aktivitets foto",
        ),
    ],
    "verksamhet:typer": [G(INTERNA)],
    "verksamhet:typ_andra": [G(SAK, pk("aktivitetstyp"))],
    "verksamhet:lokaler": [G(INTERNA)],
    "verksamhet:lokal": [G(INTERNA, pk("lokal_bun"))],
    "verksamhet:lokal_ny": [G(SAK)],
    "verksamhet:lokal_andra": [G(SAK, pk("lokal_bun"))],
    "verksamhet:lokal_dokument": [G(SAK, pk("lokal_bun"))],
    "verksamhet:lokal_import": [G(SAK)],
    "verksamhet:lokal_importmall": [G(SAK)],
    # --- Information registers (informationssäkerhet, IT-säkerhet) ---
    "informationssakerhet:index": [G(INTERNA)],
    "informationssakerhet:tillgangar": [G(INTERNA)],
    "informationssakerhet:system": [
        G("MCNSHK", pk("is_system_bun"), namn="eget organ"),
        G("SHK", pk("is_system_sn"), namn="annat organ"),
    ],
    "informationssakerhet:tillgang": [
        G("MCNSHK", pk("is_tillgang_bun"), namn="eget organ"),
        G("SHK", pk("is_tillgang_sn"), namn="annat organ"),
    ],
    "informationssakerhet:system_ny": [G("CNSH")],
    "informationssakerhet:tillgang_ny": [G("CNSH")],
    "informationssakerhet:import": [G("CNSH")],
    "informationssakerhet:importmall": [G("CNSH")],
    "informationssakerhet:system_andra": [
        G("CNSH", pk("is_system_bun")),
        G(SAK, pk("is_system_sn"), namn="annat organ"),
    ],
    # An empty link is refused with 400 (the page is open to those who keep the register).
    "informationssakerhet:koppla": [
        P("CNSH", pk("is_system_bun")),
        P(SAK, pk("is_system_sn"), namn="annat organ"),
    ],
    "informationssakerhet:tillgang_andra": [
        G("CNSH", pk("is_tillgang_bun")),
        G(SAK, pk("is_tillgang_sn"), namn="annat organ"),
    ],
    "informationssakerhet:klassa": [
        G("CNSH", pk("is_tillgang_bun")),
        G(SAK, pk("is_tillgang_sn"), namn="annat organ"),
    ],
    # The cybersäkerhet checklist: read as the system, answered by those who keep it; its
    # control points read by all staff, kept by Säkerhetsavdelningen.
    "informationssakerhet:cybersakerhet": [
        G("MCNSHK", pk("is_system_bun"), namn="eget organ"),
        G("SHK", pk("is_system_sn"), namn="annat organ"),
    ],
    "informationssakerhet:checklistsvar": [
        G("CNSH", lambda w: {"pk": w.is_system_bun.pk, "punkt": w.kontrollpunkt.pk}),
        G(SAK, lambda w: {"pk": w.is_system_sn.pk, "punkt": w.kontrollpunkt.pk}, namn="annat"),
        # An empty answer is refused with 400 (the page is open to those who keep it).
        P("CNSH", lambda w: {"pk": w.is_system_bun.pk, "punkt": w.kontrollpunkt.pk}),
    ],
    "informationssakerhet:kontrollpunkter": [G(INTERNA)],
    "informationssakerhet:kontrollpunkt_ny": [G(SAK), P(SAK)],
    "informationssakerhet:kontrollpunkt_andra": [G(SAK, pk("kontrollpunkt"))],
    # Säkerhetsskydd: the säkerhetschef only (404 for everyone else).
    "informationssakerhet:sakerhetsskydd": [G("H")],
    "informationssakerhet:analys_ny": [G("H")],
    "informationssakerhet:placering_ny": [G("H")],
    "informationssakerhet:placering": [G("H", pk("is_placering"))],
    "informationssakerhet:avtal_ny": [G("H")],
    "informationssakerhet:avtal": [G("H", pk("is_avtal"))],
    # The register of personal-data breaches (and the dataskyddsombud, tested on its own).
    "informationssakerhet:incidentregister": [G(SAK)],
    "informationssakerhet:incidentregister_export": [G(SAK)],
    # --- Reminders ---
    "paminnelser:lista": [G(INLOGGADE)],
    "paminnelser:oppna": [G("M", pk("notis_medarbetare"))],
    "paminnelser:markera_alla": [P(INLOGGADE)],
    "paminnelser:installningar": [P(INLOGGADE, data={"leverans": "direkt"})],
    "paminnelser:arshjul": [G(INTERNA)],
    "paminnelser:arshjul_ny": [G(SAK)],
    "paminnelser:arshjul_andra": [G(SAK, pk("arshjulspunkt"))],
}


def url_names() -> set[str]:
    names = set()

    def walk(resolver, prefix, namespace):
        for p in resolver.url_patterns:
            route = prefix + str(p.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(p, URLResolver):
                ns = p.namespace
                walk(p, route, f"{namespace}:{ns}" if namespace and ns else ns or namespace)
            elif isinstance(p, URLPattern):
                assert p.name, f"URL utan namn: {route}"
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver(), "", None)
    return names


def test_it_has_a_row_for_every_url():
    names = url_names()
    missing = sorted(names - set(MATRIS))
    assert not missing, f"URL:er som saknas i åtkomstmatrisen: {missing}"
    gone = sorted(set(MATRIS) - names)
    assert not gone, f"Rader i åtkomstmatrisen för URL:er som inte finns: {gone}"


# --- The world: the demo data, built once for the module and rolled back after it ---


def _person(username, role, enhet, chef=False):
    user = User.objects.create_user(
        username=username, email=f"{username}@test.koping.se", enhet=enhet
    )
    user.groups.add(Group.objects.get(name=role))
    if chef:
        enhet.chefer.add(user)
    return user


def _build_world(media_root) -> SimpleNamespace:
    from incidenter import demo as incident_demo
    from incidenter import services as incident_services
    from incidenter.models import Incident, Kategori, Rapporteringsplikt
    from paminnelser.models import Notis
    from policy import demo as policy_demo
    from rapporter.models import Arsrapport
    from risker import demo as risk_demo
    from risker import services as risk_services
    from risker.models import Atgard

    w = SimpleNamespace()
    people = policy_demo.create_users()
    policy_demo.create_styrdokument()
    incident_demo.create()
    analyser = risk_demo.create()
    w.people = {
        "medarbetare": people[Roll.MEDARBETARE],
        "chef": people[Roll.CHEF],
        "namndforetradare": people[Roll.NAMNDFORETRADARE],
        "sakerhetsavdelning": people[Roll.SAKERHETSAVDELNING],
        "sakerhetschef": people[Roll.SAKERHETSCHEF],
        "kommunledning": people[Roll.KOMMUNLEDNING],
        "extern": people[Roll.EXTERN_PART],
        "sysadmin": people[Roll.SYSTEMADMINISTRATOR],
    }
    hemtjansten = Enhet.objects.get(organ__slug="sn", namn="Hemtjänsten Centrum")
    olle = _person("olle", Roll.MEDARBETARE, hemtjansten)
    _person("cecilia", Roll.CHEF, hemtjansten, chef=True)
    nils = _person("nils", Roll.NAMNDFORETRADARE, hemtjansten.overordnad)
    sakerhet, sakerhetschef = w.people["sakerhetsavdelning"], w.people["sakerhetschef"]

    # Policy
    w.omrade = Omrade.objects.order_by("nummer").first()
    w.gallande = PolicyVersion.objects.gallande().first()
    w.utkast = PolicyVersion.objects.create(
        titel="Säkerhetspolicy, förslag",
        versionsnummer=PolicyVersion.objects.order_by("-versionsnummer").first().versionsnummer + 1,
        baserad_pa=w.gallande,
        skapad_av=sakerhet,
    )
    w.styrdokument = Styrdokument.objects.order_by("pk").first()

    # Risks: the demo's analyses, and a draft of each body.
    w.bun_godkand, w.bun_revision, w.sn_godkand = (
        analyser["bun_godkand"],
        analyser["bun_revision"],
        analyser["sn"],
    )
    w.bun_risk = w.bun_godkand.risker.order_by("pk").first()
    w.sn_risk = w.sn_godkand.risker.order_by("pk").first()
    w.bun_atgard = Atgard.objects.filter(risk__riskanalys=w.bun_godkand).order_by("pk").first()
    w.sn_atgard = Atgard.objects.filter(risk__riskanalys=w.sn_godkand).order_by("pk").first()
    bedomning = {
        "sannolikhet": 2,
        "kons_liv_halsa": 2,
        "kons_verksamhet": 1,
        "kons_miljo": 1,
        "kons_ekonomi": 1,
        "kons_fortroende": 1,
    }
    for attr, user, organ in [
        ("bun_utkast", w.people["namndforetradare"], "bun"),
        ("sn_utkast", nils, "sn"),
    ]:
        analys = risk_services.riskanalys_create(
            user=user,
            organ=Organ.objects.get(slug=organ),
            titel=f"Utkast {organ}",
            period_fran=timezone.localdate().replace(month=1, day=1),
            period_till=timezone.localdate().replace(month=12, day=31),
            omraden=[w.omrade],
        )
        setattr(w, attr, analys)
        risk = risk_services.risk_create(
            user=user, riskanalys=analys, titel="Utkastrisk", omrade=w.omrade, **bedomning
        )
        setattr(w, f"{attr}_risk", risk)

    # Incidents: the demo's (reported by medarbetare in BUN and by the external party), and
    # Socialnämnden's own, one of them skyddad.
    demo_incidenter = Incident.objects.filter(rapportor=w.people["medarbetare"])
    w.inc_bun = demo_incidenter.get(rubrik__startswith="Stöld av bärbar dator")
    w.inc_pui = demo_incidenter.get(rubrik__startswith="Felskickat e-postmeddelande")
    w.inc_skyddad = demo_incidenter.get(konfidentialitet=Incident.Konfidentialitet.SKYDDAD)
    w.inc_extern = Incident.objects.get(rapportor=w.people["extern"])
    kategori = Kategori.objects.get(namn="Stöld")
    w.inc_sn = incident_services.incident_create(
        user=olle,
        rubrik="Stöld ur hemtjänstbil",
        intraffade=timezone.now(),
        enhet=hemtjansten,
        kategori=kategori,
    )
    w.inc_skyddad_sn = incident_services.incident_create(
        user=olle,
        rubrik="Hot mot namngiven undersköterska",
        intraffade=timezone.now(),
        enhet=hemtjansten,
        kategori=Kategori.objects.get(namn="Hot"),
    )
    incident_services.incident_triage(
        user=sakerhetschef,
        incident=w.inc_skyddad_sn,
        konfidentialitet=Incident.Konfidentialitet.SKYDDAD,
    )
    incident_services.incident_triage(user=sakerhet, incident=w.inc_sn, personuppgiftsincident=True)
    w.plikt_bun = Rapporteringsplikt.objects.filter(incident=w.inc_pui).order_by("pk").first()
    w.plikt_sn = Rapporteringsplikt.objects.filter(incident=w.inc_sn).order_by("pk").first()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    # The files move into place when the rows commit.
    with TestCase.captureOnCommitCallbacks(execute=True):
        w.bilaga_bun = incident_services.bilaga_add(
            incident=w.inc_bun,
            user=w.people["medarbetare"],
            fil=SimpleUploadedFile("foto.pdf", pdf, "application/pdf"),
            check=False,
        )
        w.bilaga_sn = incident_services.bilaga_add(
            incident=w.inc_sn, user=olle, fil=SimpleUploadedFile("sn.pdf", pdf), check=False
        )

    # Krisberedskap: the demo's period, RSA and past activation; a running activation with
    # the chef as staff, and a skyddad one with medarbetare as member.
    import datetime

    from krisberedskap import demo as kris_demo
    from krisberedskap import services as kris_services

    kris = kris_demo.create()
    w.kb_period, w.kb_rsa, w.kb_avslutad = kris["period"], kris["rsa"], kris["aktivering"]
    w.kb_dokument = w.kb_period.dokument.order_by("pk").first()
    # The demo's contributions: BUN's being written, SN's submitted.
    bidrag = {b.organ.slug: b for b in w.kb_rsa.bidrag.select_related("organ")}
    w.kb_bidrag_bun, w.kb_bidrag_sn = bidrag["bun"], bidrag["sn"]
    w.kb_rad_bun = w.kb_bidrag_bun.verksamheter.first()
    w.kb_rad_sn = w.kb_bidrag_sn.verksamheter.first()
    w.kb_kompilerad = w.kb_rsa.verksamheter.filter(bidrag__isnull=True).first()
    aktivering = {
        "beslutad_av": "ordforande",
        "beslutad_av_namn": "Elin Ordförande",
        "beslutad": timezone.now() - datetime.timedelta(hours=3),
        "skal": "Elavbrott.",
    }
    w.kb_pagaende = kris_services.aktivering_create(
        user=sakerhetschef, titel="Pågående elavbrott", **aktivering
    )
    w.kb_skyddad = kris_services.aktivering_create(
        user=sakerhetschef, titel="Hot mot vattenverket", skyddad=True, **aktivering
    )
    kris_services.aktivering_add_deltagare(
        user=sakerhetschef, aktivering=w.kb_pagaende, deltagare=w.people["chef"], roll="stab"
    )
    kris_services.aktivering_add_deltagare(
        user=sakerhetschef,
        aktivering=w.kb_skyddad,
        deltagare=w.people["medarbetare"],
        roll="ledamot",
    )
    w.kb_overtagande = kris_services.overtagande_create(
        user=w.people["chef"],
        aktivering=w.kb_pagaende,
        organ=Organ.objects.get(slug="kfn"),
        uppgift="Sportcentrums lokaler",
        overtagen=timezone.now() - datetime.timedelta(hours=1),
    )

    # The security year: this year's self-assessments, a goal, a duty signed off by hand.
    from uppfoljning import services as uppfoljning_services
    from uppfoljning.models import Egenbedomning, Skyldighet

    arsrad = uppfoljning_services.uppfoljningsar_open(
        user=sakerhet,
        ar=timezone.localdate().year,
        sista_dag=timezone.localdate() + timezone.timedelta(days=14),
    )
    w.egen_bun = Egenbedomning.objects.get(uppfoljningsar=arsrad, organ__slug="bun")
    w.egen_sn = Egenbedomning.objects.get(uppfoljningsar=arsrad, organ__slug="sn")
    w.mal = w.gallande.mal.order_by("ordning").first()
    w.skyldighet = Skyldighet.objects.filter(
        bevis=Skyldighet.Bevis.KVITTENS, galler=Skyldighet.Galler.VARJE_NAMND_OCH_BOLAG
    ).first()

    _verksamhet(w, people=w.people, olle=olle)
    _informationssakerhet(w)

    # Reports and reminders
    from paminnelser.models import Arshjulspunkt

    w.arshjulspunkt = Arshjulspunkt.objects.order_by("pk").first()
    w.rapport_ks = Arsrapport.objects.create(ar=2025, skapad_av=w.people["kommunledning"])
    w.rapport_skyddad = Arsrapport.objects.create(
        ar=2025, skapad_av=sakerhetschef, med_skyddade=True
    )
    w.notis_medarbetare = Notis.objects.create(
        mottagare=w.people["medarbetare"],
        typ="test",
        nyckel=f"test-{uuid.uuid4()}",
        rubrik="Påminnelse",
        lank="/incidenter/mina/",
    )
    return w


def _verksamhet(w, *, people, olle):
    """Premises of BUN and SN, a planned and an inspected activity of each, with a photo."""
    import datetime

    from tests.verksamhet import factories
    from verksamhet import services as verksamhet_services
    from verksamhet.models import Aktivitetstyp

    w.aktivitetstyp = Aktivitetstyp.objects.get(namn="Brandskyddsrond")
    w.lokal_bun = factories.lokal()
    lokal_sn = factories.lokal(
        namn="Hemtjänstens lokal", enhet=("sn", "Hemtjänsten Centrum"), kategori="kontor"
    )
    idag = timezone.localdate()
    for namn, lokal, user in [("bun", w.lokal_bun, people["chef"]), ("sn", lokal_sn, olle)]:
        setattr(w, f"akt_{namn}_planerad", factories.aktivitet(lokal, user, datum=idag))
        akt = factories.aktivitet(lokal, user, datum=idag)
        svar = [{"resultat": "ok"} for _ in w.aktivitetstyp.punkter]
        svar[0] = {
            "resultat": "anmarkning",
            "kommentar": "Låst nödutgång",
            "foto": factories.foto(),
        }
        verksamhet_services.kontroll_register(
            user=user,
            aktivitet=akt,
            genomford_datum=idag,
            svar=svar,
            atgard_ansvarig=user,
            atgard_forfallodatum=idag + datetime.timedelta(days=30),
        )
        setattr(w, f"akt_{namn}", akt)
        setattr(w, f"svar_{namn}", akt.svar.get(ordning=1))


def _informationssakerhet(w):
    """An information asset and a system holding it (within the cybersäkerhetslag's scope),
    of BUN and of SN."""
    from tests.informationssakerhet import factories

    for organ in ("bun", "sn"):
        t = factories.tillgang(f"Register hos {organ}", organ, k=3, r=2, t=2)
        setattr(w, f"is_tillgang_{organ}", t)
        s = factories.system(f"System hos {organ}", organ, [t], cybersakerhetslag=True)
        setattr(w, f"is_system_{organ}", s)
    from informationssakerhet.models import (
        Kontrollpunkt,
        Sakerhetsklassplacering,
        Sakerhetsskyddsavtal,
    )

    w.kontrollpunkt = Kontrollpunkt.objects.filter(aktiv=True).first()

    w.is_placering = Sakerhetsklassplacering.objects.create(
        enhet=Enhet.objects.get(namn="IT-avdelningen"), klass=2, antal=3
    )
    w.is_avtal = Sakerhetsskyddsavtal.objects.create(
        leverantor="Driftbolaget AB",
        datum=timezone.localdate(),
        giltigt_till=timezone.localdate() + timezone.timedelta(days=700),
        ansvarig=w.people["sakerhetschef"],
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings as django_settings

    media = tmp_path_factory.mktemp("media")
    old_media, old_hashers = django_settings.MEDIA_ROOT, django_settings.PASSWORD_HASHERS
    django_settings.MEDIA_ROOT = media
    # Nobody logs in with a password here: a fast hasher saves ten seconds of set-up.
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_world(media)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            django_settings.MEDIA_ROOT = old_media
            django_settings.PASSWORD_HASHERS = old_hashers


@pytest.fixture(autouse=True)
def fast_pdfs(monkeypatch):
    """Access is what is tested here, not WeasyPrint: the PDF documents render as stubs."""
    from krisberedskap import reports as kris_reports
    from rapporter import dokument

    for modul in (dokument, kris_reports):
        for name in dir(modul):
            if name.endswith("_pdf") and callable(getattr(modul, name)):
                monkeypatch.setattr(modul, name, lambda **kwargs: b"%PDF-1.7 stub")


def _utfall(response) -> str:
    if response.status_code in (301, 302, 303):
        return "L" if response["Location"].startswith("/logga-in/") else "+"
    if response.status_code in (403, 404):
        return "-"
    if 200 <= response.status_code < 300 or response.status_code == 400:
        return "+"
    return f"?{response.status_code}"


def _fall(world):
    for name, fall_lista in sorted(MATRIS.items()):
        for i, fall in enumerate(fall_lista):
            kwargs = fall.kwargs(world) if callable(fall.kwargs) else fall.kwargs
            url = reverse(name, kwargs=kwargs) + (f"?{fall.query}" if fall.query else "")
            yield f"{name}[{i}]{' ' + fall.namn if fall.namn else ''}", fall, url


def _inloggad(client) -> bool:
    cookie = client.cookies.get("sessionid")
    return cookie is not None and cookie.value != ""


@pytest.mark.parametrize("roll_index", range(len(ROLLER)), ids=ROLLER)
def test_it_gives_every_role_the_expected_outcome_on_every_url(world, db, roll_index):
    roll = ROLLER[roll_index]
    client = Client(raise_request_exception=False)
    fel = []
    for label, fall, url in _fall(world):
        if roll != "anonym" and not _inloggad(client):
            # Logged in once; again only after a case that logged out.
            client.force_login(world.people[roll])
            verifiera_tvafaktor(client, world.people[roll])
        data = fall.data(world) if callable(fall.data) else fall.data
        with transaction.atomic():
            response = getattr(client, fall.metod.lower())(url, data)
            transaction.set_rollback(True)
        utfall = _utfall(response)
        if response.status_code == 500:
            utfall = "?500"
        if utfall != fall.forvantat[roll_index]:
            fel.append(
                f"{label} {fall.metod} {url}: väntade {fall.forvantat[roll_index]}, "
                f"fick {utfall} ({response.status_code})"
            )
        typ = response.get("Content-Type", "")
        if response.status_code == 200 and not typ.startswith(("text/html", "application/json")):
            # Files (PDF, CSV, Excel, attachments) are always downloads, never shown inline.
            if not response.get("Content-Disposition", "").startswith("attachment"):
                fel.append(f"{label} {url}: {typ} utan Content-Disposition: attachment")
            if response.get("X-Content-Type-Options") != "nosniff":
                fel.append(f"{label} {url}: saknar X-Content-Type-Options: nosniff")
        if response.status_code == 200 and typ.startswith("text/html"):
            csp = response.get("Content-Security-Policy", "")
            if "default-src 'self'" not in csp or "unsafe" in csp:
                fel.append(f"{label} {url}: saknar strikt CSP ({csp!r})")
    assert not fel, f"{roll}:\n" + "\n".join(fel)
