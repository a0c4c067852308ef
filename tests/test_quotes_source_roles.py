"""Whose words a cue's subject stands for: the learned share of subjects that
are sources (seem, appear), the one asked in "Asked about X, ...", and a
participle the parse hung inside the reported clause ("..., adding")."""


def _cues(facts) -> dict[str, str | None]:
    return {q.cue.text: (q.speaker.text if q.speaker else None) for q in facts.quotes if q.cue}


def test_subject_of_seem_is_no_speaker(extract):
    facts = extract("The economy seems to be recovering after a long winter. "
                    "Voters seem to be tired of the campaign.")
    speakers = {q.speaker.text for q in facts.quotes if q.speaker and q.speaker.text}
    assert "The economy" not in speakers
    assert "Voters" not in speakers


def test_one_asked_is_not_the_asker(extract):
    facts = extract("Asked about the rally, Smith said he would attend it.")
    cues = _cues(facts)
    assert not any(cue.startswith("Asked") for cue in cues)
    assert cues.get("said") == "Smith"


def test_participle_in_reported_clause_takes_reporting_subject(extract):
    facts = extract("Mayor Jones said that the city had cut its budget by a third, "
                    "adding that more cuts would follow next year.")
    assert _cues(facts).get("adding") == "Mayor Jones"


def test_participle_of_plain_clause_keeps_its_subject(extract):
    facts = extract("The governor signed the budget on Monday, saying it would help schools.")
    assert _cues(facts).get("saying") == "The governor"


def test_conjoined_verb_in_reported_clause_takes_reporting_subject(extract):
    facts = extract("Ms. Lee said she had met the mayor twice and promised that she "
                    "would return in May.")
    assert _cues(facts).get("promised") == "Ms. Lee"
