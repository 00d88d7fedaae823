from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policy.models import Organ, User

from .models import (
    Aktivering,
    Avtal,
    Beslut,
    Beslutsfattare,
    KritisktBeroende,
    Loggpost,
    Overtagande,
    Partner,
    Perioddokument,
    Rsa,
    RsaAvsnitt,
    RsaBidrag,
    SamhallsviktigVerksamhet,
    Samverkansaktivitet,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIDPUNKT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _tidpunkt(label, **kwargs):
    return forms.DateTimeField(
        label=label, widget=TIDPUNKT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], **kwargs
    )


class MandatperiodForm(forms.Form):
    valar = forms.IntegerField(
        label=_("Valår"),
        min_value=2010,
        max_value=2100,
        help_text=_("Året för det ordinarie valet; perioden är de fyra åren efter."),
    )


class PerioddokumentForm(forms.ModelForm):
    class Meta:
        model = Perioddokument
        fields = [
            "titel",
            "status",
            "beslutande_organ",
            "paragraf",
            "beslutsdatum",
            "diarienummer",
            "forfallodatum",
            "ansvarig",
        ]
        widgets = {"beslutsdatum": DATUM, "forfallodatum": DATUM}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beslutande_organ"].queryset = Organ.objects.filter(
            typ__in=[Organ.Typ.KF, Organ.Typ.KS, Organ.Typ.NAMND]
        )
        self.fields["ansvarig"].queryset = User.objects.filter(is_active=True, enhet__isnull=False)


class RsaAvsnittForm(forms.ModelForm):
    class Meta:
        model = RsaAvsnitt
        fields = ["text", "sekretess", "sekretessgrund"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}


