"""Python-Markdown's inline reader (emphasis, code, links, inline HTML), linear in the length
of a text.

Python-Markdown's ``InlineProcessor`` reads a text one pattern at a time. After each match it
rebuilt the whole text with a placeholder in the match's place before reading on (a paragraph
of 25,000 ``*a*``: 25,000 copies of it), added the text between placeholders to an element's
text one piece at a time, looked each child up among its parent's children, and took work
from the front of a list. :class:`LinearInlineProcessor` is Python-Markdown's own with each of
these done once per text.

A pattern's pass keeps the text it began with and collects the pieces of the new one. From
the position after a match on, the two texts read the same. Two things could still tell them
apart, and are given what Python-Markdown gives them:

* the character before that position, a placeholder's last in Python-Markdown's text, which
  a lookbehind at the next match can read. The emphasis processor, which reads it before a
  delimiter run, is told where a placeholder ends and matches the run in a short window
  beginning with one (:class:`LinearDelimiterProcessor`). For another pattern with a
  lookbehind, where it could matter, the new text is built first, as Python-Markdown did
  after every match (only a match ending in a word character, space, backslash, "!" or "*"
  right before the next, as in ``\\\\`a```);
* positions: the emphasis processor compares a position in the text it is handed with one in
  the text it read its cache from (:class:`LinearDelimiterProcessor`).
"""

import re
import xml.etree.ElementTree as etree
from collections import deque

from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import DelimiterProcessor
from markdown.treeprocessors import InlineProcessor

# A lookbehind or word boundary: the pattern may read the character before where it starts.
LOOKS_BEHIND = re.compile(r"\(\?<[=!]|\\[bB]")
# A character every lookbehind of Python-Markdown's patterns reads as it reads a placeholder's
# last: neither a word character nor a space, backslash, "!" or "*".
LIKE_PLACEHOLDER_END = re.compile(r"[^\w\s\\!*]")


