"""The bundled corpus is evidence: every quote verbatim in its seed, every reference sound."""

from pathlib import Path

import pytest

import lexmap

from conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent

SEED_DOCUMENTS = {"tip-2020-cuba-blog", "hrf-2022", "cibercuba-us-warns", "werlau-lagon", "cuba-archive-fact-sheet"}


@pytest.fixture(scope="module")
def checked():
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS} (set LEXMAP_SEEDS)")
    try:
        return lexmap.load(texts=[SEEDS])
    except lexmap.CorpusError as error:
        misses = [f"{p.id}: {p.message}" for p in error.problems]
        pytest.fail(f"{len(misses)} problems against the seed texts:\n" + "\n".join(misses))


def test_every_quote_is_verbatim_in_its_seed(checked):
    assert set(checked.texts_checked) >= SEED_DOCUMENTS
    # every quote of the case is checked: the seeds with --texts, the others from the case's texts/
    assert [d for d, t in checked.texts.items() if t.unchecked] == []


def test_every_seed_makes_claims_and_attestations(checked):
    for document in SEED_DOCUMENTS:
        assert checked.argued_by(document), document
        assert checked.attested_by(document), document


def test_contesting_voices_are_recorded(checked):
    contested = checked.filter(stance="contests").claims.values()
    notes = " ".join(c.note or "" for c in contested)
    assert "Gonsalves" in notes
    assert any(c.document == "hrf-2022" for c in contested)


def test_each_resolution_168_article_is_a_practice_with_its_legal_basis(bundled):
    articles = ["2-n", "5-i", "5-j", "5-l", "5-m", "6-f", "6-h", "8-c-d", "8-g", "8-h-j", "8-r", "10-a-h"]
    for article in articles:
        practice = bundled.practices[f"res-168-art-{article}"]
        assert practice.legal_basis.document == "res-168-2010"
        assert practice.legal_basis.pinpoint.startswith("Art.")


def test_palermo_and_c29_element_trees(bundled):
    trafficking = bundled.tests["palermo/trafficking"]
    assert trafficking.combinator == "all"
    assert [c.id for c in trafficking.children] == ["palermo/act", "palermo/means", "palermo/purpose"]
    assert all(c.combinator == "any" for c in trafficking.children)
    means = {c.id for c in bundled.elements["palermo/means"].children}
    assert {"palermo/means-fraud", "palermo/means-deception", "palermo/means-abuse-of-vulnerability"} <= means
    forced = bundled.tests["ilo-c29/forced-labour"]
    assert forced.combinator == "all"
    assert [c.id for c in forced.children] == ["ilo-c29/work-or-service", "ilo-c29/menace-of-penalty", "ilo-c29/involuntariness"]
    assert forced.provision == "ilo-c29/art-2-1"


def test_every_instrument_has_an_official_url_or_says_why_not(bundled):
    unconfirmed = (ROOT / "docs" / "instruments.md").read_text(encoding="utf-8")
    for instrument in bundled.instruments.values():
        if not instrument.adopted:
            assert f"`{instrument.id}`" in unconfirmed, f"{instrument.id}: no adoption date and not listed in docs/instruments.md"
        if instrument.url:
            assert instrument.url.startswith(("https://", "http://")), instrument.id
        else:
            assert f"`{instrument.id}`" in unconfirmed, f"{instrument.id}: no url and not listed in docs/instruments.md"


def test_cuba_status_follows_the_official_records(bundled):
    assert bundled.party_status("ilo-c29", "cu", on="1950") == "not-party"
    assert bundled.party_status("ilo-c29", "cu") == "party"
    assert bundled.party_status("us-tvpa", "cu") == "not-applicable"
    assert bundled.party_status("udhr", "cu") == "not-applicable"
    for record in bundled.ratifications.values():
        assert record.source and record.source.startswith(("https://", "http://")), record.id


def test_the_ilo_indicators_are_the_eleven(bundled):
    assert len(bundled.indicator_frameworks["ilo-fl"].indicators) == 11


def test_no_contesting_claim_is_spoken_by_the_document_that_reports_it(bundled):
    sources = bundled.sources()
    for claim in bundled.claims.values():
        if claim.stance == "contests":
            document = bundled.documents[claim.document]
            reporters = {*document.authored_by, document.published_by}
            assert claim.speaker and not reporters & set(sources.chain(claim.speaker)), claim.id


def test_hrf_argues_act_and_means_and_asserts_the_purpose_for_the_resolution_168_regime(bundled):
    coverage = bundled.coverage("palermo/trafficking", practice="res-168-disciplinary-regime")
    for part in ("palermo/act", "palermo/means"):
        assert coverage[part].level != "unargued", part
        assert any(c.document == "hrf-2022" for c in coverage[part].subtree_supporting), part
    # "for the purpose of exploiting their labor" names no form of exploitation of Art. 3(a): an assertion
    # of the purpose as a whole, shown apart, which does not establish it (docs/evidence.md)
    purpose = coverage["palermo/purpose"]
    assert (purpose.level, purpose.asserted_by) == ("unargued", 1)
    assert [c.id for c in purpose.supporting] == ["hrf-2022-res-168-purpose-labour", "hrf-2022-res-168-purpose-financial-gain"]
    assert coverage.level == "unargued" and coverage["palermo/trafficking"].asserted_by >= 1


def test_the_law_library_says_nothing_about_the_case():
    """instruments/ is law any case can use: commentary on the Cuban case belongs to the case."""
    import re

    pattern = re.compile(r"hrf-2022|medical mission|resolution 168|werlau", re.IGNORECASE)
    hits = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "instruments").rglob("*.yaml"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []
