"""Quotation marks: pair them into quoted spans, across paragraphs when a
quote runs on (an opening mark at a paragraph end with no closing one, and the
next paragraph opening again)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Each mark: (regex, role) where role is "open", "close" or "either".
DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
_MARK = re.compile(r"``|''(?!')|[\"“”„‟«»‘’‹›']")
MAX_QUOTE_CHARS = 200_000  # longer "quotes" are unbalanced marks


@dataclass
class Quoted:
    """One quoted passage: parts are (start, end) of the words inside the marks;
    outer is (start, end) of the marks themselves, per part."""
    parts: list[tuple[int, int]] = field(default_factory=list)
    outer: list[tuple[int, int]] = field(default_factory=list)
    double: bool = True

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def outer_start(self) -> int:
        return self.outer[0][0]

    @property
    def outer_end(self) -> int:
        return self.outer[-1][1]


def _role(text: str, start: int, end: int, mark: str) -> str | None:
    """open, close, either or None (an apostrophe, not a quotation mark)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    open_ok = before.isspace() or before in "([{—–-/" or before in DOUBLE_OPEN + SINGLE_OPEN
    close_ok = (not before.isspace()) and (after.isspace() or not after.isalnum())
    if mark in ("``",) or mark in DOUBLE_OPEN or mark in SINGLE_OPEN:
        # a typo'd closing mark: “Mostly False.“ (14 times in PolNeAR train)
        return "close" if mark == "“" and _word_end(before) and after.isspace() else "open"
    if mark in DOUBLE_CLOSE:
        return "open" if mark == "”" and before.isspace() and after.isalnum() else "close"
    if mark in SINGLE_CLOSE or mark == "'":
        if before.isalnum() and after.isalnum():
            return None  # don't, O'Brien
        if mark == "'" and open_ok and not after.isspace():
            return "open"
        return "close" if close_ok else None
    # straight double quote
    if open_ok and not after.isspace():
        return "open"
    if close_ok:
        return "close"
    return "either"


def _word_end(char: str) -> bool:
    return char.isalnum() or char in ".,!?;'’)"


def _is_double(mark: str) -> bool:
    return mark in ('"', "``", "''") or mark in DOUBLE_OPEN + DOUBLE_CLOSE


def _family(mark: str) -> str:
    """Straight marks pair with straight ones, typographic with typographic,
    so that "He said “this” to me" nests instead of crossing."""
    return "straight" if mark[:1] in ('"', "`", "'") else "typographic"


def _pair_paragraph(text: str, start: int, end: int, double: bool):
    """Pairs (open_start, open_end, close_start, close_end) in text[start:end],
    outermost only, and the position of a trailing unclosed opening mark (or None)."""
    pairs, stack = [], []  # stack: (start, end, family)
    for m in _MARK.finditer(text, start, end):
        mark = m.group()
        if _is_double(mark) != double:
            continue
        role = _role(text, m.start(), m.end(), mark)
        if role is None:
            continue
        family = _family(mark)
        same = [k for k, entry in enumerate(stack) if entry[2] == family]
        if role == "close" or role == "either" and same:
            if not stack:
                continue
            k = same[-1] if same else len(stack) - 1
            opener = stack[k]
            del stack[k:]
            pairs.append((opener[0], opener[1], m.start(), m.end()))
        else:
            stack.append((m.start(), m.end(), family))  # nests: “As he calls “hell” ...”
    pending = (stack[0][0], stack[0][1]) if stack else None
    return _outermost(pairs), pending


def _outermost(pairs):
    pairs = sorted(pairs)
    kept = []
    for pair in pairs:
        if kept and pair[3] <= kept[-1][3]:
            continue  # nested inside the previous pair
        kept.append(pair)
    return kept


def _paragraphs(text: str):
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


def _starts_with_open(text: str, start: int, end: int) -> tuple[int, int] | None:
    m = _MARK.match(text, start + len(text[start:end]) - len(text[start:end].lstrip()))
    if m and _is_double(m.group()) and _role(text, m.start(), m.end(), m.group()) in ("open", "either"):
        return m.start(), m.end()
    return None


def find_quoted(text: str) -> list[Quoted]:
    """Every double-quoted passage, then single-quoted ones outside them."""
    quoted = _find(text, double=True)
    inside = [(q.outer_start, q.outer_end) for q in quoted]
    for q in _find(text, double=False):
        if not any(s <= q.outer_start and q.outer_end <= e for s, e in inside):
            quoted.append(q)
    return sorted(quoted, key=lambda q: q.start)


def _find(text: str, double: bool) -> list[Quoted]:
    found: list[Quoted] = []
    running: Quoted | None = None  # a quote left open at the end of a paragraph
    for p_start, p_end in _paragraphs(text):
        scan_from = p_start
        if running is not None:
            scan_from = _continue(text, running, p_start, p_end, found)
            if scan_from is None:
                continue  # the quote runs on through this whole paragraph
            running = None
        pairs, pending = _pair_paragraph(text, scan_from, p_end, double)
        for o_start, o_end, c_start, c_end in pairs:
            if c_start - o_end <= MAX_QUOTE_CHARS and text[o_end:c_start].strip():
                found.append(Quoted([(o_end, c_start)], [(o_start, c_end)], double))
        if pending is not None and double and text[pending[1]:p_end].strip():
            running = Quoted([(pending[1], _rstrip(text, pending[1], p_end))],
                             [(pending[0], p_end)], double)
    return [_trim(text, q) for q in found]


def _continue(text: str, running: Quoted, p_start: int, p_end: int,
              found: list[Quoted]) -> int | None:
    """Extend a running quote into the next paragraph when that paragraph
    reopens with a mark of the same family: None while it runs on, else the
    position after which the paragraph is scanned as usual."""
    opener = _starts_with_open(text, p_start, p_end)
    first_mark = text[running.outer_start:running.outer_start + 2]
    if opener is None or _family(text[opener[0]:opener[1]]) != _family(first_mark[:1]):
        return p_start  # it did not continue: the unclosed opener is dropped
    pairs, pending = _pair_paragraph(text, opener[0], p_end, True)
    close = next((p for p in pairs if p[0] == opener[0]), None)
    if close is None:
        running.parts.append((opener[1], _rstrip(text, opener[1], p_end)))
        running.outer.append((opener[0], p_end))
        return None
    running.parts.append((opener[1], close[2]))
    running.outer.append((opener[0], close[3]))
    found.append(running)
    return close[3]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _trim(text: str, q: Quoted) -> Quoted:
    """Strip whitespace just inside the marks (offsets must stay exact)."""
    parts = []
    for s, e in q.parts:
        while s < e and text[s].isspace():
            s += 1
        e = _rstrip(text, s, e)
        parts.append((s, e))
    q.parts = parts
    return q
