"""
Widgets drawn in Python, with the same HTML as Django's own.

Django draws every <option> through a template of its own
(select.html includes select_option.html, which includes attrs.html), which for the
incident list's filter form, with about a hundred options, costs more than the rest of the
page's rows. `Select` gives the same HTML for a fraction of that. A text field or check box
is one template (and attrs.html) each, ~0.2 ms, a few on a page.
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


# As django/forms/widgets/input.html (which text, url, date and checkbox inputs all use).
class _Input:
    # Asked for by templates/_falt.html; a lookup that fails costs the template engine a
    # dir() of the widget (~12 µs). Django's text inputs lack it and are treated as False.
    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        varde = widget["value"]
        varde = "" if varde is None else f' value="{escape(str(varde))}"'
        return mark_safe(
            f'<input type="{escape(widget["type"])}"'
            f' name="{escape(widget["name"])}"{varde}{_attrs(widget["attrs"])}>'
        )


class TextInput(_Input, forms.TextInput):
    pass


class URLInput(_Input, forms.URLInput):
    pass


class DateInput(_Input, forms.DateInput):
    pass


class DateTimeInput(_Input, forms.DateTimeInput):
    pass


class CheckboxInput(_Input, forms.CheckboxInput):
    pass


# As django/forms/widgets/textarea.html, with its newline after the opening tag.
class Textarea(forms.Textarea):
    # As on _Input, for templates/_falt.html; Django's Textarea has neither attribute, and
    # neither value is one the template looks for ("checkbox", "radio").
    input_type = "textarea"
    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        varde = escape(str(widget["value"])) if widget["value"] else ""
        return mark_safe(
            f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{varde}</textarea>'
        )
