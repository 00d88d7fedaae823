"""
Writes to the policy, as the policy itself prescribes them:

- Säkerhetsavdelningen drafts a new version from the one in force and edits it
  ("Säkerhetsavdelningen ansvarar för utarbetande av förslag till centrala policydokument").
- The draft is marked as a change of substance or of administrative character. Any change
  to the purpose, the goals, the areas, their definitions or the responsibilities is of
  substance whatever the drafter marked (policyversion_andringstyp): the drafter may mark
  a change as one of substance, never the other way round.
- The decision is recorded for kommunfullmäktige, or for kommunstyrelsen when the change
  is administrative ("Ändringarna av administrativ karaktär kan beslutas av
  kommunstyrelsen"). Adopting a version repeals the previous one in the same transaction.

Every function checks the permission, runs full_clean() and records the user in the
history (simple-history), also when called outside a request.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import jamforelse, selectors
from .models import (
    Ansvar,
    Avsnitt,
    Mal,
    Omrade,
    OmradesText,
    Organ,
    PolicyVersion,
    Styrdokument,
    User,
)


def _krav(user: User, perm: str, meddelande: str):
    if not user.has_perm(perm):
        raise PermissionDenied(meddelande)


def _spara(obj, user: User):
    obj.full_clean()
    obj._history_user = user
    obj.save()


def _krav_utkast(version: PolicyVersion):
    if version.status != PolicyVersion.Status.UTKAST:
        raise ValidationError(
            _("Bara ett utkast kan ändras. Version %(nr)s är %(status)s.")
            % {"nr": version.versionsnummer, "status": version.get_status_display().lower()}
        )


# What the writes below check before they change anything, for the pages to ask before they
# show a form: PermissionDenied without the right, ValidationError (its message for the
# person) when the version is no longer a draft. Without a version, only the right.


def policyversion_check_update(*, user: User, version: PolicyVersion | None = None) -> None:
    _krav(
        user,
        "policy.draft_policyversion",
        _("Bara Säkerhetsavdelningen kan ändra ett förslag till policyversion."),
    )
    if version is not None:
        _krav_utkast(version)


def policyversion_check_adopt(*, user: User, version: PolicyVersion | None = None) -> None:
    _krav(
        user,
        "policy.record_policydecision",
        _("Du har inte behörighet att registrera beslut om policyn."),
    )
    if version is not None:
        _krav_utkast(version)


@transaction.atomic
def policyversion_draft(*, user: User) -> PolicyVersion:
    """A draft copy of the version in force: sections, goals, area texts, responsibilities."""
    _krav(
        user,
        "policy.draft_policyversion",
        _("Bara Säkerhetsavdelningen kan ta fram förslag till en ny policyversion."),
    )
    gallande = PolicyVersion.objects.select_for_update().gallande().first()
    if gallande is None:
        raise ValidationError(_("Det finns ingen gällande policy att utgå från."))
    oppet = PolicyVersion.objects.filter(status=PolicyVersion.Status.UTKAST).first()
    if oppet is not None:
        raise ValidationError(
            _("Det finns redan ett utkast (version %(nr)s). Arbeta vidare i det.")
            % {"nr": oppet.versionsnummer}
        )
    senaste = PolicyVersion.objects.aggregate(m=Max("versionsnummer"))["m"] or 0
    utkast = PolicyVersion(
        titel=gallande.titel,
        versionsnummer=senaste + 1,
        status=PolicyVersion.Status.UTKAST,
        baserad_pa=gallande,
        skapad_av=user,
    )
    _spara(utkast, user)
    for a in gallande.avsnitt.all():
        _spara(
            Avsnitt(version=utkast, typ=a.typ, ordning=a.ordning, rubrik=a.rubrik, text=a.text),
            user,
        )
    for m in gallande.mal.all():
        _spara(Mal(version=utkast, ordning=m.ordning, text=m.text), user)
    for t in gallande.omraden.all():
        _spara(
            OmradesText(
                version=utkast,
                omrade_id=t.omrade_id,
                ordning=t.ordning,
                listnamn=t.listnamn,
                rubrik=t.rubrik,
                definition=t.definition,
            ),
            user,
        )
    for a in gallande.ansvar.all():
        _spara(Ansvar(version=utkast, galler=a.galler, ordning=a.ordning, text=a.text), user)
    return utkast


def _text(varde):
    """Browsers send text areas with CRLF line ends; the policy's text uses LF, so an
    unchanged paragraph stays unchanged (and a blank line still separates paragraphs)."""
    if not isinstance(varde, str):
        return varde
    return varde.replace("\r\n", "\n").replace("\r", "\n").strip()


def _uppdatera(qs, andringar: dict[int, dict], user: User):
    """Apply {pk: {field: value}} to rows of one draft; unknown pks are an error."""
    rader = {r.pk: r for r in qs.filter(pk__in=list(andringar))}
    if set(rader) != set(andringar):
        raise ValidationError(_("Ändringen gäller text som inte hör till utkastet."))
    for pk, falt in andringar.items():
        falt = {k: _text(v) for k, v in falt.items()}
        rad = rader[pk]
        if all(getattr(rad, k) == v for k, v in falt.items()):
            continue
        for k, v in falt.items():
            setattr(rad, k, v)
        _spara(rad, user)


@transaction.atomic
def policyversion_update(
    *,
    user: User,
    version: PolicyVersion,
    andringstyp: str,
    andringsbeskrivning: str,
    titel: str | None = None,
    avsnitt: dict[int, str] | None = None,
    mal: dict[int, str] | None = None,
    omraden: dict[int, dict[str, str]] | None = None,
    ansvar: dict[int, str] | None = None,
) -> PolicyVersion:
    """Edit a draft: its texts by row id, and whether the change is of substance."""
    policyversion_check_update(user=user)
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    policyversion_check_update(user=user, version=version)
    if andringstyp not in PolicyVersion.Andringstyp.values:
        raise ValidationError({"andringstyp": _("Ange om ändringen är i sak eller administrativ.")})
    _uppdatera(version.avsnitt.all(), {pk: {"text": t} for pk, t in (avsnitt or {}).items()}, user)
    _uppdatera(version.mal.all(), {pk: {"text": t} for pk, t in (mal or {}).items()}, user)
    _uppdatera(version.omraden.all(), omraden or {}, user)
    _uppdatera(version.ansvar.all(), {pk: {"text": t} for pk, t in (ansvar or {}).items()}, user)
    version.andringstyp = andringstyp
    version.andringstyp = policyversion_andringstyp(version)[0]
    version.andringsbeskrivning = _text(andringsbeskrivning)
    if titel is not None:
        version.titel = _text(titel)
    _spara(version, user)
    return version


def policyversion_andringstyp(version: PolicyVersion) -> tuple[str, list[str]]:
    """The kind of change a draft is, and why: (kind, headings of the sections of
    substance it changes). A change to a section of substance (jamforelse.AVSNITT_I_SAK)
    makes it a change of substance whatever was marked; otherwise the drafter's mark
    stands (which may be "of substance" too, or empty when not yet marked)."""
    skal = jamforelse.andringar_i_sak(
        selectors.version_med_innehall(version.baserad_pa) if version.baserad_pa_id else None,
        selectors.version_med_innehall(version),
    )
    if skal:
        return PolicyVersion.Andringstyp.VASENTLIG, skal
    return version.andringstyp, []


def beslutande_organ_for(andringstyp: str) -> list[str]:
    """Which kinds of body may decide a change of this kind: the rule of the policy's
    section Revidering, in one place."""
    if andringstyp == PolicyVersion.Andringstyp.ADMINISTRATIV:
        return [Organ.Typ.KF, Organ.Typ.KS]
    return [Organ.Typ.KF]


@transaction.atomic
def policyversion_adopt(
    *,
    user: User,
    version: PolicyVersion,
    beslutad_av: Organ,
    beslutsdatum: datetime.date,
    paragraf: str = "",
    diarienummer: str = "",
) -> PolicyVersion:
    """Record the decision that adopts a draft: it becomes the version in force and the
    previous one is repealed, both or neither."""
    policyversion_check_adopt(user=user)
    # Lock the draft and the version in force, so two decisions cannot cross.
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    gallande = PolicyVersion.objects.select_for_update().gallande().first()
    policyversion_check_adopt(user=user, version=version)
    andringstyp, skal = policyversion_andringstyp(version)
    if not andringstyp:
        raise ValidationError(
            _("Utkastet är inte markerat som ändring i sak eller administrativ ändring.")
        )
    if beslutad_av.typ not in beslutande_organ_for(andringstyp):
        if skal:
            raise ValidationError(
                {
                    "beslutad_av": _(
                        "En ändring i sak ska beslutas av kommunfullmäktige. Utkastet ändrar "
                        "%(avsnitt)s."
                    )
                    % {"avsnitt": ", ".join(skal)}
                }
            )
        if andringstyp == PolicyVersion.Andringstyp.VASENTLIG:
            raise ValidationError(
                {"beslutad_av": _("En ändring i sak ska beslutas av kommunfullmäktige.")}
            )
        raise ValidationError(
            {
                "beslutad_av": _(
                    "Policyn kan bara beslutas av kommunfullmäktige eller, vid ändringar av "
                    "administrativ karaktär, av kommunstyrelsen."
                )
            }
        )
    if beslutsdatum is None:
        raise ValidationError({"beslutsdatum": _("Ange beslutsdatum.")})
    if beslutsdatum > timezone.localdate():
        raise ValidationError({"beslutsdatum": _("Beslutsdatum kan inte ligga i framtiden.")})
    if gallande is not None and version.baserad_pa_id != gallande.pk:
        raise ValidationError(
            _(
                "Utkastet bygger på version %(fran)s, men version %(nu)s gäller nu. "
                "Ta fram ett nytt utkast."
            )
            % {
                "fran": version.baserad_pa.versionsnummer if version.baserad_pa_id else "–",
                "nu": gallande.versionsnummer,
            }
        )
    # Repeal first: at most one version may be in force (a database constraint).
    if gallande is not None:
        gallande.status = PolicyVersion.Status.UPPHAVD
        _spara(gallande, user)
    version.status = PolicyVersion.Status.FASTSTALLD
    version.andringstyp = andringstyp
    version.beslutad_av = beslutad_av
    version.beslutsdatum = beslutsdatum
    version.paragraf = paragraf
    version.diarienummer = diarienummer
    _spara(version, user)
    return version


STYRDOKUMENT_FALT = (
    "titel",
    "typ",
    "omrade",
    "agare",
    "beskrivning",
    "beslutsdatum",
    "nasta_oversyn",
    "diarienummer",
)


@transaction.atomic
def styrdokument_create(
    *,
    user: User,
    titel: str,
    typ: str,
    omrade: Omrade,
    agare: Organ,
    nasta_oversyn: datetime.date,
    beskrivning: str = "",
    beslutsdatum: datetime.date | None = None,
    diarienummer: str = "",
) -> Styrdokument:
    _krav(
        user, "policy.add_styrdokument", _("Bara Säkerhetsavdelningen kan registrera styrdokument.")
    )
    dok = Styrdokument(
        titel=titel,
        typ=typ,
        omrade=omrade,
        agare=agare,
        beskrivning=beskrivning,
        beslutsdatum=beslutsdatum,
        nasta_oversyn=nasta_oversyn,
        diarienummer=diarienummer,
    )
    _kontrollera_datum(dok)
    _spara(dok, user)
    return dok


@transaction.atomic
def styrdokument_update(*, user: User, styrdokument: Styrdokument, **falt) -> Styrdokument:
    _krav(
        user, "policy.change_styrdokument", _("Bara Säkerhetsavdelningen kan ändra styrdokument.")
    )
    okanda = set(falt) - set(STYRDOKUMENT_FALT)
    if okanda:
        raise TypeError(f"Okända fält: {', '.join(sorted(okanda))}")
    for k, v in falt.items():
        setattr(styrdokument, k, v)
    _kontrollera_datum(styrdokument)
    _spara(styrdokument, user)
    return styrdokument


def _kontrollera_datum(dok: Styrdokument):
    if dok.beslutsdatum and dok.nasta_oversyn and dok.nasta_oversyn < dok.beslutsdatum:
        raise ValidationError(
            {"nasta_oversyn": _("Nästa översyn kan inte ligga före beslutsdatum.")}
        )
