"""What incidenter tells the apps that build on it. They connect in their AppConfig.ready():
incidenter imports none of them."""

from django.dispatch import Signal

# An incident was triaged (`incident`, `user`), inside the triage's transaction:
# informationssakerhet tells the dataskyddsombud of a personuppgiftsincident at once.
triagerad = Signal()
