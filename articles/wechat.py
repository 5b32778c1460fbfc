"""An article ready to paste elsewhere: for WeChat's editor, which keeps only inline styles
and drops external links, and as plain Markdown for other platforms.

Both start from the article's HTML passed through the one sanitiser, parsed into a real
tree (html5lib) whose addresses are made absolute; WeChat's copy then gets the portal's
look as ``style`` attributes from :data:`STYLES`.
"""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import html5lib
from django.utils.html import escape
from django.utils.translation import gettext as _
from markdownify import markdownify

from summit.links import absolute_url
from summit.markdown import clean_html

FONT = ('-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", '
        '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif')
BLUE, INK, MUTED, LINE, SOFT = "#021eaa", "#1b1f2e", "#555b6e", "#dfe3ee", "#f6f7fb"
HEADING = f"color: {BLUE}; font-weight: bold; line-height: 1.4; margin: 1.6em 0 0.8em;"
CELL = f"border: 1px solid {LINE}; padding: 6px 8px; text-align: left; font-size: 15px;"
# The portal's article look (static/articles/news.css) for each element the sanitiser keeps.
STYLES = {
    "h1": f"{HEADING} font-size: 22px;",
    "h2": f"{HEADING} font-size: 20px;",
    "h3": f"{HEADING} font-size: 18px;",
    "h4": f"{HEADING} font-size: 17px;",
    "h5": f"{HEADING} font-size: 16px;",
    "h6": f"{HEADING} font-size: 16px;",
    "p": "margin: 0 0 1.1em; line-height: 1.85;",
    "ul": "margin: 0 0 1.1em; padding-left: 1.5em;",
    "ol": "margin: 0 0 1.1em; padding-left: 1.5em;",
    "li": "line-height: 1.85; margin: 0.2em 0;",
    "blockquote": f"margin: 1.25em 0; padding: 0.5em 1em; border-left: 4px solid {LINE}; "
                  f"color: {MUTED};",
    "table": "border-collapse: collapse; width: 100%; margin: 0 0 1.1em;",
    "th": f"{CELL} background: {SOFT}; font-weight: bold;",
    "td": CELL,
    "caption": f"color: {MUTED}; font-size: 14px; padding: 4px 0;",
    "pre": f"background: {SOFT}; padding: 12px 16px; border-radius: 8px; font-size: 14px; "
           "line-height: 1.6; overflow-x: auto; white-space: pre-wrap; word-break: break-all;",
    "code": 'font-family: Menlo, Consolas, "Courier New", monospace; font-size: 14px;',
    "img": "display: block; max-width: 100%; height: auto; margin: 1.25em auto; "
           "border-radius: 8px;",
    "figure": "margin: 1.25em 0;",
    "figcaption": f"color: {MUTED}; font-size: 14px; text-align: center;",
    "a": f"color: {BLUE}; text-decoration: none; word-break: break-all;",
    "hr": f"border: none; border-top: 1px solid {LINE}; margin: 2em 0;",
    "strong": f"color: {INK}; font-weight: bold;",
}
SECTION = f"font-family: {FONT}; font-size: 16px; color: {INK}; line-height: 1.85;"
WRITTEN_URL = f"color: {MUTED}; font-size: 14px; word-break: break-all;"
FOOTER = (f"margin: 2em 0 0; padding-top: 1em; border-top: 1px solid {LINE}; color: {MUTED}; "
          "font-size: 14px; line-height: 1.7;")


def portal_tree(article, absolute):
    """The article's sanitised body as an html5lib tree with every address absolute
    (``absolute(path)`` makes one, e.g. a request's ``build_absolute_uri``)."""
    fragment = html5lib.parseFragment(clean_html(article.body_html), treebuilder="etree",
                                      namespaceHTMLElements=False)
    for element in fragment.iter():
        for name in ("src", "href"):
            value = element.get(name)
            if value and not value.startswith(("#", "mailto:")):
                element.set(name, absolute_url(value, absolute))
    return fragment


def serialize(fragment):
    return html5lib.serialize(fragment, tree="etree", quote_attr_values="always",
                              omit_optional_tags=False)


def wechat_html(article, *, absolute):
    """The article's body for WeChat's editor: one ``<section>`` with inline styles only."""
    fragment = portal_tree(article, absolute)
    parents = {child: parent for parent in fragment.iter() for child in parent}
    for element in list(fragment.iter()):
        if element.tag == "a":
            write_out_link(element, parents[element])
        elif element.tag == "img" and not element.get("src"):  # its address was unsafe
            drop(element, parents[element])
            continue
        element.attrib.pop("id", None)  # heading anchors: WeChat has no in-page links
        element.attrib.pop("rel", None)
        element.attrib.pop("referrerpolicy", None)
        if element.tag in STYLES:
            element.set("style", STYLES[element.tag])
    section = ElementTree.Element("section", style=SECTION)
    section.text = fragment.text
    section.extend(list(fragment))
    footer = ElementTree.SubElement(section, "p", style=FOOTER)
    page = absolute(article.get_absolute_url())
    footer.text = _("Read this article on the portal: ")
    ElementTree.SubElement(footer, "a", href=page, style=STYLES["a"]).text = page
    return serialize(section)


def write_out_link(link, parent):
    """Put the address of ``link`` after it as text, unless its label already shows it."""
    href = link.get("href", "")
    if href.startswith("#"):
        del link.attrib["href"]
        return
    shown = href.removeprefix("mailto:")
    label = "".join(link.itertext()).strip()
    if not shown or label in {shown, href} or urlsplit(label).netloc:
        return
    written = ElementTree.Element("span", style=WRITTEN_URL)
    written.text = f" ({shown})"
    written.tail, link.tail = link.tail, None
    parent.insert(list(parent).index(link) + 1, written)


def drop(element, parent):
    """Remove ``element``, keeping the text that follows it."""
    index = list(parent).index(element)
    if element.tail:
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def wechat_page(article, *, absolute):
    """A whole HTML page of the WeChat copy, to download or to look at in a browser."""
    title = ElementTree.Element("h1", style=STYLES["h1"])
    title.text = article.title
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(article.title)}</title></head>"
        '<body style="margin: 0; padding: 16px; background: #fff;">'
        f'<div style="max-width: 640px; margin: 0 auto;">{serialize(title)}'
        f"{wechat_html(article, absolute=absolute)}</div></body></html>\n"
    )


def article_markdown(article, *, absolute):
    """The article as plain Markdown with absolute addresses, for other platforms."""
    body = markdownify(serialize(portal_tree(article, absolute)), heading_style="ATX",
                       bullets="-", escape_misc=False).strip()
    page = absolute(article.get_absolute_url())
    return f"# {article.title}\n\n{body}\n\n---\n\n{_('Read this article on the portal: ')}" \
           f"<{page}>\n"
