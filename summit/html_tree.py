"""The element tree bleach parses HTML into and walks, built and walked in time linear in the
number of siblings and of pieces of text.

bleach uses its own copy of html5lib. Leaving an element's children, html5lib's walker found
the element's place among its siblings with ``list(parent).index`` (and ``count``): 100 KB of
code blocks or tables, thousands of siblings each, took 6 s. Its builder added each piece of
text to an element by copying the element's text so far, and an entity is a piece of its own
(100 KB of ``&``: 2.5 s). :class:`Cleaner` is bleach's, with the same tree built and walked
with neither: the tokens, and so the output, are html5lib's own.
"""

import bleach
from bleach import html5lib_shim
from bleach._vendor.html5lib import getTreeBuilder, getTreeWalker

EtreeBuilder = getTreeBuilder("etree")
EtreeWalker = getTreeWalker("etree")


def append_text(element, name, data):
    """Add ``data`` to ``element``'s text or tail (``name``)."""
    # Taken off the element, the text is held once, and CPython extends it in place.
    text = getattr(element, name) or ""
    setattr(element, name, None)
    text += data
    setattr(element, name, text)


class LinearText:
    def insertText(self, data, insertBefore=None):
        # html5lib's, with the text extended in place: into the element while it has no
        # children, else after its last child or before insertBefore (a table's foster child).
        if not len(self._element):
            append_text(self._element, "text", data)
        elif insertBefore is None:
            append_text(self._element[-1], "tail", data)
        else:
            super().insertText(data, insertBefore)


class LinearTreeBuilder(EtreeBuilder):
    elementClass = type("Element", (LinearText, EtreeBuilder.elementClass), {})
    fragmentClass = type("DocumentFragment", (LinearText, EtreeBuilder.fragmentClass), {})
    documentClass = type("Document", (LinearText, EtreeBuilder.documentClass), {})


class LinearTreeWalker(EtreeWalker):
    """html5lib's etree walker, keeping each ancestor's place instead of looking it up.

    A node is html5lib's (element, its place in its parent, ancestors, "text", "tail" or
    None), with each ancestor stacked with its own place.
    """

    def getFirstChild(self, node):
        if not isinstance(node, tuple):  # the root
            node = node, None, [], None
        element, place, ancestors, flag = node
        if flag in ("text", "tail"):
            return None
        if element.text:
            return element, place, ancestors, "text"
        return self.first_element(element, place, ancestors)

    def getNextSibling(self, node):
        if not isinstance(node, tuple):
            return None
        element, place, ancestors, flag = node
        if flag == "text":
            return self.first_element(element, place, ancestors)
        if element.tail and flag != "tail":
            return element, place, ancestors, "tail"
        parent = ancestors[-1][0]
        if place < len(parent) - 1:
            return parent[place + 1], place + 1, ancestors, None
        return None

    def getParentNode(self, node):
        if not isinstance(node, tuple):
            return None
        element, place, ancestors, flag = node
        if flag != "text":
            element, place = ancestors.pop()
        return (element, place, ancestors, None) if ancestors else element

    @staticmethod
    def first_element(element, place, ancestors):
        if not len(element):
            return None
        ancestors.append((element, place))
        return element[0], 0, ancestors, None


class Cleaner(bleach.Cleaner):
    """bleach's cleaner, parsing and walking with the linear tree builder and walker."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # bleach's own parser settings (bleach.sanitizer.Cleaner), with the linear builder.
        self.parser = html5lib_shim.BleachHTMLParser(
            tags=self.tags,
            strip=self.strip,
            consume_entities=False,
            namespaceHTMLElements=False,
            tree=LinearTreeBuilder,
        )
        self.walker = LinearTreeWalker
