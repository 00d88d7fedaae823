"""Forms for analyses, risks, åtgärder and review. They only bind and validate input; the
services decide what is allowed."""

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from policy.models import Enhet, Omrade, Organ, User

from .models import KONSEKVENSFALT, Atgard, Risk, Riskanalys, SkalaSteg
from .services import RISKFALT


class DateInput(forms.DateInput):
    input_type = "date"


class RiskanalysForm(forms.ModelForm):
    class Meta:
        model = Riskanalys
        fields = [
            "titel",
            "typ",
            "organ",
            "enhet",
            "period_fran",
            "period_till",
            "omraden",
            "metodbeskrivning",
            "diarienummer",
            "beslutsdatum",
            "beslutsparagraf",
        ]
        widgets = {
            "period_fran": DateInput,
            "period_till": DateInput,
            "beslutsdatum": DateInput,
            "omraden": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organ_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = Organ.objects.filter(pk__in=organ_ids)
        if len(organ_ids) == 1:
            self.fields["organ"].initial = next(iter(organ_ids))
        self.fields["enhet"].queryset = Enhet.objects.filter(organ_id__in=organ_ids).select_related(
            "organ"
        )
        self.fields["omraden"].queryset = Omrade.objects.all()
        if self.instance.pk:
            # The owner of an existing analysis does not change.
            del self.fields["organ"]


def _stegval(etiketter: dict, dimension: str):
    steg = etiketter.get(dimension, {})
    return [("", "---------")] + [(v, str(steg[v]) if v in steg else str(v)) for v in range(1, 6)]


class RiskForm(forms.ModelForm):
    """The scale labels of the analysis' own scale version are the choices."""

    class Meta:
        model = Risk
        fields = RISKFALT
        widgets = {"nasta_oversyn": DateInput}

    def __init__(self, *args, riskanalys: Riskanalys, **kwargs):
        super().__init__(*args, **kwargs)
        etiketter = riskanalys.skala.etiketter()
        self.fields["sannolikhet"] = forms.TypedChoiceField(
            label=_("Sannolikhet"), coerce=int, choices=_stegval(etiketter, SkalaSteg.SANNOLIKHET)
        )
        for dim, falt in KONSEKVENSFALT.items():
            self.fields[falt] = forms.TypedChoiceField(
                label=self.fields[falt].label.capitalize(),
                coerce=int,
                choices=_stegval(etiketter, dim),
            )
        for falt, dim in (
            ("rest_sannolikhet", SkalaSteg.SANNOLIKHET),
            ("rest_konsekvens", "ekonomi"),
        ):
            self.fields[falt] = forms.TypedChoiceField(
                label=self.fields[falt].label.capitalize(),
                coerce=int,
                required=False,
                empty_value=None,
                choices=_stegval(etiketter, dim),
                help_text=_("Den risk som väntas återstå när åtgärderna är genomförda."),
            )
        self.fields["omrade"].queryset = Omrade.objects.all()
        self.fields["enhet"].queryset = Enhet.objects.filter(organ_id=riskanalys.organ_id)

    @property
    def konsekvensfalt(self):
        return [self[f] for f in KONSEKVENSFALT.values()]


class AtgardForm(forms.ModelForm):
    class Meta:
        model = Atgard
        fields = ["beskrivning", "ansvarig", "organ", "forfallodatum"]
        widgets = {"forfallodatum": DateInput, "beskrivning": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organ_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansvarig"].queryset = User.objects.filter(is_active=True, enhet__isnull=False)
        if organ_id and not self.is_bound:
            self.fields["organ"].initial = organ_id


class AtgardStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=Atgard.Status.choices)
    # Where to go afterwards: a page of this site, as a path ("/risker/..."), or nothing.
    nasta = forms.CharField(required=False, max_length=500)

    def clean_nasta(self):
        nasta = self.cleaned_data["nasta"]
        if nasta and not (
            nasta.startswith("/")
            and not nasta.startswith(("//", "/\\"))
            and url_has_allowed_host_and_scheme(nasta, allowed_hosts=set())
        ):
            raise forms.ValidationError(_("Ogiltig adress att gå vidare till."))
        return nasta


class AcceptansForm(forms.Form):
    motivering = forms.CharField(
        label=_("Varför accepteras restrisken?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(forms.Form):
    fil = forms.FileField(label=_("Excelfil (.xlsx)"))


class KopplaRiskForm(forms.Form):
    risk = forms.ModelChoiceField(label=_("Risk i riskregistret"), queryset=Risk.objects.none())
    ta_bort = forms.BooleanField(label=_("Ta bort kopplingen i stället"), required=False)

    def __init__(self, *args, risker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risk"].queryset = risker.select_related("riskanalys__organ").order_by(
            "riskanalys__organ__namn", "titel"
        )
