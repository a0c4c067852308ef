"""Attributions from the dependency parse: a cue word from the learned lexicon,
its source (the subject, or the subject it inherits) and its content (the
children the lexicon says carry the content)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .cue_span import extend_cue
from .cuemodel import load_cue_model
from .lexicon import CueLexicon, cue_key, priors_of

Span = tuple[int, int]
INHERIT_SUBJECT = {"xcomp", "advcl", "conj", "ccomp", "acl", "pcomp"}
ADJUNCT_DEPS = {"prep", "advcl", "advmod", "npadvmod", "pcomp"}
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
NOMINAL_POS = {"NOUN", "PROPN", "PRON"}
CONJUNCTION_PREPS = {"as", "after", "before", "since", "until", "till"}
CONTENT_MARKS = {"that", "whether", "if"}  # a clause these open may be what was said
EDGE_PUNCT = set(",;:.—–-()[]…") | {"--"}
MIN_DEP_PROB = 0.5
FALLBACK_DEP_PROB = 0.35
MIN_SOURCE_SHARE = 0.3  # a cue's subject is its source in at least this share of train
MIN_PRIOR = 0.02      # a word's P(cue) below which the cue model is not asked
MAX_THAT_DISTANCE = 8  # tokens from a cue verb to a "that" it governs
# a phrase these open, hung on the cue right after its content, is content in
# train more often than not: for 18:1, as 11:1, to 10:1, in 16:8, by 7:4, with 3:0
TAIL_PREPS = {"for", "as", "to", "in", "with", "by"}


@dataclass
class Attribution:
    """One cue with its source and content, as character spans into the text."""
    cue: Span
    content: list[Span]
    source: Span | None = None
    source_token: Token | None = None
    cue_token: Token | None = None
    score: float = 0.0
    needs_quote: bool = False   # keep only when its content is or holds a quotation


def token_span(tokens) -> Span:
    tokens = [t for t in tokens if not t.is_space]
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def speaker_tokens(head: Token, bounds: Span) -> list[Token]:
    """The speaker's phrase, without a participle clause after a comma ("the
    mayor, speaking at the rally,"): PolNeAR leaves 80% of those out."""
    dropped = {t.i for d in head.subtree if d.dep_ == "acl" and d.i > head.i
               and d.left_edge.i > 0 and d.doc[d.left_edge.i - 1].text == ","
               for t in d.subtree}
    tokens = [t for t in head.subtree if t.i not in dropped and bounds[0] <= t.idx < bounds[1]]
    return _contiguous_prefix(tokens) if dropped else tokens


def _contiguous_prefix(tokens: list[Token]) -> list[Token]:
    for k in range(1, len(tokens)):
        if tokens[k].i != tokens[k - 1].i + 1:
            return tokens[:k]
    return tokens


def source_span(tokens: list[Token], text: str) -> Span:
    """The speaker's words, with a closing parenthesis ("Rep. Jane Doe (D-Md.)");
    a quotation mark at an edge is not the speaker's."""
    while len(tokens) > 1 and (tokens[0].is_quote or tokens[0].is_space):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].is_quote or tokens[-1].is_space):
        tokens = tokens[:-1]
    start, end = token_span(tokens)
    inside = text[start:end]
    if inside.count("(") > inside.count(")") and text[end:end + 1] == ")":
        end += 1
    return start, end


def trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and conjunctions at the edges (quotation marks stay:
    the quote finder decides about them)."""
    while tokens and (tokens[0].text in EDGE_PUNCT or tokens[0].dep_ == "cc" or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in EDGE_PUNCT or tokens[-1].dep_ == "cc" or tokens[-1].is_space) \
            and not _closes_bracket(tokens):
        tokens = tokens[:-1]
    return tokens


def _closes_bracket(tokens: list[Token]) -> bool:
    """The last token closes a parenthesis opened inside ("the Trans-Pacific Partnership (TPP)")."""
    return tokens[-1].text == ")" and sum(t.text == "(" for t in tokens) > sum(t.text == ")" for t in tokens[:-1])


def find_attributions(doc: Doc, lexicon: CueLexicon, text: str | None = None,
                      scores: dict[int, float] | None = None) -> list[Attribution]:
    """text: doc.text, when the caller has it (Doc.text joins every token anew).
    scores: filled with the cue model's probability per verb it scored (the
    tagger reads them)."""
    found = []
    scores = {} if scores is None else scores
    text = doc.text if text is None else text
    model = load_cue_model()
    floor = lexicon.threshold if model is None else min(MIN_PRIOR, lexicon.threshold)  # no cue below
    for i, (key, prior) in priors_of(doc, lexicon).items():
        if prior < floor:
            continue
        token = doc[i]
        needs_quote = False
        if model is not None and (token.pos_ in ("VERB", "AUX") or key == "according to"):
            if prior < MIN_PRIOR:
                continue  # never (or almost never) a cue in PolNeAR train: skip the model
            score = model.prob(token, key, lexicon)
            scores[token.i] = score
            if score < model.threshold:
                if prior < lexicon.threshold:
                    continue
                needs_quote = True  # a likely cue word the model doubts: keep it for quotes
        elif prior < lexicon.threshold:
            continue
        if key == "according to":
            attribution = _according_to(token)
        elif token.pos_ in ("VERB", "AUX"):
            attribution = _verb_cue(token, key, lexicon, text)
        else:
            attribution = None
        if attribution is not None:
            attribution.score = prior if model is None else score
            attribution.needs_quote = needs_quote
            found.append(attribution)
    return found


def _verb_cue(verb: Token, key: str, lexicon: CueLexicon, text: str) -> Attribution | None:
    content_children = [c for c in verb.children if not c.is_punct
                        and lexicon.dep_prob("content_deps", key, c.dep_) > MIN_DEP_PROB]
    bounds = paragraph_of(verb, text)
    content_children = [c for c in content_children if not _fronted_adjunct(c, verb)]
    content_children = one_side(verb, key, lexicon, content_children)
    if content_children:
        tokens = trim(sorted((t for c in content_children for t in c.subtree
                              if bounds[0] <= t.idx < bounds[1]), key=lambda t: t.i))
    elif verb.dep_ == "parataxis":
        return _parenthetical_cue(verb, key, lexicon, text, bounds)
    else:
        tokens = that_clause(verb) or _weaker_content(verb, key, lexicon, bounds)
    tokens = cut_conjoined_cue(tokens, verb, lexicon)
    tokens = with_cue_tail(tokens, verb, bounds)
    tokens = without_closing_relative(tokens)
    cue_words = cue_tokens(verb, key, lexicon)
    if tokens and tokens[0].dep_ == "prep" and tokens[0].head == verb and \
            tokens[0].i == cue_words[-1].i + 1:
        cue_words.append(tokens[0])  # PolNeAR: "called for | X", "pointed to | X"
        tokens = trim(tokens[1:])
    if not tokens:
        return None
    cue_words, tokens = extend_cue(verb, cue_words, tokens)
    content = token_span(tokens)
    source_token = find_source(verb, key, lexicon)
    source = None
    if source_token is not None:
        source_tokens = trim(speaker_tokens(source_token, bounds))
        if source_tokens and source_tokens[0].dep_ == "prep" and source_tokens[0].head == verb:
            source_tokens = source_tokens[1:]  # "by X" -> X
        source = source_span(source_tokens, text) if source_tokens else None
    cue = with_colon(text, token_span(cue_words))
    return Attribution(cue=cue, content=[content], source=source, source_token=source_token,
                       cue_token=verb)


def cut_conjoined_cue(tokens: list[Token], verb: Token, lexicon: CueLexicon) -> list[Token]:
    """*said he respects Clinton and called her ...*: a cue word conjoined
    inside the content with no subject of its own is the speaker's next
    statement (the parser hung it on the content's verb); the content ends
    before it."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.dep_ == "conj" and token.head.i in inside and token.i > token.head.i and \
                token.pos_ == "VERB" and token.tag_ == verb.tag_ and \
                not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children) and \
                lexicon.is_cue(cue_key(token)):
            return trim([t for t in tokens if t.i < token.i])
    return tokens


def with_cue_tail(tokens: list[Token], verb: Token, bounds: Span) -> list[Token]:
    """*urged the former secretary | to release the transcripts*, *praised
    his call | for a higher wage*: an infinitive clause or a phrase opened by
    one of TAIL_PREPS that the parser hung on the cue right after the content
    (no punctuation between, no date in it) is the rest of what was said."""
    while tokens and tokens[0].i > verb.i and tokens[-1].i + 1 < len(verb.doc):
        phrase = _phrase_at(verb.doc[tokens[-1].i + 1], verb)
        if phrase is None or not _content_tail(phrase):
            return tokens
        added = [t for t in phrase.subtree if bounds[0] <= t.idx < bounds[1]]
        if len(added) != phrase.right_edge.i - phrase.left_edge.i + 1:
            return tokens
        tokens = trim(tokens + added)
    return tokens


def without_closing_relative(tokens: list[Token]) -> list[Token]:
    """*denied knowing Mr. Smith, who was hired in 2012*: a clause opened by
    a comma and *which* or *who* at the end of the content is the writer's
    aside (train: 64 such contents end before it, 41 run on)."""
    for k in range(1, len(tokens) - 1):
        opener = tokens[k + 1]
        if tokens[k].text == "," and opener.tag_ in ("WDT", "WP", "WP$") and \
                opener.head.dep_ == "relcl" and opener.head.head.i == tokens[k - 1].i and \
                opener.head.right_edge.i >= tokens[-1].i:
            return trim(tokens[:k])
    return tokens


def _phrase_at(first: Token, verb: Token) -> Token | None:
    """The cue's dependent whose phrase begins at first."""
    phrase = first
    while phrase.head != verb:
        if phrase.head == phrase or phrase.head.left_edge.i < first.i:
            return None
        phrase = phrase.head
    return phrase if phrase.left_edge == first else None


def _content_tail(phrase: Token) -> bool:
    """An infinitive (train: 19 contents run over one, none stop before) or a
    TAIL_PREPS phrase, with no date or quotation mark in it (a date there is
    the cue's: *criticized X in 2015*, 12 against 5)."""
    if any(t.ent_type_ in ("DATE", "TIME") or t.is_quote for t in phrase.subtree):
        return False
    if phrase.dep_ == "advcl":
        return phrase.left_edge.tag_ == "TO"
    return phrase.dep_ == "prep" and phrase.lower_ in TAIL_PREPS


def _parenthetical_cue(verb: Token, key: str, lexicon: CueLexicon, text: str,
                       bounds: Span) -> Attribution | None:
    """"The museum, Mr. Obama said, would make ...": the content is the clause
    around the cue, in two pieces (PolNeAR leaves the cue and its subject out)."""
    if _beside_quote(verb):
        return None  # '"That," he added, "is ...': a split direct quote, linked later
    own = {t.i for t in verb.subtree}
    sent = verb.sent
    clause = [t for t in verb.head.subtree if t.i not in own and sent.start <= t.i < sent.end
              and bounds[0] <= t.idx < bounds[1]]
    pieces = [trim(run) for run in _runs(clause)]
    pieces = [p for p in pieces if p and any(not t.is_punct for t in p)]
    source_token = find_source(verb, key, lexicon)
    if not pieces or source_token is None:
        return None
    source_tokens = trim(speaker_tokens(source_token, bounds))
    if not source_tokens:
        return None
    cue = with_colon(text, token_span(cue_tokens(verb, key, lexicon)))
    return Attribution(cue=cue, content=[token_span(p) for p in pieces],
                       source=source_span(source_tokens, text), source_token=source_token,
                       cue_token=verb)


def _beside_quote(verb: Token) -> bool:
    """A quotation mark just before or after the cue's phrase (commas aside), or
    hung on the cue itself."""
    doc = verb.doc
    before = [t for t in doc[max(0, verb.left_edge.i - 2):verb.left_edge.i] if not t.is_space]
    after = [t for t in doc[verb.right_edge.i + 1:verb.right_edge.i + 3] if not t.is_space]
    own_marks = [c for c in verb.children if c.dep_ == "punct"]
    return any(t.is_quote for t in before + after + own_marks)


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of consecutive tokens."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def _weaker_content(verb: Token, key: str, lexicon: CueLexicon, bounds: Span) -> list[Token]:
    """No likely content child: the likeliest child after the cue that is content
    at least FALLBACK_DEP_PROB of the time ("have said little about ..."), for
    words that are mostly cues (not "voted for", "sent")."""
    if not lexicon.is_cue(key):
        return []
    children = [c for c in verb.children if c.i > verb.i and not c.is_punct
                and lexicon.dep_prob("content_deps", key, c.dep_) >= FALLBACK_DEP_PROB]
    if not children:
        return []
    best = max(children, key=lambda c: lexicon.dep_prob("content_deps", key, c.dep_))
    tokens = trim([t for t in best.subtree if bounds[0] <= t.idx < bounds[1]])
    # a bare pronoun or adverb ("put it", "leaned in heavy") says nothing checkable
    return tokens if any(t.pos_ in ("NOUN", "PROPN", "VERB", "NUM") for t in tokens) else []


def _fronted_adjunct(child: Token, verb: Token) -> bool:
    """"At a rally, Trump likened ...": a phrase before the subject sets the
    scene; it is not what was said. Nor is a clause before the cue that opens
    with a conjunction other than "that" ("While X, he disavows Y"), however
    the parser labels it."""
    if child.i > verb.i:
        return False
    if child.dep_ == "ccomp":
        mark = next((m for m in child.children if m.dep_ == "mark" and m.i < child.i), None)
        return mark is not None and mark.lower_ not in CONTENT_MARKS
    return child.dep_ in ADJUNCT_DEPS and any(
        c.dep_ in ("nsubj", "nsubjpass") and child.i < c.i < verb.i for c in verb.children)


def one_side(verb: Token, key: str, lexicon: CueLexicon, children: list[Token]) -> list[Token]:
    """Content lies on one side of its cue: the side whose likeliest dependent,
    weighed by how often this word's content lies on that side, wins ("While
    X, he disavows Y": Y; "X, he said": X). With a quotation mark on either
    side, the likeliest dependent alone decides (the quote is what was said:
    '"You've called women ...," Kelly charged in her assault')."""
    left = [c for c in children if c.i < verb.i]
    right = [c for c in children if c.i > verb.i]
    if not left or not right:
        return children
    def likeliest(side: list[Token]) -> float:
        return max(lexicon.dep_prob("content_deps", key, c.dep_) for c in side)
    if any(_quote_marked(c) for c in children):
        return left if likeliest(left) >= likeliest(right) else right
    share = lexicon.left_share(key)
    return left if likeliest(left) * share > likeliest(right) * (1 - share) else right


def _quote_marked(child: Token) -> bool:
    """A quotation mark inside the child's phrase or just around it (commas aside)."""
    doc = child.doc
    start, end = child.left_edge.i, child.right_edge.i + 1
    around = [t for t in doc[max(0, start - 1):min(len(doc), end + 2)] if not t.is_space]
    return any(t.is_quote for t in around)


def with_colon(text: str, cue: Span) -> Span:
    """PolNeAR includes a colon right after the cue ("said:")."""
    return (cue[0], cue[1] + 1) if text[cue[1]:cue[1] + 1] == ":" else cue


def paragraph_of(token: Token, text: str) -> Span:
    """The paragraph around a token: the parser sometimes joins paragraphs."""
    return text.rfind("\n", 0, token.idx) + 1, (text.find("\n", token.idx) + 1 or len(text) + 1) - 1


def cue_tokens(verb: Token, key: str, lexicon: CueLexicon) -> list[Token]:
    """The cue word with its adjacent auxiliaries, negation and particles."""
    members = {verb.i}
    joined = [c for c in verb.children if c.n_lefts + c.n_rights == 0 and not c.is_punct
              and lexicon.in_cue_prob(key, c) >= MIN_DEP_PROB]
    for child in sorted(joined, key=lambda t: abs(t.i - verb.i)):
        if child.i - 1 in members or child.i + 1 in members:
            members.add(child.i)
    return [verb.doc[i] for i in sorted(members)]


def that_clause(verb: Token) -> list[Token]:
    """When the parse hangs the clause elsewhere: "noted for the record that ..."."""
    sent = verb.sent
    for token in verb.doc[verb.i + 1:min(sent.end, verb.i + MAX_THAT_DISTANCE)]:
        if token.lower_ == "that" and token.dep_ == "mark" and token.head.i > token.i:
            clause = [t for t in token.head.subtree if t.i >= token.i]
            return trim(clause)
        if token.pos_ in ("VERB", "AUX") or token.is_punct and token.text not in ("\"", "“"):
            break
    return []


def find_source(verb: Token, key: str, lexicon: CueLexicon, depth: int = 0) -> Token | None:
    subject_deps = ("nsubj", "csubj", "nsubjpass") if depth else ("nsubj", "csubj")
    subjects = [c for c in verb.children if c.dep_ in subject_deps]
    if depth and verb.lemma_ == "be" and all(c.lower_ in ("it", "there") for c in subjects):
        subjects = []  # "said it was X ..., saying": the speaker is further up
    if subjects:
        # two subjects (a misparse): the nearer one outside quotation marks
        subject = min(subjects, key=lambda c: (_quoted_phrase(c), abs(c.i - verb.i)))
        if not depth and subject.dep_ == "nsubj" and \
                lexicon.dep_prob("source_deps", key, subject.dep_) < MIN_SOURCE_SHARE:
            return None  # "X seems to ...": train rarely makes this cue's subject the source
        return subject
    if depth == 0 and _passive_participle(verb) and \
            lexicon.dep_prob("source_deps", key, "nsubjpass") < MIN_SOURCE_SHARE:
        return None  # "Asked about X, she said": the one asked is not the asker
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if verb.dep_ in ("advcl", "conj") and verb.tag_ in FINITE_TAGS:
        subject = missed_subject(verb)
        if subject is not None:
            return subject
    if verb.dep_ in INHERIT_SUBJECT and verb.head != verb and depth < 3:
        head = verb.head
        if _in_reported_clause(verb, lexicon):
            head = _first_conjunct(head).head  # "X said Y had ..., adding": hung inside X's words
        return find_source(head, cue_key(head), lexicon, depth + 1)
    return None


def _in_reported_clause(verb: Token, lexicon: CueLexicon) -> bool:
    """A present participle or a subjectless conjoined verb hung on the clause a
    cue word governs ("X said he Y-ed and questioned ...", "..., adding"): its
    subject is the cue's, not the clause's."""
    participle = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj")
    conjoined = verb.tag_ in FINITE_TAGS and verb.dep_ == "conj"
    clause = _first_conjunct(verb.head)
    return (participle or conjoined) and clause.dep_ == "ccomp" and clause.head != clause \
        and lexicon.is_cue(cue_key(clause.head))


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _passive_participle(verb: Token) -> bool:
    """A participle with no auxiliary of its own hung on another verb ("Asked
    about X, he ...", "a man, asked ..."): the subject it would inherit is its object."""
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and \
        not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def missed_subject(verb: Token) -> Token | None:
    """The subject of a finite clause hung from the main verb (as advcl or conj)
    that the parse took for the object of a preposition ("as [a lawyer for X] offered": "as", "after",
    "before", "since" and "until" are conjunctions too)."""
    if verb.i == 0:
        return None
    token, noun = verb.doc[verb.i - 1], None
    while token.head != token and token.right_edge.i == verb.i - 1:
        if token.pos_ in NOMINAL_POS:
            noun = token
        if token.pos_ == "ADP" and token.lower_ in CONJUNCTION_PREPS:
            return noun if token.head == verb.head else None
        token = token.head
    return None


def _quoted_phrase(token: Token) -> bool:
    """The phrase opens right after an opening quotation mark."""
    first = token.left_edge.i
    if first == 0:
        return False
    mark = token.doc[first - 1]
    return mark.text in ("“", "‘", "«", "``") or (
        mark.text == '"' and not mark.whitespace_ and (mark.i == 0 or bool(mark.nbor(-1).whitespace_)))


def _according_to(according: Token) -> Attribution | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(according.doc):
        to = according.nbor()
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    source_tokens = trim(list(pobj.subtree))
    head = _clause_head(according.head)
    if head == according:
        return None
    own = {t.i for t in according.subtree}
    sent = according.sent
    clause = [t for t in head.subtree if t.i not in own and sent.start <= t.i < sent.end]
    clause = trim(_contiguous_around(clause, according))
    if not clause or not source_tokens:
        return None
    return Attribution(cue=token_span([according, according.nbor()]), content=[token_span(clause)],
                       source=token_span(source_tokens), source_token=pobj, cue_token=according)


def _clause_head(head: Token) -> Token:
    """"X stood at 200,000 and has since exploded, according to Y": Y's word
    covers the whole clause, not the last conjunct or a noun it was hung on."""
    while head.dep_ == "conj" and head.head is not head and head.head.pos_ in ("VERB", "AUX"):
        head = head.head
    return head


def _contiguous_around(tokens: list[Token], cue: Token) -> list[Token]:
    """The longest run of consecutive tokens (the clause on one side of the cue)."""
    runs, run = [], []
    for token in tokens:
        if run and token.i != run[-1].i + 1:
            runs.append(run)
            run = []
        run.append(token)
    if run:
        runs.append(run)
    return max(runs, key=len) if runs else []
