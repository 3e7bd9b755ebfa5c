"""Who says it, what it rests on, how independent it is: the rules of lexmap.independence, each
pinned on a hand-worked fixture (tests/corpora/evidence).

On (passports, law/menace) six documents support and one records a denial:
  a1 (report-a, by R. Searcher of NGO A) and a2 (report-a2, published by NGO A): one organisation;
  b1 (report-b) and c1 (report-c) both rely on un-report: one source;
  d1 (report-d) cites report-e, where e1 is recorded: a citation chain;
  art-denial is recorded in the article but spoken by the ministry.
So three independent sources, and the reporter of the denial does not contest anything itself.
"""

import pytest

import lexmap

from conftest import CORPORA


@pytest.fixture(scope="module")
def evidence():
    return lexmap.load(CORPORA / "evidence")


def test_three_independent_sources_behind_six_supporting_documents(evidence):
    why = evidence.explain("passports", "law/menace")
    assert sorted(sorted(g.statements) for g in why.groups) == [["a1", "a2"], ["b1", "c1"], ["d1", "e1"]]
    assert why.independent_sources == 3 and why.level == "corroborated"


def test_each_dependency_is_explained_in_words(evidence):
    links = {
        frozenset((k.a, k.b)): (k.reason, k.because) for g in evidence.explain("passports", "law/menace").groups for k in g.links
    }
    assert links[frozenset(("a1", "a2"))] == (
        "same-speaker",
        "a1 is spoken by R. Searcher (part of NGO A), and a2 is spoken by NGO A",
    )
    assert links[frozenset(("b1", "c1"))] == (
        "same-source",
        "both rest on un-report: b1 relies on un-report at fn. 9; c1 relies on un-report at para. 4",
    )
    assert links[frozenset(("d1", "e1"))] == ("citation", "report-d cites report-e at fn. 3")
    text = evidence.explain("passports", "law/menace").text
    assert "6 supporting statements from 3 independent sources" in text
    assert "art-denial (ministry, in article at para. 3)" in text


def test_a_denial_belongs_to_its_speaker_not_to_the_reporting_document(evidence):
    denial = evidence.claims["art-denial"]
    assert denial.document == "article"
    assert evidence.speakers("art-denial").ids == ["ministry"]
    assert evidence.speakers("art-work").ids == ["newspaper"]  # the article's own claim
    (contesting,) = evidence.explain("passports", "law/menace").contesting
    assert (contesting.claim, contesting.speakers, contesting.document) == ("art-denial", ("ministry",), "article")


def test_without_speakers_or_reliance_each_document_counts(evidence):
    bare = lexmap.Corpus(
        documents=evidence.documents.values(),
        practices=evidence.practices.values(),
        instruments=evidence.instruments.values(),
        states=evidence.states.values(),
        claims=[c for c in evidence.claims.values() if c.id in ("a1", "b1", "c1")],
    )  # no actors: authored_by names nobody known; no relies_on considered for a1
    assert bare.support("passports", "law/menace").independent_sources == 2  # b1, c1 still share un-report


def test_publisher_mode_groups_documents_of_one_publisher(tmp_path, evidence):
    assert evidence.explain("passports", "law/menace", independence="publisher").independent_sources == 3
    with pytest.raises(ValueError, match="unknown independence mode"):
        evidence.sources("authors")


def test_an_element_defined_by_a_one_element_test_counts_the_claims_on_both(evidence):
    # law/menace is defined by law/coercion, a test of one element: a claim on either names the same thing
    menace = evidence.coverage("law/forced-labour", practice="wages")["law/menace"]
    assert (menace.level, menace.met_through, [c.id for c in menace.supporting]) == ("argued", None, ["b-coercion"])
    assert menace.status == "argued"


def test_parts_roll_up_into_the_practice_they_belong_to(evidence):
    rolled = evidence.coverage("law/forced-labour", practice="scheme")  # scheme's own claims: none; its parts': all
    assert rolled.level == "argued" and rolled["law/menace"].level == "corroborated"
    assert (len(rolled["law/forced-labour"].supporting), len(rolled["law/forced-labour"].subtree_supporting)) == (0, 8)
    with pytest.raises(ValueError, match="parts=False"):
        evidence.coverage("law/forced-labour", practice="scheme", parts=False)


@pytest.mark.parametrize(
    "on, status",
    [
        ("2004", "not-party"),
        ("2005-02", "not-party"),
        ("2005-03-01", "party"),
        ("2010", "party"),
        ("2015-06-01", "not-party"),
        ("2020", "not-party"),
    ],
)
def test_party_status_follows_the_dated_history(evidence, on, status):
    assert evidence.party_status("law", "aa", on=on) == status


def test_signature_alone_and_unknown_pairs(evidence):
    assert evidence.party_status("law", "bb", on="2000") == "not-party"
    assert evidence.party_status("law", "bb") == "signatory"
    assert lexmap.load(CORPORA / "small").party_status("wc", "bb") == "not-recorded"  # nothing recorded


