from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policy.forms import DateInput

from .models import Malbedomning, Skyldighet, Svar


class MalbedomningForm(forms.ModelForm):
    class Meta:
        model = Malbedomning
        fields = ["bedomning", "text"]
        widgets = {"bedomning": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 4})}


class SkyldighetForm(forms.ModelForm):
    class Meta:
        model = Skyldighet
        fields = [
            "titel",
            "beskrivning",
            "galler",
            "organ",
            "omrade",
            "intervall",
            "forfaller_manad",
            "forfaller_dag",
            "forfaller_ar_i_perioden",
            "kalla",
            "kalla_hanvisning",
            "bevis",
            "aktiv",
        ]
        widgets = {"beskrivning": forms.Textarea(attrs={"rows": 3})}


class KvittensForm(forms.Form):
    lank = forms.URLField(label=_("Länk till underlaget"), max_length=500, assume_scheme="https")
    kommentar = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OppnaForm(forms.Form):
    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    sista_dag = forms.DateField(label=_("Sista dag för egenbedömningen"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ar"].initial = timezone.localdate().year


def _lankar(text: str) -> str:
    rader = [r.strip() for r in text.splitlines() if r.strip()]
    validera = URLValidator(schemes=["http", "https"])
    for rad in rader:
        try:
            validera(rad)
        except ValidationError:
            raise ValidationError(
                _("%(rad)s är inte en webbadress (börja med https://).") % {"rad": rad[:80]}
            ) from None
    return "\n".join(rader)


class SvarForm(forms.Form):
    """The answer to one question; the form's prefix is the question's id."""

    svar = forms.ChoiceField(
        label=_("Svar"), choices=Svar.Varde.choices, required=False, widget=forms.RadioSelect
    )
    kommentar = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lankar = forms.CharField(
        label=_("Länkar till underlag"),
        help_text=_("En länk per rad."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, fraga, **kwargs):
        super().__init__(*args, prefix=f"f{fraga.pk}", **kwargs)
        self.fraga = fraga

    def clean_lankar(self):
        return _lankar(self.cleaned_data["lankar"])


class GranskaForm(forms.Form):
    beslut = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("godkann", _("Godkänn")), ("ater", _("Skicka tillbaka för komplettering"))],
        widget=forms.RadioSelect,
    )
    kommentar = forms.CharField(
        label=_("Kommentar till nämnden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när egenbedömningen skickas tillbaka."),
    )

    def clean(self):
        data = super().clean()
        if data.get("beslut") == "ater" and not (data.get("kommentar") or "").strip():
            self.add_error("kommentar", _("Skriv vad som ska kompletteras."))
        return data
