"""Test helpers counting the work done on an element tree."""

import xml.etree.ElementTree as etree


class CountingElement(etree.Element):
    """An element counting how often its text is set and its children are listed."""

    text_set = listed = 0

    @property
    def text(self):
        return etree.Element.text.__get__(self)

    @text.setter
    def text(self, value):
        self.text_set += 1
        etree.Element.text.__set__(self, value)

    def __iter__(self):
        # As an element's own iterator: by index, seeing children put in on the way.
        index = 0
        while index < len(self):
            self.listed += 1
            yield self[index]
            index += 1
