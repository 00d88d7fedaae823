"""
What inspections and exercises find becomes åtgärder: risker.Atgard, one register with the
åtgärder of risks and incidents, each followed up on its own page in risker. The link
(Atgard → Aktivitet) lives in risker, which depends on this app and never the other way
round (docs/architecture.md). So this app makes and reads its åtgärder through the three
functions below, which risker gives it in RiskerConfig.ready() (risker/aktiviteter.py).
"""

_kalla = None


def registrera(kalla) -> None:
    """`kalla` has atgard_create, oppna_atgarder, kan_andra and statusval (risker.aktiviteter)."""
    global _kalla
    _kalla = kalla


def atgard_create(*, user, aktivitet, beskrivning: str, ansvarig, forfallodatum):
    """An åtgärd of what `aktivitet` found (the caller has checked that the user may)."""
    return _kalla.atgard_create(
        user=user,
        aktivitet=aktivitet,
        beskrivning=beskrivning,
        ansvarig=ansvarig,
        forfallodatum=forfallodatum,
    )


def oppna_atgarder():
    """The open åtgärder of activities, as a queryset."""
    return _kalla.oppna_atgarder()


def kan_andra(user, atgard) -> bool:
    """Whether the user may change the åtgärd's status (the change itself checks it too)."""
    return _kalla.kan_andra(user, atgard)


def statusval() -> list[tuple[str, str]]:
    """The statuses an åtgärd may be given: (value, label)."""
    return _kalla.statusval()
