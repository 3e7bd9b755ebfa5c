"""The notebook API on the small fixture corpus, whose answers are worked out by hand.

The fixture (tests/corpora/small): d1 cites d2, d2 cites d3, d4 stands alone.
Claims: c1 d1, c2 d2, c3 d4 say passports -> tp/means-force; c4 d4 wages -> wc/free-disposal;
c5 d1 wages -> tp/purpose, c6 d4 contests it; c7 d1 ban -> tp/act.
"""

import html

import networkx as nx
import pytest

from lexmap.filters import UndecidedStatus


def test_practices_argued_for_an_element_test_and_instrument(small):
    assert small.practices_for("tp/means-force").ids == ["passports"]
    assert small.practices_for("tp/means").ids == ["passports"]  # through its part means-force
    assert small.practices_for("tp/exploitation").ids == ["passports", "wages", "ban"]
    assert small.practices_for("wc").ids == ["wages"]
    assert small.practices_for("tp/purpose", stance="contests").ids == ["wages"]


def test_which_documents_argue_an_element(small):
    assert [(c.practice, c.document) for c in small.claims_for("tp/means-force")] == [
        ("passports", "d1"),
        ("passports", "d2"),
        ("passports", "d4"),
    ]
    assert small.claims_for("tp/means", direct=True) == ()


def test_elements_a_practice_is_argued_to_satisfy(small):
    assert small.elements_for("wages").ids == ["wc/free-disposal", "tp/purpose"]
    assert small.claims_of("wages", stance="contests").ids == ["c6"]


def test_what_a_document_argues_and_attests(small):
    assert small.argued_by("d1").ids == ["c1", "c5", "c7"]
    assert small.attested_by("d2").ids == ["a1"]
    assert small.exhibits_by("d4").ids == ["e2"]
    assert small.cited_by("d2").ids == ["d1"]


def test_unknown_ids_are_errors_not_empty_answers(small):
    with pytest.raises(KeyError):
        small.claims_of("no-such-practice")
    with pytest.raises(KeyError):
        small.claims_for("tp/no-such-element")


def test_coverage_labels_every_element_and_the_test(small):
    coverage = small.coverage("tp/exploitation")
    assert [(e.element.id, e.status, e.practice) for e in coverage] == [
        # all_of: no single practice has act, means and purpose (ban, passports and wages each one): never pooled
        ("tp/exploitation", "unargued, contested", None),
        ("tp/act", "argued", "ban"),  # c7, one document
        ("tp/means", "argued (through its parts)", "passports"),  # any_of: its best part
        ("tp/means-force", "argued", "passports"),  # d1 cites d2: one source; d4 names no author: no source
        ("tp/means-fraud", "unargued", None),
        ("tp/purpose", "argued, contested", "wages"),  # c5 supports, c6 contests
    ]
    assert [e.id for e in coverage.unargued] == ["tp/exploitation", "tp/means-fraud"]
    assert coverage["tp/means-force"].independent_sources == 1
    # own claims and the subtree's are counted apart: the root has none of its own
    root = coverage["tp/exploitation"]
    assert (len(root.supporting), len(root.subtree_supporting)) == (0, 5)
    assert (len(root.contesting), len(root.subtree_contesting)) == (0, 1)
    assert [c.id for c in root.contested_by] == ["c6"]


def test_coverage_for_one_practice(small):
    coverage = small.coverage("tp/exploitation", practice="passports")
    assert coverage.level == "unargued"  # act and purpose are not argued for passports
    assert [e.id for e in coverage.unargued] == ["tp/exploitation", "tp/act", "tp/means-fraud", "tp/purpose"]


def test_a_test_with_no_claims_is_unargued(small):
    assert small.coverage("tp/consent-irrelevant").level == "unargued"


def test_documents_citing_each_other_are_not_independent(small):
    why = small.explain("passports", "tp/means-force")
    assert why.independent_sources == 1  # d1 cites d2; d4 gives no author or publisher: unattributed
    assert [(g.statements, g.attributed) for g in why.groups] == [(("c1", "c2"), True), (("c3",), False)]
    assert why.groups[0].links[0].because == "d1 cites d2 at fn. 1"
    assert [s.claim for s in why.unattributed] == ["c2", "c3"]  # c2 counts with c1 through the citation
    assert "unattributed, no source of its own: c3" in why.text
    assert small.support("passports", "tp/means-force").independent_sources == 1
    only_d1_d2 = small.filter(documents=["d1", "d2"])
    assert only_d1_d2.support("passports", "tp/means-force").independent_sources == 1


