"""
A notice's words in the reader's language. A notice is written by a worker or by another
person's request, in their language; it is read later by someone who may have chosen
another. So the notice keeps the message id (marked with `gettext_noop`) and its parameters,
and is rendered when read, in the language then active (`Text.fran_json(...).visa()`).

Parameters are stored as they are, except dates (shown in the reader's format) and lazy
translations such as a role's label (stored as their message id, translated when read).
"""

from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext


def _spara(varde):
    if isinstance(varde, datetime):
        return {"datumtid": varde.isoformat()}
    if isinstance(varde, date):
        return {"datum": varde.isoformat()}
    if isinstance(varde, Promise):
        with translation.override(None):  # the message id itself
            return {"t": str(varde)}
    if isinstance(varde, int | float):
        return varde
    return str(varde)


def _las(varde):
    if isinstance(varde, dict):
        if "datumtid" in varde:
            return date_format(
                timezone.localtime(datetime.fromisoformat(varde["datumtid"])), "DATETIME_FORMAT"
            )
        if "datum" in varde:
            return date_format(date.fromisoformat(varde["datum"]), "DATE_FORMAT")
        if "t" in varde:
            return gettext(varde["t"])
    return varde


class Text:
    """`Text(gettext_noop("Ny incident %(ref)s"), ref=...)`, or with a plural
    `Text(singular, plural=..., antal="n", n=3)` (the parameter that chooses the form)."""

    def __init__(self, msgid: str, *, plural: str = "", antal: str = "", **parametrar):
        self.msgid, self.plural, self.antal = msgid, plural, antal
        self.parametrar = {k: _spara(v) for k, v in parametrar.items()}

    def som_json(self) -> dict:
        data = {"m": self.msgid, "p": self.parametrar}
        if self.plural:
            data.update(pl=self.plural, n=self.antal)
        return data

    @classmethod
    def fran_json(cls, data: dict) -> "Text":
        text = cls(data["m"], plural=data.get("pl", ""), antal=data.get("n", ""))
        text.parametrar = data.get("p", {})
        return text

    def visa(self) -> str:
        """The text in the active language."""
        parametrar = {k: _las(v) for k, v in self.parametrar.items()}
        if self.plural:
            monster = ngettext(self.msgid, self.plural, int(parametrar.get(self.antal) or 0))
        else:
            monster = gettext(self.msgid)
        try:
            return monster % parametrar if parametrar else monster
        except (KeyError, TypeError, ValueError):
            # A translation that does not match its parameters: the original wording.
            return self.msgid % parametrar if parametrar else self.msgid

    def __str__(self):
        return self.visa()
