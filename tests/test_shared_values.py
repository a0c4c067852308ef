"""Values shared by the extractors of one Doc (pipeline/extensions.py)."""
from newsfacts.article import make_article
from newsfacts.facts import build_facts
from newsfacts.pipeline.amounts import extract_amounts
from newsfacts.pipeline.entities import extract_entities
from newsfacts.pipeline.events import extract_events, quoted_tokens
from newsfacts.pipeline.extensions import _SHARED, shared_values, tokens_of
from newsfacts.pipeline.main_event import extract_main_event
from newsfacts.pipeline.quotes import extract_quotes
from newsfacts.pipeline.times import extract_times
from newsfacts.schema import Facts

TEXT = ('Roberta Kaplan said on Friday that "he walked out" of the courtroom. '
        'Trump, who denied the claim last May, was ordered to pay $5 million.\n\n'
        '"It was a disgrace," he told reporters in New York.')


def test_tokens_are_computed_once_inside_and_afresh_outside(nlp):
    doc = nlp(TEXT)
    assert tokens_of(doc) is not tokens_of(doc)
    with shared_values(doc):
        first = tokens_of(doc)
        assert first is tokens_of(doc)
        assert [t.i for t in first] == list(range(len(doc)))
        assert quoted_tokens(doc) is quoted_tokens(doc)
    assert id(doc) not in _SHARED  # nothing kept once the Doc is done


def test_facts_are_the_same_with_and_without_shared_values(nlp):
    article = make_article(TEXT, published="2024-01-26")
    doc = nlp(TEXT)
    entities = extract_entities(doc, article)
    times = extract_times(doc, article)
    events = extract_events(doc, article, entities, times)
    main_event = extract_main_event(doc, article, entities, times, events)
    apart = Facts(article=article.meta(), entities=entities, times=times, events=events,
                  quotes=extract_quotes(doc, article, entities),
                  amounts=extract_amounts(doc, article),
                  main_event=main_event.to_dict() if main_event else None)
    assert not _SHARED  # the extractors called alone keep nothing either
    together = build_facts(doc, article)
    assert together.to_dict() == apart.to_dict()
    assert together.quotes and together.times and together.events