class VerksamhetForm(forms.ModelForm):
    beroenden = forms.MultipleChoiceField(
        label=_("Kritiska beroenden"),
        choices=KritisktBeroende.Typ.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SamhallsviktigVerksamhet
        fields = [
            "namn",
            "beskrivning",
            "agartyp",
            "agare_organ",
            "agare_annan",
            "formaga",
            "formaga_text",
        ]
        widgets = {"agartyp": forms.RadioSelect, "beskrivning": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agartyp"].choices = SamhallsviktigVerksamhet.Agartyp.choices
        if self.instance.pk:
            self.initial["beroenden"] = list(self.instance.beroenden.values_list("typ", flat=True))


class RsaRiskerForm(forms.Form):
    risker = forms.ModelMultipleChoiceField(
        label=_("Risker ur riskregistret"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, risker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risker"].queryset = risker


class RsaStatusForm(forms.Form):
    # Every status: which step may follow which is the service's rule (rsa_set_status).
    status = forms.ChoiceField(label=_("Status"), choices=Rsa.Status.choices)
    diarienummer = forms.CharField(label=_("Diarienummer"), max_length=40, required=False)


class RsaSkickadForm(forms.Form):
    skickad = forms.DateField(label=_("Skickad till Länsstyrelsen"), widget=DATUM)
    skickad_hur = forms.CharField(
        label=_("Hur den skickades"),
        max_length=200,
        help_text=_("T.ex. via Länsstyrelsens e-tjänst, med diarienummer hos Länsstyrelsen."),
    )


class RsaKopieraForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Till mandatperioden"), queryset=None)

    def __init__(self, *args, perioder, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = perioder


class BidragBegarForm(forms.Form):
    organ = forms.ModelMultipleChoiceField(
        label=_("Nämnder och bolag"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    med_verksamheter = forms.BooleanField(
        label=_("Sin samhällsviktiga verksamhet med förmåga och kritiska beroenden"),
        required=False,
        initial=True,
    )
    med_risker = forms.BooleanField(
        label=_("Risker ur sina egna riskanalyser i riskregistret"), required=False, initial=True
    )
    avsnitt = forms.MultipleChoiceField(
        label=_("En text till avsnitten"),
        choices=RsaAvsnitt.Typ.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[RsaAvsnitt.Typ.SARBARHETER, RsaAvsnitt.Typ.ATGARDER],
    )
    sista_dag = forms.DateField(label=_("Sista dag"), widget=DATUM)
    uppdrag = forms.CharField(
        label=_("Vad ni ber om"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skickas med i meddelandet till nämndföreträdarna."),
    )

    def __init__(self, *args, organ, tillfragade=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = organ
        # Bodies already asked are still listed, marked, so the list reads as the whole
        # koncern; asking one twice is refused by the service.
        self.fields["organ"].label_from_instance = lambda o: (
            _("%(namn)s (redan tillfrågad)") % {"namn": o.namn} if o.pk in tillfragade else o.namn
        )


class BidragVerksamhetForm(forms.ModelForm):
    """A body's own samhällsviktig verksamhet: the body is its owner."""

    beroenden = forms.MultipleChoiceField(
        label=_("Kritiska beroenden"),
        choices=KritisktBeroende.Typ.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SamhallsviktigVerksamhet
        fields = ["namn", "beskrivning", "formaga", "formaga_text"]
        widgets = {"beskrivning": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["beroenden"] = list(self.instance.beroenden.values_list("typ", flat=True))


class BidragTexterForm(forms.Form):
    """One text per section Säkerhetsavdelningen asked the body to write to."""

    def __init__(self, *args, bidrag: RsaBidrag, **kwargs):
        super().__init__(*args, **kwargs)
        for t in sorted(bidrag.texter.all(), key=lambda t: t.nummer):
            self.fields[t.typ] = forms.CharField(
                label=f"{t.nummer}. {t.get_typ_display()}",
                required=False,
                initial=t.text,
                widget=forms.Textarea(attrs={"rows": 8}),
            )


class BidragSistaDagForm(forms.Form):
    sista_dag = forms.DateField(label=_("Ny sista dag"), widget=DATUM)


class BidragGranskaForm(forms.Form):
    beslut = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("godkann", _("Godkänn")), ("ater", _("Skicka tillbaka för komplettering"))],
        widget=forms.RadioSelect,
    )
    kommentar = forms.CharField(
        label=_("Kommentar till nämnden eller bolaget"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när bidraget skickas tillbaka."),
    )
    sista_dag = forms.DateField(
        label=_("Ny sista dag"),
        required=False,
        widget=DATUM,
        help_text=_("Om bidraget skickas tillbaka och behöver mer tid."),
    )


class AktiveringForm(forms.ModelForm):
    beslutad = _tidpunkt(_("Beslutad"))

    class Meta:
        model = Aktivering
        fields = ["titel", "beslutad_av", "beslutad_av_namn", "beslutad", "skal", "skyddad"]
        widgets = {"beslutad_av": forms.RadioSelect, "skal": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, far_skydda: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beslutad_av"].choices = [c for c in self.fields["beslutad_av"].choices if c[0]]
        self.initial.setdefault("beslutad", timezone.localtime().replace(second=0, microsecond=0))
        if not far_skydda:
            del self.fields["skyddad"]


class AvslutaForm(forms.Form):
    avslutad = _tidpunkt(_("Avslutad"))
    avslutad_av_namn = forms.CharField(label=_("Beslutad av"), max_length=200)
    skal = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}))


class LoggpostForm(forms.Form):
    text = forms.CharField(
        label=_("Ny loggpost"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv något i loggposten.")},
    )
    rattar = forms.ModelChoiceField(
        queryset=Loggpost.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, aktivering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rattar"].queryset = aktivering.logg.all()
        # static/js/stabslogg.js keeps a draft of the text under this key.
        self.fields["text"].widget.attrs["data-utkast-nyckel"] = f"stabslogg-{aktivering.pk}"


class BeslutForm(forms.ModelForm):
    tidpunkt = _tidpunkt(_("Tidpunkt"))

    class Meta:
        model = Beslut
        fields = ["tidpunkt", "beslutsfattare", "beslutsfattare_namn", "text", "ordforandebeslut"]
        widgets = {"beslutsfattare": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beslutsfattare"].choices = Beslutsfattare.choices
        self.initial.setdefault("tidpunkt", timezone.localtime().replace(second=0, microsecond=0))


class OvertagandeForm(forms.ModelForm):
    overtagen = _tidpunkt(_("Övertagen"))

    class Meta:
        model = Overtagande
        fields = ["organ", "uppgift", "overtagen"]
        widgets = {"uppgift": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = Organ.objects.filter(
            typ__in=[Organ.Typ.NAMND, Organ.Typ.KS]
        )
        self.initial.setdefault("overtagen", timezone.localtime().replace(second=0, microsecond=0))


class DeltagareForm(forms.Form):
    anvandare = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.filter(is_active=True, enhet__isnull=False)
    )
    roll = forms.ChoiceField(
        label=_("Roll vid aktiveringen"),
        choices=[("ledamot", _("Ledamot")), ("stab", _("Stab"))],
        widget=forms.RadioSelect,
    )


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["namn", "typ", "kontakter"]
        widgets = {"kontakter": forms.Textarea(attrs={"rows": 4})}


class AvtalForm(forms.ModelForm):
    class Meta:
        model = Avtal
        fields = ["partner", "titel", "giltigt_fran", "giltigt_till", "diarienummer"]
        widgets = {"giltigt_fran": DATUM, "giltigt_till": DATUM}


class SamverkansaktivitetForm(forms.ModelForm):
    class Meta:
        model = Samverkansaktivitet
        fields = ["titel", "typ", "datum", "parter", "beskrivning"]
        widgets = {
            "datum": DATUM,
            "parter": forms.CheckboxSelectMultiple,
            "beskrivning": forms.Textarea(attrs={"rows": 3}),
        }
