"""A claim's hedge (issue 25): the speaker's own qualifying words, kept as data, checked against
the quote and shown on the site's card beside the stance."""

from __future__ import annotations

import shutil

import pytest
import yaml

import lexmap
from lexmap.exports.corpus_json import corpus_json
from lexmap.site.pages import build_pages

from conftest import CORPORA


def load(tmp_path, hedge, quote="taking their passports could amount to force"):
    """The small fixture corpus whose claim c1 has ``quote`` and carries ``hedge``."""
    shutil.copytree(CORPORA / "small", tmp_path / "case")
    path = tmp_path / "case" / "mappings" / "claims.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (c1,) = [c for c in data["claims"] if c["id"] == "c1"]
    c1["quote"] = quote
    c1["hedge"] = hedge
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = tmp_path / "case" / "texts" / "d1.txt"
    text.write_text(text.read_text(encoding="utf-8") + f" {quote}.", encoding="utf-8")
    return lexmap.load(tmp_path / "case", cache=False)


def test_a_hedge_is_kept_on_the_claim_and_in_the_json_export(tmp_path):
    corpus = load(tmp_path, "could amount to")
    assert corpus.claims["c1"].hedge == "could amount to"
    assert corpus.claims["c2"].hedge is None
    assert "could amount to" in corpus_json(corpus)


def test_a_hedge_not_in_the_quote_is_refused_with_file_line_and_id(tmp_path):
    with pytest.raises(lexmap.CorpusError) as raised:
        load(tmp_path, "strong indications")
    (problem,) = [p for p in raised.value.problems if "hedge" in p.message]
    assert "'strong indications' is not in the quote" in problem.message
    assert problem.file.endswith("claims.yaml") and problem.line and problem.id == "c1"
    assert "copy" in problem.hint


def test_the_card_shows_the_hedge_beside_the_stance_escaped(tmp_path):
    corpus = load(tmp_path, "could amount to")
    page = build_pages(corpus)["practices/passports.md"]
    card = page[page.index('id="claim-c1"') :]
    card = card[: card.index("</h")]
    assert "supports</span>" in card and "hedged: &ldquo;could amount to&rdquo;" in card
    other = page[page.index('id="claim-c2"') :]
    assert "lx-hedge" not in other[: other.index("</h")]
    hostile = load(tmp_path / "hostile", "<b>could</b>", quote="passports <b>could</b> be force")
    assert "hedged: &ldquo;&lt;b&gt;could&lt;/b&gt;&rdquo;" in build_pages(hostile)["practices/passports.md"]
