import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koping_sakerhet.settings")

app = Celery("koping_sakerhet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
