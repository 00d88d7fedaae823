"""Forms for premises, kinds of activity and recording. They bind and validate input; the
services decide what is allowed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib import widgets
from policy.models import Enhet, Omrade, Organ, User

from . import services
from .models import Aktivitet, Aktivitetstyp, Kontrollsvar, Lokal, Lokaldokument


class DateInput(forms.DateInput):
    input_type = "date"


class LokalForm(forms.ModelForm):
    class Meta:
        model = Lokal
        fields = ["namn", "adress", "kategori", "agare", "enheter", "brandskyddsansvarig"]
        widgets = {"enheter": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agare"].queryset = Organ.objects.filter(
            typ__in=[Organ.Typ.KS, Organ.Typ.NAMND, Organ.Typ.BOLAG]
        )
        self.fields["enheter"].queryset = Enhet.objects.select_related("organ")
        self.fields["brandskyddsansvarig"].queryset = User.objects.filter(is_active=True)


class LokaldokumentForm(forms.Form):
    slag = forms.ChoiceField(label=_("Slag"), choices=Lokaldokument.Slag.choices)
    titel = forms.CharField(label=_("Titel"), max_length=200)
    beslutsdatum = forms.DateField(label=_("Fastställd"), required=False, widget=DateInput)
    nasta_oversyn = forms.DateField(label=_("Nästa översyn"), widget=DateInput)


class ImportForm(forms.Form):
    fil = forms.FileField(label=_("Excelfil (.xlsx)"))


class AktivitetstypForm(forms.ModelForm):
    class Meta:
        model = Aktivitetstyp
        fields = [
            "namn",
            "slag",
            "omraden",
            "omfattning",
            "lokalkategori",
            "intervall_manader",
            "startmanad",
            "dag",
            "forsta_ar",
            "kalla",
            "kontrollpunkter",
            "aktiv",
        ]
        widgets = {"omraden": forms.CheckboxSelectMultiple}


class PlanForm(forms.Form):
    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    organ = forms.ModelChoiceField(
        label=_("Nämnd eller styrelse"),
        queryset=Organ.objects.filter(typ__in=[Organ.Typ.KS, Organ.Typ.NAMND, Organ.Typ.BOLAG]),
        required=False,
        empty_label=_("Alla"),
    )


class AktivitetForm(forms.Form):
    """An activity outside the plan."""

    typ = forms.ModelChoiceField(label=_("Typ"), queryset=Aktivitetstyp.objects.filter(aktiv=True))
    organ = forms.ModelChoiceField(label=_("Nämnd eller styrelse"), queryset=Organ.objects.none())
    lokal = forms.ModelChoiceField(label=_("Lokal"), queryset=Lokal.objects.all(), required=False)
    enhet = forms.ModelChoiceField(label=_("Enhet"), queryset=Enhet.objects.none(), required=False)
    datum = forms.DateField(label=_("Datum"), widget=DateInput)
    ansvarig = forms.ModelChoiceField(
        label=_("Ansvarig"), queryset=User.objects.filter(is_active=True)
    )

    def __init__(self, *args, organ_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        organ = Organ.objects.all() if organ_ids is None else Organ.objects.filter(pk__in=organ_ids)
        self.fields["organ"].queryset = organ
        self.fields["enhet"].queryset = Enhet.objects.filter(organ__in=organ).select_related(
            "organ"
        )

    def clean(self):
        data = super().clean()
        if data.get("enhet") and data.get("organ") and data["enhet"].organ_id != data["organ"].pk:
            self.add_error("enhet", _("Enheten hör inte till den valda nämnden eller styrelsen."))
        return data


class AktivitetAndraForm(forms.ModelForm):
    class Meta:
        model = Aktivitet
        fields = ["datum", "ansvarig", "status"]
        widgets = {"datum": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansvarig"].queryset = User.objects.filter(is_active=True)
        self.fields["status"].choices = [
            (Aktivitet.Status.PLANERAD, Aktivitet.Status.PLANERAD.label),
            (Aktivitet.Status.INSTALLD, Aktivitet.Status.INSTALLD.label),
        ]


class _RegistreraForm(forms.Form):
    genomford_datum = forms.DateField(label=_("Genomförd"), widget=DateInput)
    anteckning = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, aktivitet: Aktivitet, **kwargs):
        super().__init__(*args, **kwargs)
        self.aktivitet = aktivitet
        self.fields["genomford_datum"].initial = min(aktivitet.datum, timezone.localdate())

    def _atgardsfalt(self, hjalp):
        self.fields["atgard_ansvarig"] = forms.ModelChoiceField(
            label=_("Ansvarig för åtgärderna"),
            queryset=User.objects.filter(is_active=True),
            initial=services.standard_atgardsansvarig(self.aktivitet).pk,
            help_text=hjalp,
        )
        self.fields["atgard_forfallodatum"] = forms.DateField(
            label=_("Åtgärderna ska vara klara"),
            widget=DateInput,
            initial=services.standard_forfallodatum(),
        )


PUNKTFALT = ("resultat_", "kommentar_", "foto_")


class KontrollForm(_RegistreraForm):
    """One radio group, a comment and a photo per checklist point."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.punkter = self.aktivitet.typ.punkter
        for i, punkt in enumerate(self.punkter, start=1):
            self.fields[f"resultat_{i}"] = forms.ChoiceField(
                label=f"{i}. {punkt}",
                choices=Kontrollsvar.Resultat.choices,
                widget=forms.RadioSelect,
                initial=Kontrollsvar.Resultat.OK,
            )
            self.fields[f"kommentar_{i}"] = forms.CharField(
                label=_("Kommentar till punkt %(nr)s") % {"nr": i},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"foto_{i}"] = forms.FileField(
                label=_("Foto till punkt %(nr)s") % {"nr": i},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
            )
        self._atgardsfalt(_("Varje anmärkning blir en åtgärd för den här personen."))

    def clean(self):
        data = super().clean()
        for i, punkt in enumerate(self.punkter, start=1):
            if (
                data.get(f"resultat_{i}") == Kontrollsvar.Resultat.ANMARKNING
                and not (data.get(f"kommentar_{i}") or "").strip()
            ):
                self.add_error(
                    f"kommentar_{i}", _("Beskriv anmärkningen för ”%(punkt)s”.") % {"punkt": punkt}
                )
            foto = data.get(f"foto_{i}")
            if foto:
                try:
                    services.validate_foto(foto)
                except forms.ValidationError as e:
                    self.add_error(f"foto_{i}", e)
        return data

    def punktfalt(self):
        """(number, result field, comment field, photo field) per point, for the template."""
        return [
            (i, self[f"resultat_{i}"], self[f"kommentar_{i}"], self[f"foto_{i}"])
            for i in range(1, len(self.punkter) + 1)
        ]

    def ovriga_falt(self):
        """The fields after the checklist (date, note, who answers for the åtgärder)."""
        return [f for f in self.visible_fields() if not f.name.startswith(PUNKTFALT)]

    def svar(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {
                "resultat": d[f"resultat_{i}"],
                "kommentar": d.get(f"kommentar_{i}", ""),
                "foto": d.get(f"foto_{i}"),
            }
            for i in range(1, len(self.punkter) + 1)
        ]


