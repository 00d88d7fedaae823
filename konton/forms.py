from django import forms
from django.utils.translation import gettext_lazy as _

from policy.models import Roll


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


class AktiveraForm(KodForm):
    """The first code from the app, and (for a role that must use two-factor
    authentication) the one-time enrolment code from the säkerhetschef."""

    def __init__(self, *args, registreringskod: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if registreringskod:
            self.fields = {
                "registreringskod": forms.CharField(
                    label=_("Registreringskod från säkerhetschefen"),
                    max_length=40,
                    widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
                ),
                "kod": self.fields["kod"],
            }
            self.fields["kod"].widget.attrs.pop("autofocus", None)


class RollerForm(forms.Form):
    roller = forms.MultipleChoiceField(
        label=_("Roller"),
        choices=Roll.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
