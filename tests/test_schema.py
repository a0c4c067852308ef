"""The newsfacts/1 JSON Schema ships in the package and real output follows it."""
import json

import pytest
from jsonschema import Draft202012Validator

from newsfacts import NewsfactsError, extract_many
from newsfacts.api import schema_path, validate, validation_errors
from newsfacts.schema import Facts

ARTICLE = ('Mayor Helen Ortiz, 58, said on Tuesday that the council would spend at least '
           '$45 million on the bridge. "We cannot wait any longer," Ortiz told reporters. '
           'Samuel Reed, the finance chair, said the work would take about 18 months.')


@pytest.fixture(scope="module")
def record(extract):
    return extract(ARTICLE, published="2024-05-14", id="bridge").to_dict()


def test_schema_file_ships_and_is_valid():
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"] == {"const": "newsfacts/1"}


def test_schema_real_output_validates(record):
    assert validation_errors(record) == []
    validate(record)


def test_schema_seed_output_validates(seed_facts):
    assert validation_errors(seed_facts) == []


def test_schema_empty_facts_validate():
    facts = Facts(article={"id": None, "title": None, "published": None, "source": None,
                           "url": None, "language": "de", "text": "x"})
    validate(facts)


@pytest.mark.parametrize("path, value, message", [
    (("schema",), "newsfacts/2", "newsfacts/1"),
    (("article", "published"), "26/01/2024", "does not match"),
    (("entities",), [{"id": "E1", "name": "X", "type": "PERSON",
                      "mentions": [{"start": -1, "end": 1, "text": "X"}],
                      "attributes": {"age": None, "titles": [], "roles": [],
                                     "affiliations": []}}], "minimum"),
    (("quotes",), [{"id": "Q1", "kind": "rumour", "start": 0, "end": 1, "text": "x",
                    "cue": None, "speaker": None}], "rumour"),
    (("times",), [{"id": "T1", "start": 0, "end": 1, "text": "x", "type": "DAY",
                   "value": "2024", "mod": None}], "DAY"),
    (("amounts",), [{"id": "A1", "start": 0, "end": 1, "text": "x", "value": 1,
                     "unit": "USD", "mod": "roughly"}], "roughly"),
])
def test_schema_rejects_broken_records(record, path, value, message):
    broken = json.loads(json.dumps(record))
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    problems = validation_errors(broken)
    assert problems and message in " ".join(problems)
    with pytest.raises(NewsfactsError, match=r"\[E015\]"):
        validate(broken)


def test_schema_missing_field_is_reported(record):
    broken = {k: v for k, v in record.items() if k != "quotes"}
    assert any("'quotes' is a required property" in p for p in validation_errors(broken))


def test_schema_extract_many_output_validates_and_keeps_ids(nlp):
    items = [{"id": "x1", "text": ARTICLE, "published": "2024-05-14", "source": "gazette"},
             {"id": "x2", "text": "Apple sold phones in China.", "published": "2024-02-01"}]
    records = [f.to_dict() for f in extract_many(items, nlp=nlp)]
    assert [r["article"]["id"] for r in records] == ["x1", "x2"]
    assert records[0]["article"]["source"] == "gazette"
    for r in records:
        validate(r)


def test_schema_extract_many_reports_failing_article(nlp, monkeypatch):
    import newsfacts.api as api_module

    def explode(doc, article):
        if "boom" in article.text:
            raise RuntimeError("extractor bug")
        return real(doc, article)
    real = api_module.build_facts
    monkeypatch.setattr(api_module, "build_facts", explode)
    failed = []
    out = list(extract_many(["Fine text.", "boom text.", "More fine text."], nlp=nlp,
                            on_error=lambda article, err: failed.append(str(err))))
    assert len(out) == 2 and failed == ["extractor bug"]


def test_schema_spacy_component_output_validates(nlp):
    from newsfacts.article import make_article
    nlp.add_pipe("newsfacts", config={"published": "2024-05-14"})
    try:
        doc = nlp(ARTICLE)
        assert isinstance(doc._.facts, Facts)
        assert doc._.facts.article["published"] == "2024-05-14"
        validate(doc._.facts)
        doc = nlp.make_doc(ARTICLE)
        doc._.nf_article = make_article(ARTICLE, published="2020-02-02", id="own")
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        assert doc._.facts.article["id"] == "own"
        assert doc._.facts.article["published"] == "2020-02-02"
    finally:
        nlp.remove_pipe("newsfacts")
    assert "newsfacts" not in nlp.pipe_names