def test_gaps_name_single_sources_and_contested_pairs(evidence):
    kinds = {(g.kind, g.practice, g.element) for g in evidence.gaps()}
    assert ("contested", "passports", "law/menace") in kinds
    assert ("single-source", "passports", "law/work") in kinds
    assert ("argued-not-attested", "passports", None) in kinds
    assert ("single-source", "passports", "law/menace") not in kinds


BROKEN = {
    "practice ends before it starts": (
        "practices:\n  - {id: p, label: P, start: 2012, end: 2010}\n",
        "end (2010) is before start (2012)",
    ),
    "event before adoption": (
        "states: [{id: cc, name: C}]\nratifications:\n  - {instrument: law, state: cc, events: [{event: accession, date: 1999}]}\n",
        "before the instrument was adopted",
    ),
    "denunciation first": (
        "ratifications:\n  - {instrument: law, state: aa, events: [{event: denunciation, date: 2001}]}\n",
        "a denunciation before any",
    ),
    "actor cycle": (
        "actors:\n  - {id: x, name: X, kind: organisation, part_of: y}\n  - {id: y, name: Y, kind: organisation, part_of: x}\n",
        "part_of forms a cycle",
    ),
    "unknown speaker": (
        "claims:\n  - {id: z, document: report-a, practice: passports, element: law/work, stance: supports, pinpoint: p, quote: q, speaker: ngo-z}\n",
        "unknown actor 'ngo-z'",
    ),
    "relies on itself": (
        "claims:\n  - {id: z, document: report-a, practice: passports, element: law/work, stance: supports, pinpoint: p, quote: q, relies_on: [{document: report-a}]}\n",
        "cannot rely on the document that records it",
    ),
    "defined by a non-test": (
        "instruments:\n  - id: t2\n    title: T\n    short_name: T\n    kind: treaty\n    binding: true\n    provisions: [{id: a, label: A}]\n    tests:\n      - {id: x, label: X, provision: a, defined_by: law/work}\n",
        "is not a legal test",
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_new_references_are_checked_with_file_and_line(tmp_path, name):
    import shutil

    shutil.copytree(CORPORA / "evidence", tmp_path / "case")
    text, words = BROKEN[name]
    (tmp_path / "case" / "broken.yaml").write_text(text)
    if name == "denunciation first":  # replace the fixture's own record for aa
        law = tmp_path / "case" / "instruments" / "law.yaml"
        law.write_text(law.read_text().split("ratifications:")[0])
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(tmp_path / "case")
    problems = raised.value.problems  # a cycle is reported on each of its records
    assert problems and all(words in str(p) and p.file == "case/broken.yaml" and p.line for p in problems), problems


def test_tables_of_claims_show_the_speaker_beside_the_document(evidence):
    frame = evidence.claims_for("law/menace").to_frame().set_index("id")
    assert list(frame.columns[:8]) == [
        "document",
        "speakers",
        "speaker_names",
        "document_title",
        "practice",
        "practice_label",
        "element",
        "element_label",
    ]
    assert frame.loc["art-denial", ["speaker_names", "document_title", "element_label"]].tolist() == [
        "Ministry of Labour of Atlantis",
        "Officials deny",
        "Menace of penalty",
    ]
    assert frame.loc["art-denial", ["document", "speakers"]].tolist() == ["article", "ministry"]
    assert frame.loc["a1", "speakers"] == "researcher"
    assert "<td style='text-align:left'>ministry</td>" in evidence.argued_by("article")._repr_html_()


def test_long_citation_chains_stay_linear(evidence):
    """3,000 chained documents arguing one element (matrix and site crashed with RecursionError),
    and a 16,000-document chain (the old citation index stored every document's descendants:
    6.9 GB): one group, found in bounded time and memory."""
    import tracemalloc

    from lexmap.model import Citation, Claim, Document

    from counting import lines_run

    def chain(n):
        documents = [
            Document(
                id=f"d{i}",
                title=f"D{i}",
                kind="report",
                authored_by=(f"author-{i}",),
                cites=(Citation(f"d{i + 1}"),) if i + 1 < n else (),
            )
            for i in range(n)
        ]
        claims = [
            Claim(
                id=f"c{i}",
                document=f"d{i}",
                practice="passports",
                element="law/menace",
                stance="supports",
                pinpoint="p",
                quote="q",
            )
            for i in range(min(n, 3000))
        ]
        return lexmap.Corpus(
            instruments=evidence.instruments.values(), practices=evidence.practices.values(), documents=documents, claims=claims
        )

    def lines(n):  # the lines of lexmap run: counted, not timed, against the quadratic
        def both():
            corpus = chain(n)
            assert corpus.support("passports", "law/menace").independent_sources == 1
            assert corpus.matrix("practices", "elements").cell("passports", "law/menace").independent_documents == 1

        return lines_run(both, lexmap)[1]

    short, long = lines(750), lines(3000)  # 3,000 deep: no RecursionError either
    assert long < 5 * short, f"{short:,} lines of lexmap for a chain of 750, {long:,} for 3,000"
    tracemalloc.start()
    assert chain(16000).support("passports", "law/menace").independent_sources == 1
    assert tracemalloc.get_traced_memory()[1] < 500 * 2**20
    tracemalloc.stop()