class OvningForm(_RegistreraForm):
    scenario = forms.CharField(label=_("Scenario"), widget=forms.Textarea(attrs={"rows": 3}))
    ovningsform = forms.ChoiceField(
        label=_("Övningsform"), choices=Aktivitet.Ovningsform.choices, widget=forms.RadioSelect
    )
    enheter = forms.ModelMultipleChoiceField(
        label=_("Deltagande enheter"),
        queryset=Enhet.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner = forms.CharField(
        label=_("Samverkansparter utanför kommunen"),
        required=False,
        help_text=_("En organisation per rad, till exempel Räddningstjänsten eller Polisen."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    gick_bra = forms.CharField(
        label=_("Vad gick bra"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    gick_mindre_bra = forms.CharField(
        label=_("Vad gick mindre bra"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    atgarder = forms.CharField(
        label=_("Åtgärder efter utvärderingen"),
        required=False,
        help_text=_("En åtgärd per rad."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enheter"].queryset = Enhet.objects.select_related("organ")
        self._atgardsfalt("")


class UtbildningForm(_RegistreraForm):
    kurs = forms.CharField(label=_("Kurs"), max_length=200)
    deltagare = forms.ModelMultipleChoiceField(
        label=_("Namngivna deltagare"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Frivilligt. Namnen gallras enligt kommunens gallringsregler."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kurs"].initial = self.aktivitet.typ.namn
        self.enheter = list(Enhet.objects.filter(organ_id=self.aktivitet.organ_id).order_by("namn"))
        for enhet in self.enheter:
            self.fields[f"antal_{enhet.pk}"] = forms.IntegerField(
                label=_("Antal deltagare från %(enhet)s") % {"enhet": enhet.namn},
                min_value=0,
                max_value=10000,
                required=False,
            )
        self.fields["deltagare"].queryset = User.objects.filter(
            is_active=True, enhet__organ_id=self.aktivitet.organ_id
        )

    def antal_per_enhet(self) -> dict:
        return {e: self.cleaned_data.get(f"antal_{e.pk}") or 0 for e in self.enheter}


FORMULAR = {
    Aktivitetstyp.Slag.OVNING: OvningForm,
    Aktivitetstyp.Slag.UTBILDNING: UtbildningForm,
}


def registreringsformular(aktivitet: Aktivitet):
    return FORMULAR.get(aktivitet.typ.slag, KontrollForm)


class FilterForm(forms.Form):
    """The activity list's filters. Its select boxes are drawn in Python (lib.widgets), as
    the incident list's are: Django draws each of their hundred options through templates
    of its own, which cost as much as the page's rows."""

    omrade = forms.ModelChoiceField(
        label=_("Område"),
        queryset=Omrade.objects.all(),
        required=False,
        empty_label=_("Alla"),
        widget=widgets.Select,
    )
    organ = forms.ModelChoiceField(
        label=_("Nämnd eller styrelse"),
        queryset=Organ.objects.all(),
        required=False,
        empty_label=_("Alla"),
        widget=widgets.Select,
    )
    lokal = forms.ModelChoiceField(
        label=_("Lokal"),
        queryset=Lokal.objects.all(),
        required=False,
        empty_label=_("Alla"),
        widget=widgets.Select,
    )
    typ = forms.ModelChoiceField(
        label=_("Typ"),
        queryset=Aktivitetstyp.objects.all(),
        required=False,
        empty_label=_("Alla"),
        widget=widgets.Select,
    )
    fran = forms.DateField(label=_("Från"), required=False, widget=DateInput)
    till = forms.DateField(label=_("Till"), required=False, widget=DateInput)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        widget=widgets.Select,
        choices=[("", _("Alla")), ("forsenad", _("Försenad")), *Aktivitet.Status.choices],
    )
