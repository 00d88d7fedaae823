import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policy.models import Organ

from . import selectors
from .models import (
    Checklistsvar,
    Informationstillgang,
    Klassningsniva,
    Kontrollpunkt,
    Sakerhetsklassplacering,
    Sakerhetsskyddsanalys,
    Sakerhetsskyddsavtal,
    System,
)


def _organ_val(user):
    ids = selectors.andringsbara_organ_ids(user)
    qs = Organ.objects.order_by("namn")
    return qs if ids is None else qs.filter(pk__in=ids)


class TillgangForm(forms.ModelForm):
    class Meta:
        model = Informationstillgang
        fields = [
            "namn",
            "beskrivning",
            "organ",
            "personuppgiftsansvarig",
            "personuppgifter",
            "informationsagare",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = _organ_val(user)
        self.fields["personuppgiftsansvarig"].queryset = Organ.objects.order_by("namn")
        self.fields["informationsagare"].queryset = (
            self.fields["informationsagare"]
            .queryset.filter(is_active=True)
            .order_by("first_name", "last_name")
        )


class KlassningForm(forms.Form):
    konfidentialitet = forms.ModelChoiceField(
        Klassningsniva.objects.all(), label=_("Konfidentialitet")
    )
    riktighet = forms.ModelChoiceField(Klassningsniva.objects.all(), label=_("Riktighet"))
    tillganglighet = forms.ModelChoiceField(Klassningsniva.objects.all(), label=_("Tillgänglighet"))
    nasta_oversyn = forms.DateField(
        label=_("Nästa översyn"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Informationsägaren påminns före datumet och när det har passerat."),
    )

    def clean_nasta_oversyn(self):
        d = self.cleaned_data["nasta_oversyn"]
        if d <= timezone.localdate():
            raise forms.ValidationError(_("Nästa översyn måste ligga efter i dag."))
        if d > timezone.localdate() + datetime.timedelta(days=3 * 366):
            raise forms.ValidationError(_("Nästa översyn får ligga högst tre år fram."))
        return d


class SystemForm(forms.ModelForm):
    class Meta:
        model = System
        fields = [
            "namn",
            "organ",
            "leverantor",
            "drift",
            "systemagare",
            "ansvarig_enhet",
            "tillgangar",
            "cybersakerhetslag",
        ]
        widgets = {"tillgangar": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = _organ_val(user)
        self.fields["tillgangar"].queryset = (
            selectors.tillgangar_visible_to(user)
            .select_related("organ")
            .order_by("organ__namn", "namn")
        )
        self.fields["systemagare"].queryset = (
            self.fields["systemagare"]
            .queryset.filter(is_active=True)
            .order_by("first_name", "last_name")
        )
        self.fields["ansvarig_enhet"].queryset = (
            self.fields["ansvarig_enhet"].queryset.select_related("organ").order_by("namn")
        )


# --- Säkerhetsskydd (metadata only) ---

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AnalysForm(forms.ModelForm):
    class Meta:
        model = Sakerhetsskyddsanalys
        fields = ["datum", "godkand_av", "nasta_senast", "ansvarig", "diarienummer"]
        widgets = {"datum": DATUM, "nasta_senast": DATUM}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .sakerhetsskydd import behoriga

        self.fields["ansvarig"].queryset = behoriga()


class PlaceringForm(forms.ModelForm):
    class Meta:
        model = Sakerhetsklassplacering
        fields = ["enhet", "klass", "antal", "senaste_registerkontroll", "nasta_registerkontroll"]
        widgets = {"senaste_registerkontroll": DATUM, "nasta_registerkontroll": DATUM}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = (
            self.fields["enhet"].queryset.select_related("organ").order_by("namn")
        )


class AvtalForm(forms.ModelForm):
    class Meta:
        model = Sakerhetsskyddsavtal
        fields = ["leverantor", "datum", "giltigt_till", "ansvarig", "anteckning"]
        widgets = {"datum": DATUM, "giltigt_till": DATUM}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .sakerhetsskydd import behoriga

        self.fields["ansvarig"].queryset = behoriga()


class KopplingForm(forms.Form):
    """Link an incident (by its reference) or a risk of the system's body to a system."""

    incident = forms.CharField(
        label=_("Incidentens referensnummer"),
        required=False,
        max_length=20,
        help_text=_("Till exempel INC-2026-0012."),
    )
    risk = forms.ModelChoiceField(queryset=None, label=_("Risk"), required=False)

    def __init__(self, *args, user, system, **kwargs):
        super().__init__(*args, **kwargs)
        from risker.selectors import risker_visible_to

        self.fields["risk"].queryset = (
            risker_visible_to(user).filter(riskanalys__organ_id=system.organ_id).order_by("titel")
        )
        self.user = user

    def clean_incident(self):
        referens = self.cleaned_data["incident"].strip().upper()
        if not referens:
            return None
        from incidenter.selectors import incidents_visible_to

        incident = incidents_visible_to(self.user).filter(referens=referens).first()
        if incident is None:
            raise forms.ValidationError(_("Det finns ingen incident med det numret som du ser."))
        return incident

    def clean(self):
        data = super().clean()
        if bool(data.get("incident")) == bool(data.get("risk")):
            raise forms.ValidationError(_("Ange antingen en incident eller en risk."))
        return data


# --- The cybersäkerhet checklist ---


class KontrollpunktForm(forms.ModelForm):
    class Meta:
        model = Kontrollpunkt
        fields = ["rubrik", "hanvisning", "beskrivning", "ordning", "aktiv"]
        widgets = {"beskrivning": forms.Textarea(attrs={"rows": 3})}


class ChecklistsvarForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=Checklistsvar.Status.choices, widget=forms.RadioSelect
    )
    kommentar = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Högst 500 tecken. Krävs när punkten inte är tillämplig."),
    )
    underlag = forms.CharField(
        label=_("Underlag"),
        required=False,
        max_length=500,
        help_text=Checklistsvar._meta.get_field("underlag").help_text,
    )
    nasta_oversyn = forms.DateField(
        label=_("Nästa översyn"),
        widget=DATUM,
        help_text=_(
            "Systemägaren, eller utan en sådan den som svarade, påminns när datumet har passerat."
        ),
    )

    def clean_nasta_oversyn(self):
        d = self.cleaned_data["nasta_oversyn"]
        if d <= timezone.localdate():
            raise forms.ValidationError(_("Nästa översyn måste ligga efter i dag."))
        if d > timezone.localdate() + datetime.timedelta(days=3 * 366):
            raise forms.ValidationError(_("Nästa översyn får ligga högst tre år fram."))
        return d


class ImportForm(forms.Form):
    fil = forms.FileField(label=_("Excelfil (.xlsx)"))