class LinearInlineProcessor(InlineProcessor):
    # How far positions in the text a pattern is handed lag behind Python-Markdown's own
    # text, from the current position on; read by LinearDelimiterProcessor.
    shift = 0

    def run(self, tree, ancestors=None):
        # Python-Markdown's run, with a queue for the stack and each child's place counted.
        self.stashed_nodes = {}
        self.patterns = list(self.inlinePatterns)
        tree_parents = [] if ancestors is None else ancestors[:]
        self.parent_map = {child: parent for parent in tree.iter() for child in parent}
        self._InlineProcessor__build_ancestors(tree, tree_parents)
        queue = deque([(tree, tree_parents)])
        while queue:
            element, self.ancestors = queue.popleft()
            if element is not tree:
                self.ancestors.append(element.tag.lower())
            filled = []
            # A tail's elements go in after its child: the loop reaches them next.
            for place, child in enumerate(element):
                if child.text and not isinstance(child.text, util.AtomicString):
                    self.ancestors.append(child.tag.lower())
                    text, child.text = child.text, None
                    found = self.build_elements(self.read_text(text), child)
                    self.parent_map.update((node, child) for node, _ in found)
                    queue += found
                    filled.append((child, found))
                    self.ancestors.pop()
                if child.tail:
                    holder = etree.Element("d")
                    tail, child.tail = self.read_text(child.tail), None
                    found = self.build_elements(tail, holder, is_text=False)
                    if holder.tail:
                        child.tail = holder.tail
                    self.parent_map.update((node, element) for node, _ in found)
                    element[place + 1 : place + 1] = [node for node, _ in found]
                if len(child):
                    self.parent_map[child] = element
                    queue.append((child, self.ancestors[:]))
            for child, found in filled:
                child[:0] = [node for node, _ in found]
        return tree

    def read_text(self, text, first_pattern=0):
        """``text`` with each inline pattern from ``first_pattern`` on replaced by placeholders
        (Python-Markdown's ``__handleInline``)."""
        if isinstance(text, util.AtomicString):
            return text
        for index in range(first_pattern, len(self.patterns)):
            if self.patterns[index].getCompiledRegExp().search(text):
                text = self.read_pattern(index, text)
        return text

    def read_pattern(self, index, text):
        """``text`` with every match of one pattern replaced by a placeholder, in one pass."""
        pattern = self.patterns[index]
        if any(name.lower() in self.ancestors for name in pattern.ANCESTOR_EXCLUDES):
            return text
        regex = pattern.getCompiledRegExp()
        pieces, done, position, shift = [], 0, 0, 0  # "".join(pieces) replaces text[:done]
        while True:
            if isinstance(pattern, LinearDelimiterProcessor):
                # It is told where a placeholder would end instead (no rebuilt text).
                pattern.placeholder_end = done if position == done > 0 else None
            elif position == done > 0 and self.reads_placeholder_end(pattern, text, done):
                text, position = "".join(pieces) + text[done:], position + shift
                pieces, done, shift = [], 0, 0
            for match in regex.finditer(text, position):
                self.shift = shift
                node, start, end = pattern.handleMatch(match, text)
                if start is not None and end is not None:
                    break
            else:
                break
            # Python-Markdown slices with them: an end past the text, or from its end, is valid.
            start, end, _ = slice(start, end).indices(len(text))
            position = end
            if node is not None:
                self.read_inside(node, index)
                placeholder = self._InlineProcessor__stashNode(node, pattern.type())
                pieces += [text[done:start], placeholder]
                shift += len(placeholder) - (end - start)
                done = end
        return "".join(pieces) + text[done:] if pieces else text

    @staticmethod
    def reads_placeholder_end(pattern, text, position):
        """Whether the pattern, read from ``position`` just after a match, could tell the
        matched text's last character from the placeholder's last that replaced it."""
        if LIKE_PLACEHOLDER_END.match(text[position - 1]):
            return False
        return bool(LOOKS_BEHIND.search(pattern.getCompiledRegExp().pattern))

    def read_inside(self, node, index):
        # Python-Markdown's: an element's text is read by the later patterns, tails by this one.
        if isinstance(node, str) or isinstance(node.text, util.AtomicString):
            return
        for child in [node, *node]:
            if child.text:
                self.ancestors.append(child.tag.lower())
                child.text = self.read_text(child.text, index + 1)
                self.ancestors.pop()
            if child.tail:
                child.tail = self.read_text(child.tail, index)

    def build_elements(self, data, parent, is_text=True):
        """The stashed elements ``data``'s placeholders stand for, each with the ancestors it
        is read under, and the text around them on ``parent`` and on them (Python-Markdown's
        ``__processPlaceholders``, joining each run of text once)."""
        found, run, position = [], [], 0
        prefix = util.INLINE_PLACEHOLDER_PREFIX

        def end_run():
            # The run goes on the last element's tail, or else on parent, as one string.
            texts = [text for text in run if text]
            run.clear()
            if texts:
                owner = found[-1][0] if found else parent
                name = "text" if is_text and not found else "tail"
                text = texts[0] if len(texts) == 1 else "".join(texts)
                before = getattr(owner, name)
                setattr(owner, name, before + text if before else text)

        while position < len(data):
            index = data.find(prefix, position)
            if index == -1:
                text = data[position:]
                run.append(util.AtomicString(text) if isinstance(data, util.AtomicString) else text)
                break
            id, placeholder_end = self._InlineProcessor__findPlaceholder(data, index)
            if id not in self.stashed_nodes:  # text that only looks like a placeholder
                run.append(data[position : index + len(prefix)])
                position = index + len(prefix)
                continue
            node = self.stashed_nodes[id]
            run.append(data[position:index])
            position = placeholder_end
            if isinstance(node, str):
                run.append(node)
                continue
            end_run()
            self.fill_element(node)
            found.append((node, self.ancestors[:]))
        end_run()
        return found

    def fill_element(self, node):
        # Python-Markdown's: placeholders in the texts and tails of a stashed element and of
        # its children become elements, a text's first in its element, a child's tail's
        # after the child, and the element's own tail's first in it.
        added = 0  # elements put in before the child at ``place``
        for place, child in enumerate([node, *node]):
            if child.tail and child.tail.strip():
                at = 0 if child is node else place + added
                added += self.put_elements(node, at, child, "tail")
            if child.text and child.text.strip():
                count = self.put_elements(child, 0, child, "text")
                added += count if child is node else 0

    def put_elements(self, parent, at, owner, name):
        """Put the elements of ``owner``'s text or tail into ``parent`` at ``at``; how many."""
        text = getattr(owner, name)
        setattr(owner, name, None)
        found = [node for node, _ in self.build_elements(text, owner, is_text=name == "text")]
        parent[at:at] = found
        return len(found)


