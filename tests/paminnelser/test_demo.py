import pytest
from django.core import mail
from django_celery_beat.models import PeriodicTask

from paminnelser import demo
from paminnelser.models import Notis
from paminnelser.schedule import setup_schedule
from policy import demo as policy_demo

pytestmark = pytest.mark.django_db


def test_it_gives_the_demo_reminders_without_sending_mail(
    people, django_capture_on_commit_callbacks
):
    policy_demo.create_styrdokument()
    with django_capture_on_commit_callbacks(execute=True):
        demo.create()
        demo.create()
    namnd = people["namndforetradare"]
    assert Notis.objects.filter(mottagare=namnd, typ="styrdokument-oversyn").exists()
    assert mail.outbox == []


def test_it_sets_up_the_schedule_idempotently():
    setup_schedule()
    setup_schedule()
    tasks = dict(PeriodicTask.objects.values_list("task", "name"))
    assert "paminnelser.tasks.svep" in tasks
    assert "paminnelser.tasks.sammanstallningar_skicka" in tasks
    assert "paminnelser.tasks.arshjul_svep" in tasks
    sweep = PeriodicTask.objects.get(task="paminnelser.tasks.svep")
    assert sweep.interval.every == 15
    digest = PeriodicTask.objects.get(task="paminnelser.tasks.sammanstallningar_skicka")
    assert (digest.crontab.hour, digest.crontab.minute) == ("7", "0")
    assert str(digest.crontab.timezone) == "Europe/Stockholm"
    assert PeriodicTask.objects.filter(task__startswith="paminnelser").count() == len(tasks)
