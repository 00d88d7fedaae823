"""
People of every role, built the same way as the demo data, and a logged-in client for each.

Every test that needs a user asks for it by role: `medarbetare`, `chef`, `namndforetradare`,
`sakerhetsavdelning`, `sakerhetschef`, `kommunledning`, `extern`, `sysadmin`; and, in another
body, `annan_medarbetare`, `annan_chef`, `annan_namndforetradare`. `client_as(user)` returns a
Django test client logged in as that user.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from policy import demo
from policy.models import Enhet, Roll, User


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test may use the database. Many ask for their people by role with
    `request.getfixturevalue`, which pytest-django cannot see when it orders the tests; such
    a test would be taken for one without a database and run after the transactional tests,
    which flush the data the migrations loaded."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if (
            item.get_closest_marker("django_db")
            or "transactional_db" in fixtures
            or "live_server" in fixtures
        ):
            continue
        item.add_marker(pytest.mark.django_db)


@pytest.fixture(autouse=True)
def own_cache(settings):
    """A cache of its own per test: rate limits, lockouts and code attempts are counted in
    the cache, and one test's count must not reach the next (nor the Redis of the CI pass)."""
    import uuid

    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{alias}-{uuid.uuid4()}",
        }
        for alias in ("default", "ratelimit")
    }


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, as a Celery task or a new thread does: a
    request's LocaleMiddleware leaves its language active in the thread after the response,
    and a test that renders outside a request would otherwise get the last test's language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Real hashing costs ~0.25 s per demo user; tests check access, not hash strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Celery tasks run in this process, also in the CI pass with a REDIS_URL (where nobody
    consumes the test's queue), except in the tests that start a real worker (marked redis)."""
    from koping_sakerhet import celery_app

    if request.node.get_closest_marker("redis"):
        yield
        return
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def organisation(db):
    return demo.create_organisation()


@pytest.fixture
def people(db):
    return demo.create_users()


def _person(username, role, enhet, chef=False):
    user = User.objects.create_user(
        username=username,
        password=demo.DEMO_PASSWORD,
        email=f"{username}@test.koping.se",
        first_name=username.capitalize(),
        enhet=enhet,
    )
    user.groups.add(Group.objects.get(name=role))
    if chef:
        enhet.chefer.add(user)
    return user


# The fixtures below, one person per role (the access tests walk through them all).
ROLLER = [
    "medarbetare",
    "chef",
    "namndforetradare",
    "sakerhetsavdelning",
    "sakerhetschef",
    "kommunledning",
    "extern",
    "sysadmin",
]


@pytest.fixture
def medarbetare(people):
    return people[Roll.MEDARBETARE]


@pytest.fixture
def chef(people):
    return people[Roll.CHEF]


@pytest.fixture
def namndforetradare(people):
    return people[Roll.NAMNDFORETRADARE]


@pytest.fixture
def sakerhetsavdelning(people):
    return people[Roll.SAKERHETSAVDELNING]


@pytest.fixture
def sakerhetschef(people):
    return people[Roll.SAKERHETSCHEF]


@pytest.fixture
def kommunledning(people):
    return people[Roll.KOMMUNLEDNING]


@pytest.fixture
def extern(people):
    return people[Roll.EXTERN_PART]


@pytest.fixture
def sysadmin(people):
    return people[Roll.SYSTEMADMINISTRATOR]


@pytest.fixture
def annan_enhet(people):
    """A unit in another nämnd (Socialnämnden) than the demo people's own."""
    return Enhet.objects.get(organ__slug="sn", namn="Hemtjänsten Centrum")


@pytest.fixture
def annan_medarbetare(annan_enhet):
    return _person("olle", Roll.MEDARBETARE, annan_enhet)


@pytest.fixture
def annan_chef(annan_enhet):
    return _person("cecilia", Roll.CHEF, annan_enhet, chef=True)


@pytest.fixture
def annan_namndforetradare(annan_enhet):
    return _person("nils", Roll.NAMNDFORETRADARE, annan_enhet.overordnad)


def login(client: Client, user) -> Client:
    """Log a test client in as a user, past every step a real login takes (including the
    two-factor code for the roles that must use it)."""
    from konton.testing import verifiera_tvafaktor

    client.force_login(user)
    verifiera_tvafaktor(client, user)
    return client


@pytest.fixture
def client_as(db):
    def make(user) -> Client:
        return login(Client(), user)

    return make


def _service_missing(key: str, what: str):
    """On a laptop a missing service skips the test; where .ci/run names it in
    KOPING_REQUIRE (postgres, redis, chromium, pdftoppm) it is a failure."""
    import os

    if key in os.environ.get("KOPING_REQUIRE", "").split(","):
        pytest.fail(f"{what} krävs i CI men saknas", pytrace=False)
    pytest.skip(f"{what} saknas")


@pytest.fixture
def require_postgres(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _service_missing("postgres", "PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.fixture
def require_redis(settings):
    if not settings.REDIS_URL:
        _service_missing("redis", "Redis (REDIS_URL=redis://…)")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        _service_missing("redis", f"Redis på {settings.REDIS_URL}")


@pytest.fixture(scope="session")
def require_chromium():
    import shutil

    if not shutil.which("chromium"):
        _service_missing("chromium", "Chromium (apt-get install chromium)")
