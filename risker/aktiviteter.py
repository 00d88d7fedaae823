"""The åtgärder of activities as verksamhet makes and reads them (verksamhet/atgarder.py),
given to it in apps.py: this app depends on verksamhet, never the other way round."""

from . import services
from .models import Atgard


def atgard_create(*, user, aktivitet, beskrivning: str, ansvarig, forfallodatum) -> Atgard:
    return services.atgard_create(
        user=user,
        beskrivning=beskrivning,
        ansvarig=ansvarig,
        organ=aktivitet.organ,
        forfallodatum=forfallodatum,
        aktivitet=aktivitet,
    )


def oppna_atgarder():
    return Atgard.objects.filter(aktivitet__isnull=False, status__in=Atgard.OPPNA)


def kan_andra(user, atgard: Atgard) -> bool:
    return services.kan_andra_atgard(user, atgard)


def statusval() -> list[tuple[str, str]]:
    return Atgard.Status.choices
