"""
Every periodic task in one place. `setup_schedule` writes them into django-celery-beat's
tables (creating or updating, never duplicating), so the schedule can be changed in the
admin without a deploy; Celery beat runs with the DatabaseScheduler.
"""

from django.db import transaction

TZ = "Europe/Stockholm"

# name -> (task, schedule); a schedule is ("every", minutes) or ("cron", minute, hour).
SCHEDULE = {
    "Påminnelser: svep var 15:e minut": (
        "paminnelser.tasks.svep",
        ("every", 15),
    ),
    "Påminnelser: daglig sammanställning 07:00": (
        "paminnelser.tasks.sammanstallningar_skicka",
        ("cron", "0", "7"),
    ),
    "Påminnelser: årshjulet dagligen 06:30": (
        "paminnelser.tasks.arshjul_svep",
        ("cron", "30", "6"),
    ),
}
GALLRING = (
    "Incidenter: gallring av personuppgifter nattligen 02:15",
    "paminnelser.tasks.gallring",
    ("cron", "15", "2"),
)


def schedule() -> dict:
    return {**SCHEDULE, GALLRING[0]: GALLRING[1:]}


@transaction.atomic
def setup_schedule() -> list[str]:
    """Create or update the periodic tasks. Returns what it did, one line per task."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    done = []
    for name, (task, when) in schedule().items():
        fields = {"task": task, "enabled": True, "interval": None, "crontab": None}
        if when[0] == "every":
            fields["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=when[1], period=IntervalSchedule.MINUTES
            )
        else:
            fields["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=when[1],
                hour=when[2],
                day_of_week="*",
                day_of_month="*",
                month_of_year="*",
                timezone=TZ,
            )
        _, created = PeriodicTask.objects.update_or_create(name=name, defaults=fields)
        done.append(f"{'Skapade' if created else 'Uppdaterade'}: {name}")
    return done
