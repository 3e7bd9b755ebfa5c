"""What a reader of the bundled corpus relies on after the third reading (issue 25): who speaks,
what rests on what, which contests and qualifications are recorded, and where the seeds'
arguments land. Each test names the records the seeds' words fix; the quotes themselves are
checked against the seeds by tests/test_corpus_evidence.py."""

import pytest

import lexmap


@pytest.fixture(scope="module")
def corpus():
    return lexmap.load()


def speakers(corpus, statement_id):
    return set(corpus.speakers(statement_id).ids)


# ---- speakers: a figure or an admission belongs to whoever the source says made it ------------


@pytest.mark.parametrize(
    "statement, speaker, words",
    [
        # "According to Cuba, it sends around 65,000 workers ..."
        ("ca-fs-export-scale", "cu-government", "According to Cuba"),
        # "... attributed to a high-ranking Cuban government official (the Director General of the
        # Ministry of Foreign Commerce and Investment)"
        ("werlau-lagon-export-scale", "cu-mincex", "Ministry of Foreign Commerce and Investment"),
        # "According to statements from government officials, the government employed ..."
        ("tip2020blog-programme-scale", "cu-government", "According to statements from government officials"),
    ],
)
def test_figures_the_sources_attribute_to_cuban_officials_are_spoken_by_them(corpus, statement, speaker, words):
    assert speakers(corpus, statement) == {speaker}
    assert words in corpus.attestations[statement].quote


@pytest.mark.parametrize(
    "statement",
    [
        "tip2020blog-passports-venezuela",
        "tip2020blog-passports-documents-indicator",
        "hrf-2022-passport-retention-venezuela",
        "hrf-2022-passport-retention-venezuela-ind",
    ],
)
def test_cubas_admission_that_it_withholds_passports_is_cubas(corpus, statement):
    assert speakers(corpus, statement) == {"cu-government"}
    record = corpus.get(statement)
    assert "acknowledge" in record.quote
    # the relay stays recorded: the admission reaches the seed through a TIP report
    assert {r.document for r in record.relies_on} & {"tip-2020", "tip-2021"}


@pytest.mark.parametrize(
    "statement",
    [
        "tip2020blog-long-hours",
        "tip2020blog-living-conditions",
        "tip2020blog-falsified-records",
        "tip2020blog-long-hours-indicator",
        "tip2020blog-conditions-indicator",
    ],
)
def test_what_many_cuban_medical_personnel_claim_is_theirs_not_the_state_departments(corpus, statement):
    assert speakers(corpus, statement) == {"cuban-medical-personnel-tip-2020"}
    assert "us-department-of-state" not in speakers(corpus, statement)
    assert corpus.get(statement).quote.startswith("Many Cuban medical personnel claim") or statement.endswith(
        "conditions-indicator"
    )


def test_the_government_quote_carries_no_words_of_the_reporter(corpus):
    claim = corpus.claims["cibercuba-gonsalves-free-education"]
    assert speakers(corpus, claim.id) == {"ralph-gonsalves"}
    assert "cynical" not in claim.quote
    assert "free education" in claim.quote
