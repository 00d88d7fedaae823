"""
Prepare a benchmark run against the seeded database (called by bench/run).

    python bench/prepare.py OUTDIR             sessions, URLs and counts for the run
    python bench/prepare.py --count            the number of incidents (one line)
    python bench/prepare.py --seeded N M       exit 0 when at least N incidents and M risks exist
    python bench/prepare.py --rensa            remove the reports the submit run made

Logs the benchmark users in the way Django itself does (a session with the user's id,
backend and password hash) instead of posting the login form: the volume users have no
usable password, and the login form's rate limit is not what is being measured. Roles that
must use two-factor authentication get a confirmed TOTP device and a session verified with
it, as after entering a code, so the pages run with OTP_REQUIRED on, as in production.

Each user gets its own session: the session row is renewed as the user works
(konton.middleware.SessionsfornyelseMiddleware), and real users do not share one.
"""

import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from incidenter.models import Incident  # noqa: E402
from konton.tvafaktor import roll_kraver_tvafaktor  # noqa: E402
from policy.models import Omrade, Organ, Roll, User  # noqa: E402
from risker.models import Risk  # noqa: E402

BACKEND = "konton.backends.Behorigheter"
SessionStore = import_string(settings.SESSION_ENGINE + ".SessionStore")


# The heading of every report the submit run makes (rensa() finds them by it).
RAPPORTRUBRIK = "Prestandatest: nätfiskemejl"


def rensa() -> int:
    """Remove the reports the benchmark's submit runs have made, with their history, so that
    every run measures the seeded data: they would otherwise pile up under the area the list
    is filtered on (1 200 a run). Their numbers are not handed out again."""
    ids = list(Incident.objects.filter(rubrik=RAPPORTRUBRIK).values_list("pk", flat=True))
    Incident.objects.filter(pk__in=ids).delete()
    # After: deleting an incident writes a history row of its own.
    Incident.history.filter(id__in=ids).delete()
    return len(ids)


def users_with_role(roll: str, limit: int) -> list[User]:
    return list(User.objects.filter(groups__name=roll, is_active=True).order_by("pk")[:limit])


def session_for(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if roll_kraver_tvafaktor(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        store["otp_device_id"] = device.persistent_id
    store.set_expiry(4 * 3600)
    store.create()
    return store.session_key


def cookies(users: list[User], csrf: bool = False, minst: int = 16) -> list[str]:
    """One Cookie header per user, at least `minst` sessions (a user may be logged in from
    more than one place); with a CSRF cookie for forms. The form token is the unmasked
    secret, which Django accepts as it accepts the masked one."""
    ut = []
    users = (users * (-(-minst // len(users))))[: max(minst, len(users))]
    for user in users:
        cookie = f"{settings.SESSION_COOKIE_NAME}={session_for(user)}"
        if csrf:
            token = secrets.token_urlsafe(24)[:32].replace("-", "a").replace("_", "b")
            cookie += f"; {settings.CSRF_COOKIE_NAME}={token}"
        ut.append(cookie)
    return ut


def prepare(outdir: Path) -> dict:
    outdir.mkdir(parents=True, exist_ok=True)
    sak = users_with_role(Roll.SAKERHETSAVDELNING, 8)
    medarbetare = users_with_role(Roll.MEDARBETARE, 200)
    ks = users_with_role(Roll.KOMMUNLEDNING, 8)
    bun = Organ.objects.get(slug="bun")
    namnd = [
        u
        for u in users_with_role(Roll.NAMNDFORETRADARE, 50)
        if u.enhet_id and u.enhet.organ_id == bun.pk
    ] or users_with_role(Roll.NAMNDFORETRADARE, 8)
    if not (sak and medarbetare and ks and namnd):
        raise SystemExit("Användare saknas för någon roll: kör seed_volume först.")

    roles = {
        "sakerhet": cookies(sak),
        "medarbetare": cookies(medarbetare[:16]),
        "reporter": cookies(medarbetare, csrf=True),
        "ks": cookies(ks),
        "namnd": cookies(namnd),
    }
    for namn, rader in roles.items():
        (outdir / f"cookies-{namn}.txt").write_text("\n".join(rader) + "\n")

    # The incident list, filtered on one area: the first page, a late page and the middle
    # page (50 a page). A page in the latter half is read from the end (queries.sida), so
    # the middle page is the one that walks past the most rows.
    omrade = Omrade.objects.get(nummer=6)
    synliga = Incident.objects.filter(
        omrade=omrade, konfidentialitet=Incident.Konfidentialitet.NORMAL
    ).count()
    sidor = max(1, -(-synliga // 50))
    sen_sida = max(1, sidor - 2)
    mittsida = -(-sidor // 2)
    # Incident details: recent handled incidents of different units, as a handler opens them.
    detaljer = list(
        Incident.objects.filter(
            konfidentialitet=Incident.Konfidentialitet.NORMAL,
            status=Incident.Status.UNDER_UTREDNING,
        )
        .order_by("-rapporterad")
        .values_list("referens", flat=True)[:50]
    ) or list(Incident.objects.order_by("-rapporterad").values_list("referens", flat=True)[:50])
    (outdir / "paths-detalj.txt").write_text(
        "\n".join(f"/incidenter/{r}/" for r in detaljer) + "\n"
    )
    enhet_id = medarbetare[0].enhet_id
    kategori = omrade.kategorier.filter(aktiv=True).order_by("pk").first()
    formular = {
        "personskada_eller_fara": "False",
        "rubrik": RAPPORTRUBRIK,
        "beskrivning": "Ett mejl som såg ut att komma från IT-avdelningen bad om lösenord.",
        "intraffade": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "enhet": str(enhet_id),
        "plats": "Kontoret",
        "omrade": str(omrade.pk),
        "kategori": str(kategori.pk) if kategori else "",
        "omedelbara_atgarder": "",
        "inblandade_personer": "",
        "arbetsmiljo_lank": "",
    }
    (outdir / "form-rapportera.txt").write_text("".join(f"{k}={v}\n" for k, v in formular.items()))
    return {
        "incidents": Incident.objects.count(),
        "risks": Risk.objects.count(),
        "users": User.objects.count(),
        "lista_filter": f"omrade={omrade.pk}",
        "lista_rows": synliga,
        "lista_late_page": sen_sida,
        "lista_middle_page": mittsida,
        "vart_ansvar": f"/policy/ansvar/{bun.slug}/",
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--count"]:
        print(Incident.objects.count())
    elif sys.argv[1:2] == ["--rensa"]:
        print(rensa())
    elif sys.argv[1:2] == ["--seeded"]:
        ok = Incident.objects.count() >= int(sys.argv[2]) and Risk.objects.count() >= int(
            sys.argv[3]
        )
        sys.exit(0 if ok else 1)
    else:
        print(json.dumps(prepare(Path(sys.argv[1]))))
