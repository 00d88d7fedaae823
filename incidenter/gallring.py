"""
Gallring: personal data in an incident is kept only as long as it is needed (GDPR art. 5.1 e).
When the category's retention period has passed, the people involved, the contact person and
every free text (what happened, what was done, cause, lessons, grounds for rejection, and the
comments and status notes in the timeline) are removed, from the incident and from its
history, and its attachments are deleted: the system cannot tell which texts name people. What the statistics need (area, category, unit, dates, status)
is kept. A legal hold (gallringsstopp) stops it. Each removal is logged (Gallringslogg) and
shown in the incident's timeline.

When an incident is due is decided by Incident.gallras(), the one place for that rule.
"""

import logging

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from .models import (
    GALLRING_MANADER,
    Bilaga,
    Gallringslogg,
    Handelse,
    Incident,
    Kategori,
    gallringstid,
)

log = logging.getLogger(__name__)

GALLRAD = "[Gallrad]"
# Field -> what it holds after gallring. Blanked: only personal data; replaced: free text
# that may describe people, so a reader sees that something was removed.
PERSONFALT = {
    "inblandade_personer": "",
    "kontaktperson": "",
    "beskrivning": GALLRAD,
    "omedelbara_atgarder": GALLRAD,
    "orsak": GALLRAD,
    "lardomar": GALLRAD,
    "avvisningsorsak": GALLRAD,
}
# Timeline entries whose text a person wrote (the others are written by the system).
FRITEXT_I_TIDSLINJEN = (Handelse.Typ.KOMMENTAR, Handelse.Typ.STATUS)


def _kandidater(now):
    """Incidents that may be due: a cheap database filter on the shortest retention period;
    Incident.gallras() then decides for each one."""
    kortast = Kategori.objects.aggregate(m=Min("gallringstid_manader"))["m"]
    manader = min(kortast, GALLRING_MANADER) if kortast is not None else GALLRING_MANADER
    grans = now - gallringstid(manader)
    return (
        Incident.objects.filter(
            personuppgifter_gallrade__isnull=True, gallringsstopp=False, rapporterad__lte=grans
        )
        .select_related("kategori")
        .order_by("rapporterad", "pk")
    )


def incidents_due_for_purge(*, now=None) -> list[Incident]:
    now = now or timezone.now()
    return [i for i in _kandidater(now) if (tid := i.gallras()) is not None and tid <= now]


def _radera_filer(namn: list[str], storage) -> None:
    for n in namn:
        try:
            storage.delete(n)
        except Exception:
            # The row is gone, so the file can never be served; a leftover is only disk.
            log.exception("Kunde inte radera gallrad bilaga %s", n)


@transaction.atomic
def incident_purge_personal_data(*, incident_id: int, now=None) -> bool:
    """Remove one incident's personal data if it is (still) due. True if it was removed."""
    now = now or timezone.now()
    incident = (
        Incident.objects.select_for_update(of=("self",))
        .select_related("kategori")
        .filter(pk=incident_id)
        .first()
    )
    if incident is None or (tid := incident.gallras()) is None or tid > now:
        return False
    gallrade = [f for f in PERSONFALT if getattr(incident, f)]
    for falt in gallrade:
        setattr(incident, falt, PERSONFALT[falt])
    incident.personuppgifter_gallrade = now
    incident._change_reason = "Gallring av personuppgifter"
    incident.save(update_fields=[*gallrade, "personuppgifter_gallrade"])

    # The history keeps every earlier version of the record: remove the data there too.
    historik = Incident.history.model.objects.filter(id=incident.pk)
    for falt, varde in PERSONFALT.items():
        historik.exclude(**{falt: ""}).exclude(**{falt: varde}).update(**{falt: varde})

    tidslinjen = (
        Handelse.objects.filter(incident=incident, typ__in=FRITEXT_I_TIDSLINJEN)
        .exclude(text="")
        .exclude(text=GALLRAD)
        .update(text=GALLRAD)
    )
    if tidslinjen:
        gallrade.append("tidslinjen")

    bilagor = list(Bilaga.objects.filter(incident=incident))
    if bilagor:
        storage = bilagor[0].fil.storage
        filer = [b.fil.name for b in bilagor if b.fil]
        Bilaga.objects.filter(pk__in=[b.pk for b in bilagor]).delete()
        # Files go only once the database change is committed: a rollback keeps both.
        transaction.on_commit(lambda: _radera_filer(filer, storage))

    Gallringslogg.objects.create(
        incident=incident, tidpunkt=now, falt=", ".join(gallrade), bilagor=len(bilagor)
    )
    manader = incident.gallringstid_manader
    Handelse.objects.create(
        incident=incident,
        typ=Handelse.Typ.GALLRING,
        text=(
            f"Personuppgifterna gallrades efter kategorins gallringstid ({manader} månader). "
            f"Borttagna bilagor: {len(bilagor)}."
        ),
        anvandare=None,
        tidpunkt=now,
    )
    return True


def incidents_purge_personal_data(*, now=None) -> int:
    """The scheduled job: remove the personal data of every incident that is due. Each
    incident in its own transaction, so one failure does not hold back the others."""
    now = now or timezone.now()
    antal = 0
    for incident in incidents_due_for_purge(now=now):
        try:
            if incident_purge_personal_data(incident_id=incident.pk, now=now):
                antal += 1
        except Exception:
            log.exception("Gallring av incident %s misslyckades", incident.referens)
    return antal
