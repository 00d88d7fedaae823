"""Forms for reporting and handling incidents. They bind and validate input; the services
decide what is allowed."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib import uploads
from lib.widgets import Select
from policy.models import Enhet, Omrade, User

from .models import Incident, Kategori

# A phone's clock may run a little ahead of the server's.
KLOCKMARGINAL = timedelta(minutes=10)
TIDIGAST = timedelta(days=5 * 365)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        filer = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        fel = []
        for fil in filer:
            super().clean(fil, initial)
            try:
                uploads.validate(fil)
            except ValidationError as e:
                fel.extend(e.messages)
        if fel:
            raise ValidationError(fel)
        return filer


def _tidpunkt(varde, falt):
    nu = timezone.now()
    if varde > nu + KLOCKMARGINAL:
        raise ValidationError(_("%(falt)s kan inte ligga i framtiden.") % {"falt": falt})
    if varde < nu - TIDIGAST:
        raise ValidationError(_("%(falt)s ligger för långt tillbaka.") % {"falt": falt})
    return varde


def _nu_i_minuter():
    return timezone.localtime().replace(second=0, microsecond=0)


def _upptackt_falt():
    """ "När upptäcktes det?": every legal clock runs from it. Filled in with now; left
    empty it is taken as the time of the report."""
    return forms.DateTimeField(
        label=_("När upptäcktes det?"),
        widget=DateTimeInput,
        required=False,
        initial=_nu_i_minuter,
        help_text=_(
            "När du eller någon annan i kommunen fick veta det. Lagens tidsfrister, till "
            "exempel 72 timmar för en personuppgiftsincident, räknas härifrån."
        ),
    )


def _kategorinamn(kategori) -> str:
    return f"{kategori.omrade.namn}: {kategori.namn}"


class KategoriChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _kategorinamn(obj)


JA_NEJ = [(True, _("Ja")), (False, _("Nej"))]

VALBARA_CACHE = "incidenter:rapport:valbara"


def _valbara() -> dict[str, list]:
    """The report forms' units, areas and active categories as (value, label) pairs, in the
    order and with the labels the fields' querysets give. They change a few times a year and
    are the same for everyone, so they are read once a minute rather than in three queries on
    every form: a new unit or category shows in the form at most a minute late. What is
    chosen is still checked against the database (the fields' querysets)."""

    def las():
        return {
            "enhet": [(e.pk, str(e)) for e in _enheter()],
            "omrade": [(o.pk, str(o)) for o in Omrade.objects.all()],
            "kategori": [(k.pk, _kategorinamn(k)) for k in _kategorier()],
        }

    return cache.get_or_set(VALBARA_CACHE, las, 60)


def _enheter():
    return Enhet.objects.select_related("organ").order_by("organ__namn", "namn")


def _kategorier():
    return Kategori.objects.filter(aktiv=True).select_related("omrade")


def _med_valbara(form, namn: list[str]) -> None:
    valbara = _valbara()
    for n in namn:
        falt = form.fields[n]
        tom = [] if falt.empty_label is None else [("", falt.empty_label)]
        falt.widget.choices = [*tom, *valbara[n]]


class RapportForm(forms.Form):
    personskada_eller_fara = forms.TypedChoiceField(
        label=_("Är någon skadad eller i fara?"),
        choices=JA_NEJ,
        coerce=lambda v: v in (True, "True"),
        widget=forms.RadioSelect,
        help_text=_("Är någon i fara just nu: ring 112 först."),
    )
    rubrik = forms.CharField(label=_("Kort rubrik"), max_length=200)
    beskrivning = forms.CharField(
        label=_("Vad hände?"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
    intraffade = forms.DateTimeField(label=_("När hände det?"), widget=DateTimeInput)
    upptackt = _upptackt_falt()
    enhet = forms.ModelChoiceField(
        label=_("Enhet där det hände"), queryset=Enhet.objects.none(), widget=Select
    )
    plats = forms.CharField(
        label=_("Plats"),
        max_length=200,
        required=False,
        help_text=_("Till exempel adress, byggnad eller rum."),
    )
    omrade = forms.ModelChoiceField(
        label=_("Säkerhetsområde"),
        queryset=Omrade.objects.all(),
        required=False,
        empty_label=_("Vet inte"),
        help_text=_("Välj Vet inte om du är osäker: Säkerhetsavdelningen bedömer det."),
        widget=Select,
    )
    kategori = KategoriChoiceField(
        label=_("Typ av händelse"),
        queryset=Kategori.objects.none(),
        required=False,
        empty_label=_("Vet inte"),
        widget=Select,
    )
    omedelbara_atgarder = forms.CharField(
        label=_("Vad har redan gjorts?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    inblandade_personer = forms.CharField(
        label=_("Inblandade personer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_(
            "Personuppgifter: skriv bara det som behövs för att hantera händelsen. Uppgifterna gallras efter en tid."
        ),
    )
    arbetsmiljo_lank = forms.URLField(
        label=_("Länk till ärendet i arbetsmiljösystemet"),
        required=False,
        max_length=500,
        help_text=_(
            "Arbetsskador och tillbud anmäls i arbetsgivarens arbetsmiljösystem (till exempel IA). Klistra in länken här i stället för att skriva allt igen."
        ),
    )
    bilagor = MultipleFileField(
        label=_("Bilagor"),
        required=False,
        help_text=_("Bilder, PDF eller kontorsdokument, högst 20 MB per fil."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = _enheter()
        if user.enhet_id and not user.ar_extern:
            self.fields["enhet"].initial = user.enhet_id
        self.fields["kategori"].queryset = _kategorier()
        _med_valbara(self, ["enhet", "omrade", "kategori"])
        self.fields["bilagor"].help_text = _(
            "Bilder, PDF eller kontorsdokument, högst %(mb)s MB per fil."
        ) % {"mb": settings.MAX_ATTACHMENT_SIZE // (1024 * 1024)}

    def clean_intraffade(self):
        return _tidpunkt(self.cleaned_data["intraffade"], _("Tidpunkten"))

    def clean_upptackt(self):
        upptackt = self.cleaned_data["upptackt"]
        return upptackt and _tidpunkt(upptackt, _("Tidpunkten då det upptäcktes"))

    def clean(self):
        data = super().clean()
        kategori = data.get("kategori")
        if kategori is not None:
            if kategori.ar_sakerhetsskydd:
                raise ValidationError(
                    _(
                        "En säkerhetsskyddshändelse rapporteras i det särskilda formuläret, utan fritext och bilagor."
                    )
                )
            omrade = data.get("omrade")
            if omrade is not None and kategori.omrade_id != omrade.pk:
                self.add_error("kategori", _("Typen hör inte till det valda säkerhetsområdet."))
            data["omrade"] = kategori.omrade
        return data


class SakerhetsskyddForm(forms.Form):
    """Only that something happened, when, and whom to call. Everything else goes by phone
    to the säkerhetsskyddschef: classified information never enters this system."""

    intraffade = forms.DateTimeField(label=_("När hände det?"), widget=DateTimeInput)
    upptackt = _upptackt_falt()
    enhet = forms.ModelChoiceField(label=_("Enhet"), queryset=Enhet.objects.none(), widget=Select)
    kontaktperson = forms.CharField(
        label=_("Kontaktperson och telefonnummer"),
        max_length=200,
        help_text=_("Säkerhetschefen ringer upp."),
    )
    bekraftelse = forms.BooleanField(
        label=_("Jag har inte skrivit in några säkerhetsskyddsklassificerade uppgifter."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = _enheter()
        if user.enhet_id:
            self.fields["enhet"].initial = user.enhet_id
        _med_valbara(self, ["enhet"])

    def clean_intraffade(self):
        return _tidpunkt(self.cleaned_data["intraffade"], _("Tidpunkten"))

    def clean_upptackt(self):
        upptackt = self.cleaned_data["upptackt"]
        return upptackt and _tidpunkt(upptackt, _("Tidpunkten då det upptäcktes"))


class OvergangForm(forms.Form):
    text = forms.CharField(
        label=_("Kommentar"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )


class KommentarForm(forms.Form):
    text = forms.CharField(
        label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class UtredningForm(forms.Form):
    orsak = forms.CharField(
        label=_("Orsak"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10000,
    )
    lardomar = forms.CharField(
        label=_("Lärdomar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10000,
    )


class TriageForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = [
            "kategori",
            "allvarlighet",
            "handlaggare",
            "upptackt",
            "personskada_eller_fara",
            "personuppgiftsincident",
            "personuppgiftsincident_hog_risk",
            "betydande_cyberincident",
            "allvarlig_arbetsmiljohandelse",
            "brott",
            "konfidentialitet",
            "diarienummer",
            "sekretess",
            "gallringsstopp",
        ]
        widgets = {"upptackt": DateTimeInput}
        field_classes = {"kategori": KategoriChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].queryset = Kategori.objects.select_related("omrade")
        self.fields["kategori"].empty_label = _("Vet inte")
        self.fields["handlaggare"].queryset = User.objects.filter(
            is_active=True, groups__name__in=["sakerhetsavdelning", "sakerhetschef"]
        ).distinct()

    def clean_upptackt(self):
        return _tidpunkt(self.cleaned_data["upptackt"], _("Tidpunkten för kännedom"))


class PliktForm(forms.Form):
    utford = forms.DateTimeField(label=_("Rapporterad"), widget=DateTimeInput)
    referens = forms.CharField(label=_("Mottagarens referens"), max_length=100, required=False)


class BehorighetForm(forms.Form):
    anvandare = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.filter(is_active=True), widget=Select
    )
    ge = forms.TypedChoiceField(
        label=_("Åtgärd"),
        choices=[(True, _("Ge behörighet")), (False, _("Ta bort behörighet"))],
        coerce=lambda v: v in (True, "True"),
        widget=Select,
    )


class BilagaForm(forms.Form):
    """Attachments added after the report (for one the storage could not take at first)."""

    bilagor = MultipleFileField(label=_("Lägg till bilagor"))
