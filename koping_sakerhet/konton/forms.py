from django import forms
from django.utils.translation import gettext_lazy as _


class KodForm(forms.Form):
    kod = forms.CharField(
        label=_("Sexsiffrig kod från appen"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_kod(self):
        kod = "".join(self.cleaned_data["kod"].split())
        if not (kod.isascii() and kod.isdigit() and len(kod) == 6):
            raise forms.ValidationError(_("Ange koden som sex siffror."))
        return kod
