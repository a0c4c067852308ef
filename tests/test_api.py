from newsfacts import SCHEMA, extract_many


def test_api_extract_offsets_hold(extract):
    facts = extract("Donald Trump walked out of the courtroom on Friday.")
    data = facts.to_dict()
    assert data["schema"] == SCHEMA
    text = data["article"]["text"]
    for entity in data["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_api_extract_many_keeps_ids(nlp):
    items = [{"id": "a", "text": "Joe Biden spoke.", "published": "2024-01-01"},
             {"id": "b", "text": "Apple sold phones.", "published": "2024-01-02"}]
    out = list(extract_many(items, nlp=nlp))
    assert [f.article["id"] for f in out] == ["a", "b"]


def test_loaded_pipeline_is_out_of_the_collectors_reach(nlp):
    import gc
    tracked = {id(o) for o in gc.get_objects()}  # the frozen generation is not listed
    assert gc.get_freeze_count() > 0
    assert id(nlp) not in tracked and id(nlp.get_pipe("parser")) not in tracked
    fresh = [[]]
    assert id(fresh) in {id(o) for o in gc.get_objects()}  # new objects still are
