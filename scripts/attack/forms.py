"""The forms on a portal page, read with the standard library's HTML parser: action, method and each field's value."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = Form((a.get("method") or "get").upper(), a.get("action") or "")
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a and a["name"] in self.current.fields:
                return
            if kind not in ("submit", "button", "image"):
                self.current.fields[a["name"]] = a.get("value") or ""
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            self.current.fields.setdefault(self.select, "")
        elif tag == "option" and self.select:
            # The selected option, else the first one with a value.
            value = a.get("value") or ""
            if "selected" in a or (not self.current.fields[self.select] and value):
                self.current.fields[self.select] = value
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.current.fields[self.textarea] = ""

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


def forms(html: str) -> list[Form]:
    """Every form on the page, in document order."""
    parser = _FormParser()
    parser.feed(html)
    return parser.forms
