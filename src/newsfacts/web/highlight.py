"""Article text as HTML with every fact marked, built from character offsets.

Facts nest (a time inside a quote) and sometimes cross (a quote that ends inside a
name). Marks must nest in HTML, so a span that crosses the end of the mark it
starts in is cut there and continues as a second piece; only the first piece
carries the fact's anchor and a tab stop. All text is escaped here: the result is
the one piece of markup the templates take as safe.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One fact's words: kind picks the colour, tip is the normalised value shown on
    hover and focus, tip_id names the element that holds it (aria-describedby)."""
    start: int
    end: int
    kind: str
    fact: str
    tip: str
    tip_id: str
    anchor: str | None = None


@dataclass
class Node:
    start: int
    end: int
    span: Span | None
    first_piece: bool = True
    children: list["Node"] = field(default_factory=list)


def nest(spans: list[Span], length: int) -> Node:
    """The spans as a tree of properly nested pieces over [0, length)."""
    root = Node(0, length, None)
    order = 0
    queue: list[tuple[int, int, int, Span, bool]] = []
    for span in spans:
        if 0 <= span.start < span.end <= length:
            heapq.heappush(queue, (span.start, -span.end, order, span, True))
            order += 1
    stack = [root]
    while queue:
        start, neg_end, _, span, first = heapq.heappop(queue)
        end = -neg_end
        while stack[-1].end <= start:
            stack.pop()
        parent = stack[-1]
        if end > parent.end:  # crosses the end of the mark it starts in: cut it there
            heapq.heappush(queue, (parent.end, -end, order, span, False))
            order += 1
            end = parent.end
        node = Node(start, end, span, first)
        parent.children.append(node)
        stack.append(node)
    return root


def render(text: str, spans: list[Span]) -> Markup:
    """HTML of text with a <mark> per fact piece (escaped; safe to insert as is)."""
    parts: list[str] = []
    _emit(nest(spans, len(text)), text, parts)
    return Markup("".join(parts))


def _emit(node: Node, text: str, parts: list[str]) -> None:
    position = node.start
    if node.span is not None:
        parts.append(_open(node.span, node.first_piece))
    for child in node.children:
        parts.append(str(escape(text[position:child.start])))
        _emit(child, text, parts)
        position = child.end
    parts.append(str(escape(text[position:node.end])))
    if node.span is not None:
        parts.append("</mark>")


def _open(span: Span, first_piece: bool) -> str:
    attributes = {"class": f"nf nf-{span.kind}" + ("" if first_piece else " nf-cont"),
                  "data-fact": span.fact, "data-tip": span.tip,
                  "aria-describedby": span.tip_id}
    if first_piece:
        attributes["tabindex"] = "0"
        if span.anchor:
            attributes["id"] = span.anchor
    shown = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    return f"<mark {shown}>"
