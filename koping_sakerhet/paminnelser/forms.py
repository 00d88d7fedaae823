from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Installning


class InstallningForm(forms.Form):
    leverans = forms.ChoiceField(
        label=_("Hur vill du få påminnelser med e-post?"),
        choices=Installning.Leverans.choices,
        widget=forms.RadioSelect,
    )
