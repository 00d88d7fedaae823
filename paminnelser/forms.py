from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Arshjulspunkt, Installning


class InstallningForm(forms.Form):
    leverans = forms.ChoiceField(
        label=_("Hur vill du få påminnelser med e-post?"),
        choices=Installning.Leverans.choices,
        widget=forms.RadioSelect,
    )


class ArshjulspunktForm(forms.ModelForm):
    class Meta:
        model = Arshjulspunkt
        fields = [
            "namn",
            "beskrivning",
            "manad",
            "dag",
            "framforhallning",
            "roll",
            "organ",
            "ar_i_mandatperioden",
            "lank",
            "aktiv",
        ]
        widgets = {"beskrivning": forms.Textarea(attrs={"rows": 3})}
