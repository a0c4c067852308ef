"""The output contract "newsfacts/1": typed records, one Facts per article.

Offsets are Python string indices into ``Article.text`` (end exclusive) and
every record's ``text`` equals ``article.text[start:end]``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "newsfacts/1"


@dataclass
class TextSpan:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[TextSpan] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=lambda: {
        "age": None, "titles": [], "roles": [], "affiliations": []})


@dataclass
class Speaker:
    """The speaker's mention in the quote's sentence (start/end/text are None
    when the speaker is carried over from an earlier sentence) and its entity."""
    entity: str | None
    start: int | None = None
    end: int | None = None
    text: str | None = None


@dataclass
class Quote:
    id: str
    kind: str  # direct | partial | indirect
    start: int
    end: int
    text: str
    cue: TextSpan | None = None
    speaker: Speaker | None = None
    parts: list[TextSpan] = field(default_factory=list)
    attribution: str = "speech"  # speech | other (intent, belief, evidence: "is seeking", "ordered")


@dataclass
class TimeExpr:
    id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None


@dataclass
class Amount:
    id: str
    start: int
    end: int
    text: str
    value: float | int
    unit: str
    mod: str | None = None


@dataclass
class Event:
    id: str
    start: int
    end: int
    text: str
    agents: list[str] = field(default_factory=list)
    patients: list[str] = field(default_factory=list)
    time: str | None = None
    date: str | None = None
    sentence: TextSpan | None = None


@dataclass
class WSpan:
    """One W of the main event: a span of the article, with the resolved entity
    (who) or the normalised TIMEX3 value (when) where they apply."""
    start: int
    end: int
    text: str
    entity: str | None = None
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.entity is not None:
            data["entity"] = self.entity
        if self.value is not None:
            data["value"] = self.value
        return data


MAIN_EVENT_WS = ("who", "what", "when", "where", "why", "how")


@dataclass
class MainEvent:
    """The article's main event (5W1H); a W the article does not state is None.
    candidates: the ranked alternatives, best first, each {score, who, ..., how}."""
    who: WSpan | None = None
    what: WSpan | None = None
    when: WSpan | None = None
    where: WSpan | None = None
    why: WSpan | None = None
    how: WSpan | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The newsfacts/1 shape: who always carries "entity" and when "value" (maybe null)."""
        data: dict[str, Any] = {w: None if getattr(self, w) is None else getattr(self, w).to_dict()
                                for w in MAIN_EVENT_WS}
        if data["who"] is not None:
            data["who"].setdefault("entity", None)
        if data["when"] is not None:
            data["when"].setdefault("value", None)
        data["candidates"] = self.candidates
        return data


@dataclass
class Facts:
    article: dict[str, Any]
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    main_event: dict[str, Any] | None = None  # MainEvent.to_dict(): JSON-shaped, as read back from stores
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        data = plain(self)
        return {"schema": data.pop("schema"), **data}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """Records as JSON-ready dicts and lists: dataclasses.asdict without its deep
    copies, which cost more than a SQLite write of the whole article."""
    if type(value) in _SCALARS:  # most values: one test instead of three
        return value
    if hasattr(value, "__dataclass_fields__"):
        return {name: plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value
