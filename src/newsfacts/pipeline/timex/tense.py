"""Which way a relative expression points: the tense of the verb that governs it."""
from __future__ import annotations

from spacy.tokens import Token

from ..extensions import children

PAST, PRESENT, FUTURE = -1, 0, 1
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# Verbs whose infinitive complement is about a time after the verb's own.
FUTURE_CUES = {"plan", "expect", "schedule", "intend", "hope", "want", "aim", "set",
               "due", "propose", "prepare", "seek", "vow", "promise", "threaten", "likely",
               "go", "scheduled", "poised", "slate", "need"}
# Verbs whose infinitive names an act decided on, done before or after the DCT.
COMMITMENTS = {"agree", "decide", "pledge", "vote", "offer", "commit", "undertake"}
# Past-tense verbs whose dated object is still to come: the nearest date, not the last one.
SCHEDULING_VERBS = {"plan", "schedule", "slate", "reschedule"}


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above token in the parse (token itself when it is one)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head == current:
            return None
        current = current.head
    return None


def verb_tense(verb: Token) -> int:
    auxes = [c for c in children(verb) if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX:
        return FUTURE
    if any(a.tag_ == "VBD" for a in auxes) or (verb.tag_ == "VBD" and not auxes):
        return PAST
    if any(a.lemma_ == "have" and a.tag_ in ("VBP", "VBZ") for a in auxes):
        return PAST  # present perfect: "have been searching since"
    if verb.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
        return PAST
    if verb.tag_ == "VBD":
        return PAST
    if "to" in lowers and verb.tag_ == "VB":
        return infinitive_tense(verb)
    if verb.lower_ in FUTURE_AUX:
        return FUTURE
    return PRESENT


def infinitive_tense(verb: Token) -> int:
    head = verb.head
    if head == verb:
        return FUTURE
    if head.lemma_ in FUTURE_CUES or head.lower_ in FUTURE_CUES:
        # 'had been scheduled to expire Friday': ahead of the plan, not of the DCT
        planner = head.head if head.pos_ == "ADJ" else head  # 'had been due to expire'
        return PRESENT if _is_past_perfect(planner) else FUTURE
    if head.lemma_ in COMMITMENTS:
        return PRESENT  # 'agreed to buy it in February': after the agreement, maybe the DCT
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        outer = verb_tense(head) if head.pos_ != "ADJ" else PRESENT
        return PAST if outer == PAST else FUTURE
    return PRESENT


def _is_past_perfect(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(
        c.lower_ == "had" for c in children(verb) if c.dep_ in ("aux", "auxpass"))


def has_future_aux(token: Token) -> bool:
    """Whether the verb governing token carries will/shall."""
    verb = governing_verb(token)
    return verb is not None and any(c.lower_ in FUTURE_AUX for c in children(verb)
                                    if c.dep_ in ("aux", "auxpass"))


def direction_of(token: Token) -> int:
    """PAST (-1), PRESENT (0) or FUTURE (+1) for a time expression headed by token."""
    verb = governing_verb(token)
    if verb is None:
        return PRESENT
    tense = verb_tense(verb)
    if tense == PAST and verb.lemma_ in SCHEDULING_VERBS:
        return PRESENT  # 'planned a rally on Saturday': the date follows the planning
    return tense
