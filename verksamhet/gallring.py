"""
Gallring of the named participants of a training (GDPR art. 5.1 e): the names are kept as
long as the coverage counts the training (selectors.UTBILDNING_GILTIG_AR years), then
removed. The number per unit is kept, as the statistics need it. The activity's history
does not record the participants, so nothing is left there.
"""

from django.utils import timezone

from .models import Aktivitet, Aktivitetstyp
from .selectors import UTBILDNING_GILTIG_AR


def deltagare_gallra(*, now=None) -> int:
    """Remove the named participants of trainings older than the coverage period. Returns
    how many names were removed."""
    idag = timezone.localdate(now)
    grans = idag.replace(year=idag.year - UTBILDNING_GILTIG_AR)
    utbildningar = Aktivitet.objects.filter(
        typ__slag=Aktivitetstyp.Slag.UTBILDNING,
        genomford_datum__lte=grans,
        deltagare__isnull=False,
    ).distinct()
    antal = 0
    for a in utbildningar:
        antal += a.deltagare.count()
        a.deltagare.clear()
    return antal
