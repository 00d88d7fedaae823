"""The product's settings with the benchmark added: its app (the volume seeding commands)
and its URLs (the two baseline views). bench/run, bench/pages.py and bench/prepare.py use
these; production and the tests use koping_sakerhet.settings, which has neither."""

from koping_sakerhet.settings import *  # noqa: F403
from koping_sakerhet.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
