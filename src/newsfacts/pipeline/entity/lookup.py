"""EntityLookup: which entity a character span refers to."""
from __future__ import annotations

from bisect import bisect_left

from ...schema import Entity


class EntityLookup:
    """Find the entity whose mention best covers a character span.

    The mention overlapping the span most wins; on a tie the shorter mention wins,
    so "Carroll" inside "a lawyer for E. Jean Carroll" finds Carroll, while the
    whole phrase finds the lawyer.
    """

    def __init__(self, entities: list[Entity]):
        self._mentions = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self._starts = [m[0] for m in self._mentions]
        self._longest = max((end - start for start, end, _ in self._mentions), default=0)

    def at(self, start: int, end: int) -> str | None:
        """The id of the entity mentioned at [start, end), or None."""
        best = None
        first = bisect_left(self._starts, start - self._longest)
        for m_start, m_end, entity_id in self._mentions[first:]:
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap <= 0 and not (start == end and m_start <= start < m_end):
                continue
            score = (overlap, -(m_end - m_start))
            if best is None or score > best[0]:
                best = (score, entity_id)
        return best[1] if best else None
