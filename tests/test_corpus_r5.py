"""The fifth "others" reading (r5, session 10, issue 25): the gaps it found, recorded.

Each test pins one mend of docs/recall/session10-match-others-r5.md; the quotes are checked
against the seeds by tests/test_corpus_evidence.py."""

import pytest

import lexmap


@pytest.fixture(scope="module")
def corpus():
    return lexmap.load()


@pytest.mark.parametrize(
    ("claim", "twin", "words"),
    [
        # "the systematic enslavement and exploitation": the slavery half was claimed, the exploitation half not
        ("werlau-lagon-systematic-exploitation-purpose", "werlau-lagon-systematic-enslavement", "enslavement and exploitation"),
        # "subjected to similar exploitation": the worker-rights half was claimed, the exploitation half not
        (
            "werlau-lagon-local-employees-exploitation-purpose",
            "werlau-lagon-local-employees-worker-rights",
            "similar exploitation",
        ),
    ],
)
def test_exploitation_named_beside_another_wrong_is_the_palermo_purpose_too(corpus, claim, twin, words):
    record, other = corpus.claims[claim], corpus.claims[twin]
    assert record.element == "palermo/purpose" and record.stance == "supports"
    assert record.practice == other.practice and record.speaker == other.speaker is None
    assert words in " ".join(record.quote.split()) and words in " ".join(other.quote.split())
    assert other.element != record.element


def test_the_local_employees_have_a_purpose_and_no_act_or_means(corpus):
    # the paper gives the local employees no recruitment, move or means: only the purpose is argued
    palermo = {
        c.element
        for c in corpus.claims.values()
        if c.practice == "local-employees-wage-confiscation" and c.element.startswith("palermo/")
    }
    assert palermo == {"palermo/purpose"}
    assert "no act or means" in " ".join(corpus.claims["werlau-lagon-local-employees-exploitation-purpose"].note.split())


@pytest.mark.parametrize(
    ("attestation", "practice", "words", "inside"),
    [
        (
            "cibercuba-caribbean-dependence",
            "medical-missions-labour-export",
            "depend on these services",
            "cibercuba-rubio-better-conditions",
        ),
        (
            "werlau-lagon-children-forced-by-parents",
            "child-labour",
            "forced by their parents",
            "werlau-lagon-child-labour-forced",
        ),
        ("ca-fs-professionals-harsher-restrictions", "exit-permit-requirement", "even harsher", "ca-fs-exit-permit-leave"),
    ],
)
def test_facts_held_only_inside_a_claim_are_attested_by_their_documents(corpus, attestation, practice, words, inside):
    record = corpus.attestations[attestation]
    assert record.practice == practice and record.speaker is None and record.when is None
    assert words in " ".join(record.quote.split()) and words in " ".join(corpus.claims[inside].quote.split())


def test_the_association_half_of_the_ban_sentence_points_at_its_family_half(corpus):
    # the note said the spouses-and-children words were "not mapped" while a claim maps them
    note = " ".join(corpus.claims["hrf-2022-eight-year-ban-iccpr-association"].note.split())
    assert "not mapped" not in note and "hrf-2022-eight-year-ban-family-life" in note
    assert corpus.claims["hrf-2022-eight-year-ban-family-life"].practice == "eight-year-ban"


def test_the_reader_comment_is_the_readers_claim_and_adds_no_source(corpus):
    # 000-E10 and 000-C9: an unnamed reader's comment under the post, his own voice, not the blog's
    claim = corpus.claims["tip2020blog-reader-comment-trafficking"]
    assert claim.speaker == "babalublog-commenter-1" and claim.document == "tip-2020-cuba-blog"
    assert [a.id for a in corpus.speakers(claim.id)] == ["babalublog-commenter-1"]
    test = "us-tvpa/severe-trafficking-labour"
    row = corpus.coverage(test, practice=claim.practice)[test]
    assert claim in row.supporting and row.level == "unargued"  # an assertion of the whole, never its level
    without = lexmap.Corpus(
        instruments=corpus.instruments.values(),
        actors=corpus.actors.values(),
        practices=corpus.practices.values(),
        documents=corpus.documents.values(),
        claims=[c for c in corpus.claims.values() if c.id != claim.id],
    )
    assert without.coverage(test, practice=claim.practice)[test].asserted_by == row.asserted_by  # the post's document: one source
