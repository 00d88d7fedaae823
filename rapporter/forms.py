"""Forms of the annual follow-up's ärende: the tjänsteskrivelse with a text per security
area, and KS's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from policy.forms import DateInput

from .arenden import ARENDETEXTER
from .models import Arende


def _textarea(rader: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rader})


class ArendeForm(forms.ModelForm):
    """The tjänsteskrivelse, and one text per area (fields `omrade_<id>`)."""

    class Meta:
        model = Arende
        fields = list(ARENDETEXTER)
        widgets = {
            "datum": DateInput,
            "forslag_till_beslut": _textarea(4),
            "sammanfattning": _textarea(4),
            "bakgrund": _textarea(5),
            "bedomning": _textarea(5),
            "beslutsunderlag": _textarea(3),
            "skickas_till": _textarea(3),
        }
        help_texts = {"diarienummer": _("Till exempel KS 2026/123.")}

    def __init__(self, *args, omraden=(), berattelser=None, **kwargs):
        super().__init__(*args, **kwargs)
        berattelser = berattelser or {}
        self.omraden = list(omraden)
        for o in self.omraden:
            self.fields[f"omrade_{o.pk}"] = forms.CharField(
                label=_("%(nummer)s. %(namn)s: året i området")
                % {"nummer": o.nummer, "namn": o.namn},
                required=False,
                initial=berattelser.get(o.pk, ""),
                widget=_textarea(4),
            )

    def arendefalt(self):
        return [self[f] for f in ARENDETEXTER]

    def omradesfalt(self):
        return [self[f"omrade_{o.pk}"] for o in self.omraden]

    def texter(self) -> dict:
        return {f: self.cleaned_data[f] for f in ARENDETEXTER}

    def berattelser(self) -> dict[int, str]:
        return {o.pk: self.cleaned_data[f"omrade_{o.pk}"] for o in self.omraden}


class ArendebeslutForm(forms.Form):
    paragraf = forms.CharField(
        label=_("Paragraf (§)"), max_length=20, help_text=_("Till exempel § 123.")
    )
    datum = forms.DateField(label=_("Kommunstyrelsens beslutsdatum"), widget=DateInput)
