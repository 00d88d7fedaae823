"""
The select box drawn in Python, with the same HTML as Django's own
(tests/lib/test_select_widget.py).

Django draws every <option> through two templates of its own (select.html includes
select_option.html, which includes attrs.html). Measured in-process (CPU per render, the
benchmark's database), the report form's three select boxes, 86 options, cost 7.0 ms drawn
by Django and 0.4 ms by `Select`; the form with Django's select boxes takes the report page
from ~3.7 to ~6 times the baseline's time, past the target of 5 (docs/performance.md). The
incident list's filter form, drawn when its cached copy is missed, costs 13 ms instead of
4. Text fields, dates, text areas and check boxes are Django's own: one template each,
~0.2 ms.
"""

import html

from django import forms
from django.utils.functional import Promise
from django.utils.safestring import mark_safe


def escape(varde) -> str:
    """As django.utils.html.conditional_escape, for HTML drawn in Python (here and in the
    incident list's rows), without the lazy-string wrapper around Django's escape(), which
    cost more than the escaping (a select box escapes two strings an option)."""
    if isinstance(varde, Promise):
        varde = str(varde)
    if hasattr(varde, "__html__"):
        return varde.__html__()
    return html.escape(str(varde))


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name.
    return "".join(
        f" {escape(namn)}" if varde is True else f' {escape(namn)}="{escape(str(varde))}"'
        for namn, varde in attrs.items()
        if varde is not False
    )


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        rader = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for grupp, alternativ, _index in widget["optgroups"]:
            if grupp:
                rader.append(f'\n  <optgroup label="{escape(grupp)}">')
            rader.extend(
                f'\n  <option value="{escape(str(o["value"]))}"'
                f"{_attrs(o['attrs']) if o['attrs'] else ''}>{escape(o['label'])}</option>"
                for o in alternativ
            )
            if grupp:
                rader.append("\n  </optgroup>")
        rader.append("\n</select>")
        return mark_safe("".join(rader))
