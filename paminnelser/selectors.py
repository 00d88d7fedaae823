"""Reads of the reminders that depend on who asks."""

from django.shortcuts import get_object_or_404

from .models import Notis


def notiser_for(user):
    """A user's own notices, newest first. Nobody sees another person's notices."""
    return (
        Notis.objects.filter(mottagare=user)
        .select_related("incident")
        .only(
            *[f.name for f in Notis._meta.concrete_fields], "incident__referens", "incident__rubrik"
        )
        .order_by("-skapad", "-id")
    )


# Which incidents a person may see is incidenter's rule (incidents_visible_to); incidenter
# gives it here with `incidentatkomst` in its AppConfig.ready(), since it depends on this app
# and never the other way round.
_incidents_visible_to = None


def incidentatkomst(fn):
    """Register fn(user) -> the queryset of the incidents `user` may see."""
    global _incidents_visible_to
    _incidents_visible_to = fn
    return fn


def med_incidentatkomst(user, notiser) -> list[Notis]:
    """The notices, each marked with whether `user` may see its incident now (one query):
    the incident's title and the notice's text are shown only then."""
    notiser = list(notiser)
    ids = {n.incident_id for n in notiser if n.incident_id}
    synliga = (
        set(_incidents_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    for notis in notiser:
        notis.incident_synlig = notis.incident_id in synliga
    return notiser


def get_notis_for_user(user, pk: int) -> Notis:
    return get_object_or_404(notiser_for(user), pk=pk)