def test_single_source_lists_pairs_argued_but_not_corroborated(small):
    assert [(s.practice, s.element) for s in small.single_source()] == [
        ("passports", "tp/means-force"),
        ("wages", "wc/free-disposal"),
        ("wages", "tp/purpose"),
        ("ban", "tp/act"),
    ]


def test_filters_by_document_stance_date_and_party_status(small):
    assert list(small.filter(documents=["d4"]).claims) == ["c3", "c4", "c6"]
    assert list(small.filter(stance="contests").claims) == ["c6"]
    assert list(small.filter(since="2022", until="2022-12").claims) == ["c1", "c5", "c7"]
    assert list(small.filter(until="2021").attestations) == ["a1"]
    # ban is attributed to bb, whose record for tp speaks to 2024-01-01 only (no act by then): today, undecided
    with pytest.warns(UndecidedStatus, match="1 claim"):
        assert list(small.filter(party_status="party").claims) == ["c1", "c2", "c3", "c4", "c5", "c6"]
    with pytest.warns(UndecidedStatus, match="c7"):
        assert list(small.filter(party_status="not-party").claims) == []
    with pytest.warns(UndecidedStatus, match="were kept"):
        assert list(small.filter(party_status="not-party", keep_undecided=True).claims) == ["c7"]
    assert (small.party_status("tp", "bb", on="2023"), small.party_status("tp", "bb")) == ("not-party", "uncertain")


def test_party_status_depends_on_the_date(small):
    assert small.party_status("tp", "aa") == "party"
    assert small.party_status("tp", "aa", on="2009") == "not-party"
    assert small.party_status("tp", "aa", on="2010-05") == "party"
    assert small.party_status("wc", "bb") == "not-recorded"  # nothing recorded is not "not a party"


def test_networkx_graph_has_typed_edges_keyed_by_claim(small):
    graph = small.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    edge = graph.edges["passports", "tp/means-force", "c2"]
    assert edge == {
        "kind": "claim",
        "document": "d2",
        "pinpoint": "p. 9",
        "quote": "passports are held by force",
        "stance": "supports",
    }
    assert graph.nodes["tp/means"]["kind"] == "element"
    assert graph.edges["tp/means", "tp/means-fraud", 0]["combinator"] == "any"
    assert graph.edges["d1", "d2", 0]["kind"] == "cites"
    kinds = {d["kind"] for *_, d in graph.edges(data=True)}
    assert kinds == {
        "ratification",
        "has_test",
        "has_provision",
        "set_out_in",
        "requires",
        "has_indicator",
        "cites",
        "attributed_to",
        "part_of",
        "legal_basis",
        "claim",
        "attests",
        "exhibits",
    }


def test_answers_become_dataframes(small):
    frame = small.claims_for("tp/means-force").to_frame()
    assert list(frame["document"]) == ["d1", "d2", "d4"]
    assert {"id", "practice", "element", "quote", "pinpoint", "stance"} <= set(frame.columns)
    coverage = small.coverage("tp/exploitation").to_frame()
    assert coverage.set_index("element").loc["tp/means-fraud", "level"] == "unargued"


def test_html_display_escapes_data(small):
    hostile = small.claims["c1"].__class__(
        id="x",
        document="d1",
        practice="passports",
        element="tp/act",
        stance="supports",
        pinpoint="<b>p</b>",
        quote="<script>alert(1)</script>",
    )
    shown = hostile._repr_html_()
    assert "<script>" not in shown and html.escape("<script>alert(1)</script>") in shown
    assert "<table>" in small.claims_for("tp").__class__([hostile])._repr_html_()
    assert "argued (through its parts)" in small.coverage("tp/exploitation")._repr_html_()


def test_corpus_shows_its_counts(small):
    assert "7 claims" in repr(small) and "4 documents" in repr(small)
    assert "<th style='text-align:left'>claims</th><td>7</td>" in small._repr_html_()
    assert small.frame("claims").shape[0] == 7
    with pytest.raises(KeyError):
        small.frame("root")
