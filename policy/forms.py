"""Forms for the policy pages. They bind and validate input; the services decide what is
allowed (who may decide which change, which version is a draft)."""

from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from .models import Ansvar, Avsnitt, Mal, OmradesText, Organ, PolicyVersion, Styrdokument


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class JamforForm(forms.Form):
    fran = forms.ModelChoiceField(queryset=PolicyVersion.objects.none(), label=_("Från version"))
    till = forms.ModelChoiceField(queryset=PolicyVersion.objects.none(), label=_("Till version"))

    def __init__(self, *args, versioner, **kwargs):
        super().__init__(*args, **kwargs)
        for falt in ("fran", "till"):
            self.fields[falt].queryset = versioner
            self.fields[falt].label_from_instance = lambda v: (
                _("Version %(nr)s (%(status)s)")
                % {
                    "nr": v.versionsnummer,
                    "status": v.get_status_display().lower(),
                }
            )


class UtkastForm(forms.ModelForm):
    class Meta:
        model = PolicyVersion
        fields = ["titel", "andringstyp", "andringsbeskrivning"]
        widgets = {
            "andringstyp": forms.RadioSelect,
            "andringsbeskrivning": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["andringstyp"].required = True
        self.fields["andringstyp"].choices = PolicyVersion.Andringstyp.choices
        self.fields["andringstyp"].help_text = _(
            "Varje ändring i syfte, mål, områdena, deras definitioner eller ansvaret är en "
            "ändring i sak och beslutas av kommunfullmäktige, hur den än markeras. Andra "
            "ändringar, till exempel i kopplingen till lagstiftning, kan vara administrativa."
        )


def _textarea(rows):
    return forms.Textarea(attrs={"rows": rows})


AvsnittFormSet = modelformset_factory(
    Avsnitt, fields=["text"], extra=0, widgets={"text": _textarea(6)}
)
MalFormSet = modelformset_factory(Mal, fields=["text"], extra=0, widgets={"text": _textarea(3)})
OmradesTextFormSet = modelformset_factory(
    OmradesText,
    fields=["listnamn", "rubrik", "definition"],
    extra=0,
    widgets={"definition": _textarea(5)},
)
AnsvarFormSet = modelformset_factory(
    Ansvar, fields=["text"], extra=0, widgets={"text": _textarea(4)}
)


class BeslutForm(forms.Form):
    beslutad_av = forms.ModelChoiceField(
        queryset=Organ.objects.filter(typ__in=[Organ.Typ.KF, Organ.Typ.KS]).order_by("typ"),
        label=_("Beslutande organ"),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    beslutsdatum = forms.DateField(label=_("Beslutsdatum"), widget=DateInput)
    paragraf = forms.CharField(
        label=_("Paragraf (§)"), max_length=20, required=False, help_text=_("Till exempel § 45.")
    )
    diarienummer = forms.CharField(
        label=_("Diarienummer"),
        max_length=40,
        required=False,
        help_text=_("Till exempel KS 2026/123."),
    )


class StyrdokumentForm(forms.ModelForm):
    class Meta:
        model = Styrdokument
        fields = [
            "titel",
            "typ",
            "omrade",
            "agare",
            "beskrivning",
            "beslutsdatum",
            "nasta_oversyn",
            "diarienummer",
        ]
        widgets = {
            "beslutsdatum": DateInput,
            "nasta_oversyn": DateInput,
            "beskrivning": forms.Textarea(attrs={"rows": 3}),
        }
