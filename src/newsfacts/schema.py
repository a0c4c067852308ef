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
class Facts:
    article: dict[str, Any]
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    main_event: dict[str, Any] | None = None
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        data = plain(self)
        return {"schema": data.pop("schema"), **data}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def plain(value: Any) -> Any:
    """Records as JSON-ready dicts and lists: dataclasses.asdict without its deep
    copies, which cost more than a SQLite write of the whole article."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value
