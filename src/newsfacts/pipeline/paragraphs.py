"""A sentence never runs across a paragraph break.

spaCy's parser sometimes starts a sentence at the closing quotation mark of the
previous paragraph (`...courtroom."` + blank line + `Carroll, 80, ...`), which
puts that mark into the next paragraph's sentence. This component, placed before
the parser, marks the first token after a blank line as a sentence start (a single line
break may be a hard wrap inside a sentence) and
keeps a closing mark and the break itself with the sentence before.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "newsfacts_paragraphs"


@Language.component(NAME)
def mark_paragraphs(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not (previous.is_space and previous.text.count("\n") >= 2):
            continue
        token.is_sent_start = True
        previous.is_sent_start = False
        previous = doc[previous.i - 1] if previous.i > 0 else previous
        if previous.is_quote and previous.i > 0:
            previous.is_sent_start = False
    return doc


def add_paragraph_breaks(nlp: Language) -> Language:
    """Put the component before the parser (once); pipelines without a parser are left as they are."""
    if "parser" in nlp.pipe_names and NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    return nlp
