"""Settings for the Celery worker that the real-worker tests start: the project's settings
pointed at the test database pytest-django created, a private queue, and an e-mail backend
that writes files the test reads."""

import os

from koping_sakerhet.settings import *  # noqa: F403
from koping_sakerhet.settings import DATABASES

DATABASES["default"]["NAME"] = os.environ["KOPING_TEST_DB_NAME"]
DATABASES["default"]["CONN_MAX_AGE"] = 0
EMAIL_BACKEND = "tests.paminnelser.mailbackend.FileBackend"
CELERY_TASK_DEFAULT_QUEUE = os.environ["KOPING_TEST_QUEUE"]
CELERY_TASK_ALWAYS_EAGER = False
PAMINNELSE_EPOST_BACKOFF = 1
