"""
A select box drawn in Python. Django draws every <option> through a template of its own
(select.html includes select_option.html, which includes attrs.html), which for the
incident list's filter form, with about a hundred options, costs more than the rest of the
page's rows. `Select` gives the same HTML for a fraction of that.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name.
    return "".join(
        f" {conditional_escape(namn)}"
        if varde is True
        else f' {conditional_escape(namn)}="{conditional_escape(str(varde))}"'
        for namn, varde in attrs.items()
        if varde is not False
    )


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for grupp, alternativ, _index in widget["optgroups"]:
            if grupp:
                html.append(f'\n  <optgroup label="{conditional_escape(grupp)}">')
            html.extend(
                f'\n  <option value="{conditional_escape(str(o["value"]))}"{_attrs(o["attrs"])}>'
                f"{conditional_escape(o['label'])}</option>"
                for o in alternativ
            )
            if grupp:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))