class ShiftedMatch:
    """A match in a short window of a text, read as a match in the text itself."""

    def __init__(self, match, shift):
        self.match, self.shift, self.lastgroup = match, shift, match.lastgroup

    def start(self, group=0):
        return self.match.start(group) + self.shift

    def end(self, group=0):
        return self.match.end(group) + self.shift

    def group(self, group=0):
        return self.match.group(group)


class LinearDelimiterProcessor(DelimiterProcessor):
    """Python-Markdown's emphasis processor, told how far the text it is handed lags behind
    Python-Markdown's own, and where Python-Markdown's text has a placeholder's last
    character before a delimiter run (see :class:`LinearInlineProcessor`)."""

    read_shift = 0  # the inline processor's shift when the cache was read
    placeholder_end = None  # a position just after a match, in the text handed

    def boundary(self, delimiter, data, start):
        """``delimiter.boundary.match(data, start)``, reading the character before
        ``start`` as Python-Markdown's text has it. Just after a match, that is a
        placeholder's last: the run (and the character after it, for the lookaheads) is
        matched in a window beginning with one."""
        if start != self.placeholder_end:
            return delimiter.boundary.match(data, start)
        run_end = start
        while run_end < len(data) and data[run_end] == delimiter.token:
            run_end += 1
        window = util.ETX + data[start : run_end + 1]
        match = delimiter.boundary.match(window, 1)
        return match and ShiftedMatch(match, start - 1)

    def get_match(self, data, start):
        # Python-Markdown's, through boundary().
        for delimiter in self.delimiters.values():
            match = self.boundary(delimiter, data, start)
            if match is not None:
                return match
        return None

    def search(self, data, start):
        # Python-Markdown's, through boundary().
        for index in range(start, len(data)):
            if data[index] in self.delimiters:
                delimiter = self.delimiters[data[index]]
                match = self.boundary(delimiter, data, index)
                if match is not None:
                    if not delimiter.stack and match.lastgroup[0] == "e":
                        continue
                    return match
        return None

    def handleMatch(self, m, data):
        if not self.regions:  # reading anew: the cache's positions are the text's from now on
            self.read_shift = self.md.treeprocessors["inline"].shift
        return super().handleMatch(m, data)

    def get_cached_result(self, pos, data):
        # Python-Markdown's, comparing pos and cache_pos as its own texts would have them.
        moved = self.md.treeprocessors["inline"].shift - self.read_shift
        regions = self.regions
        if pos + moved != self.cache_pos:
            offset = pos - self.cache_pos
        else:
            offset = pos - regions[self.cache_index][0]
        start, end = regions[self.cache_index][0], regions[self.cache_index][3]
        el, count = self._build_element(data, self.cache_index, offset)
        self.increment_next_position(start, count)
        return el, start + offset, end + offset


class LinearInlineExtension(Extension):
    def extendMarkdown(self, md):
        # Python-Markdown's own names, priorities and settings (markdown.treeprocessors and
        # markdown.inlinepatterns).
        md.treeprocessors.register(LinearInlineProcessor(md), "inline", 20)
        md.inlinePatterns.register(LinearDelimiterProcessor("*", "strong,em", md), "em_strong", 60)
        md.delimiters.add("_", "strong,em", smart=True)
