"""Which reminders are due now, and to whom (filled in by the rules below)."""


def create_all() -> int:
    return 0


def create_arshjul() -> int:
    return 0
