"""What a browser could run in a piece of HTML, judged by reading it the way a browser does.

The HTML is parsed with html5lib (the HTML standard's parser, character references decoded
as a browser decodes them); addresses are read with the URL standard's own first steps,
written out here independently of the sanitiser's code.
"""

import posixpath
import re
from urllib.parse import unquote

import html5lib

EXECUTABLE_ELEMENTS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
    "math", "form", "input", "button", "meta", "base", "link", "noscript", "template",
})
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "background", "xlink:href", "data", "poster",
    "cite", "longdesc", "lowsrc", "dynsrc", "ping", "codebase", "manifest", "icon", "usemap",
    "classid", "srcset", "archive", "profile", "from", "to", "values", "by", "xml:base",
})
C0_CONTROL_OR_SPACE = "".join(chr(code) for code in range(0x21))
TAB_OR_NEWLINE = re.compile("[\t\n\r]")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+\-.]*:")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}\s?|.)", re.DOTALL)
SCRIPTED_CSS = ("expression(", "url(", "image(", "image-set(", "behavior", "-moz-binding",
                "javascript:", "vbscript:", "@import")


def browser_scheme(address):
    """The scheme a browser reads in ``address`` (lower case), or "" for none.

    URL standard, basic URL parser: strip leading and trailing C0 control or space, remove
    every ASCII tab or newline, then the scheme start and scheme states: an ASCII alpha,
    then ASCII alphanumerics, "+", "-" or ".", up to a ":".
    """
    address = TAB_OR_NEWLINE.sub("", address.strip(C0_CONTROL_OR_SPACE))
    match = SCHEME.match(address)
    return match.group()[:-1].lower() if match else ""


def local_name(name):
    return name.rsplit("}", 1)[-1].lower() if isinstance(name, str) else ""


def css_text(value):
    text = CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1)[0] in
                          "0123456789abcdefABCDEF" and m.group(1).strip() else m.group(1), value)
    return re.sub(r"\s+", "", CSS_COMMENT.sub("", text)).lower()


def problems(html):
    """Everything in ``html`` that could run script, as readable lines (empty when none)."""
    found = []
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    for element in tree.iter():
        tag = local_name(element.tag)
        if tag in EXECUTABLE_ELEMENTS:
            found.append(f"<{tag}> element")
        for raw_name, value in element.attrib.items():
            name = local_name(raw_name) if "}" in str(raw_name) else str(raw_name).lower()
            if name.startswith("on"):
                found.append(f"{name} attribute on <{tag}>")
            if name == "style" and any(bad in css_text(value) for bad in SCRIPTED_CSS):
                found.append(f"scripted CSS {value!r}")
            if name in URL_ATTRIBUTES or name.endswith(":href"):
                scheme = browser_scheme(value)
                if scheme not in {"", "http", "https", "mailto"}:
                    found.append(f"{scheme}: address in {name} of <{tag}>")
                if tag == "img" and name == "src" and not scheme:
                    path = posixpath.normpath(unquote(TAB_OR_NEWLINE.sub("", value.strip())))
                    if not path.startswith("/media/") or "\\" in value:
                        found.append(f"image outside the media path: {value!r}")
    return found
