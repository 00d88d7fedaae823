"""
The role → permission bundle, in one place. Each role is a Django group of the same name;
`sync_roles` (run after every migrate) makes the groups carry exactly these permissions.

Permissions say what a role may do at all. Which objects it may do it to (its own
reports, its own unit, its own body, skyddade incidents granted per object) is decided
by each app's selectors.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission

from .models import Roll

ALLA = list(Roll.values)
SAKERHET = [Roll.SAKERHETSAVDELNING, Roll.SAKERHETSCHEF]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # Everybody reports incidents; the policy covers external parties too.
    "incidenter.add_incident": ALLA,
    # Handling, triage and all non-skyddade incidents.
    "incidenter.handle_incident": SAKERHET,
    # Skyddade incidents without a per-object grant, and granting access to them.
    "incidenter.view_skyddad_incident": [Roll.SAKERHETSCHEF],
    "incidenter.grant_incident_access": [Roll.SAKERHETSCHEF],
    "incidenter.register_extract": [Roll.SAKERHETSCHEF],
    "incidenter.view_incident_statistics": [
        Roll.CHEF,
        Roll.NAMNDFORETRADARE,
        Roll.SAKERHETSAVDELNING,
        Roll.SAKERHETSCHEF,
        Roll.KOMMUNLEDNING,
    ],
    "incidenter.export_incident": [Roll.CHEF, *SAKERHET],
    "incidenter.change_kategori": SAKERHET,
    "incidenter.add_kategori": SAKERHET,
    # Risk analyses: the body edits and submits its own, Säkerhetsavdelningen reviews.
    "risker.edit_riskanalys": [Roll.CHEF, Roll.NAMNDFORETRADARE],
    "risker.submit_riskanalys": [Roll.NAMNDFORETRADARE],
    "risker.accept_risk": [Roll.NAMNDFORETRADARE],
    "risker.review_riskanalys": SAKERHET,
    "risker.view_all_risker": [*SAKERHET, Roll.KOMMUNLEDNING],
    # The policy: Säkerhetsavdelningen drafts, the decision is recorded for KF or KS.
    "policy.draft_policyversion": SAKERHET,
    "policy.record_policydecision": [*SAKERHET, Roll.KOMMUNLEDNING],
    "policy.add_styrdokument": SAKERHET,
    "policy.change_styrdokument": SAKERHET,
    # The systemadministratör keeps users, units and bodies in the admin (nothing else).
    "policy.view_user": [Roll.SYSTEMADMINISTRATOR],
    "policy.add_user": [Roll.SYSTEMADMINISTRATOR],
    "policy.change_user": [Roll.SYSTEMADMINISTRATOR],
    "policy.view_enhet": [Roll.SYSTEMADMINISTRATOR],
    "policy.add_enhet": [Roll.SYSTEMADMINISTRATOR],
    "policy.change_enhet": [Roll.SYSTEMADMINISTRATOR],
    "policy.view_organ": [Roll.SYSTEMADMINISTRATOR],
    "policy.add_organ": [Roll.SYSTEMADMINISTRATOR],
    "policy.change_organ": [Roll.SYSTEMADMINISTRATOR],
    # Krisberedskap: Säkerhetsavdelningen keeps the period's documents, the RSA and
    # samverkan; KS and the nämnder read them; KS reads a past activation's log.
    "krisberedskap.hantera_krisberedskap": SAKERHET,
    "krisberedskap.las_krisberedskap": [Roll.KOMMUNLEDNING, Roll.NAMNDFORETRADARE],
    "krisberedskap.view_skyddad_aktivering": [Roll.SAKERHETSCHEF],
    "krisberedskap.view_avslutad_aktivering": [*SAKERHET, Roll.KOMMUNLEDNING],
    # The nämnder and bolag contribute their parts of the RSA as they do their risk
    # analyses: the body's chefs and nämndföreträdare write, the nämndföreträdare submits.
    "krisberedskap.bidra_rsa": [Roll.CHEF, Roll.NAMNDFORETRADARE],
    "krisberedskap.lamna_in_rsa_bidrag": [Roll.NAMNDFORETRADARE],
    # Exercises, training and inspections: every body's seen by the security function and
    # KS; the plans, kinds of activity and premises kept by Säkerhetsavdelningen.
    "verksamhet.view_all_aktiviteter": [*SAKERHET, Roll.KOMMUNLEDNING],
    "verksamhet.plan_aktiviteter": SAKERHET,
    "verksamhet.change_aktivitetstyp": SAKERHET,
    "verksamhet.add_lokal": SAKERHET,
    "verksamhet.change_lokal": SAKERHET,
    "verksamhet.import_lokal": SAKERHET,
    # The information registers: every body's seen by the security function and KS.
    "informationssakerhet.view_all_informationssakerhet": [*SAKERHET, Roll.KOMMUNLEDNING],
    # The cybersäkerhet checklist's control points are kept by Säkerhetsavdelningen; the
    # answers by whoever keeps the system's register.
    "informationssakerhet.change_kontrollpunkt": SAKERHET,
    # The dataskyddsombud: told of and reads every personal-data breach (also skyddade),
    # and the register of them (GDPR art. 33.5).
    "informationssakerhet.dataskyddsombud": [Roll.DATASKYDDSOMBUD],
    # Säkerhetsskydd (metadata only): the säkerhetschef, and whoever is granted it alone.
    "informationssakerhet.view_sakerhetsskydd": [Roll.SAKERHETSCHEF],
    # The annual follow-up: ordered and read by KS and Säkerhetsavdelningen.
    "rapporter.add_arsrapport": [Roll.KOMMUNLEDNING, *SAKERHET],
    "rapporter.view_arsrapport": [Roll.KOMMUNLEDNING, *SAKERHET],
    # Its ärende to KS: Säkerhetsavdelningen writes the texts, KS's decision is recorded
    # by KS or Säkerhetsavdelningen.
    "rapporter.change_arende": SAKERHET,
    "rapporter.record_arendebeslut": [Roll.KOMMUNLEDNING, *SAKERHET],
    # The security year: Säkerhetsavdelningen keeps the ansvarsmatris, assesses the goals,
    # opens the year's self-assessment and reviews it; the nämndföreträdare answers and
    # submits the body's and signs off its duties.
    "uppfoljning.manage_skyldighet": SAKERHET,
    "uppfoljning.add_malbedomning": SAKERHET,
    "uppfoljning.review_egenbedomning": SAKERHET,
    "uppfoljning.answer_egenbedomning": [Roll.NAMNDFORETRADARE],
    "uppfoljning.add_kvittens": [Roll.NAMNDFORETRADARE, *SAKERHET],
    # A lost phone: the systemadministratör removes the user's authenticator in the admin,
    # and the user sets up a new one at the next login (two-factor, konton/tvafaktor.py).
    "otp_totp.view_totpdevice": [Roll.SYSTEMADMINISTRATOR],
    "otp_totp.delete_totpdevice": [Roll.SYSTEMADMINISTRATOR],
}


def sync_roles(**kwargs):
    """Create the role groups and give each exactly the permissions of the bundle.
    Permissions whose model does not exist (yet) are skipped, not an error."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in Roll.values}
    wanted: dict[str, set[int]] = {name: set() for name in Roll.values}
    for dotted, roles in ROLE_PERMISSIONS.items():
        app_label, codename = dotted.split(".")
        if app_label not in {a.label for a in global_apps.get_app_configs()}:
            continue
        perm = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if perm is None:
            continue
        for role in roles:
            wanted[role].add(perm.id)
    for name, group in groups.items():
        group.permissions.set(wanted[name])
