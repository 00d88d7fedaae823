"""
Widgets drawn in Python, with the same HTML as Django's own.

Django draws every <option> through a template of its own
(select.html includes select_option.html, which includes attrs.html), which for the
incident list's filter form, with about a hundred options, costs more than the rest of the
page's rows. `Select` gives the same HTML for a fraction of that. A text field or check box
is one template (and attrs.html) each, ~0.2 ms, a few on a page.
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


# As django/forms/widgets/input.html (which text, url, date and checkbox inputs all use).
class _Input:
    # Asked for by templates/_falt.html; a lookup that fails costs the template engine a
    # dir() of the widget (~12 µs). Django's text inputs lack it and are treated as False.
    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        varde = widget["value"]
        varde = "" if varde is None else f' value="{conditional_escape(str(varde))}"'
        return mark_safe(
            f'<input type="{conditional_escape(widget["type"])}"'
            f' name="{conditional_escape(widget["name"])}"{varde}{_attrs(widget["attrs"])}>'
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
        varde = conditional_escape(str(widget["value"])) if widget["value"] else ""
        return mark_safe(
            f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>'
            f"\n{varde}</textarea>"
        )
