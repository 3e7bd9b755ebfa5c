"""The bundled law library: every ISO 3166-1 state, the texts' provenance, the structure of the
tests, and Cuba's treaty records (issue 25)."""

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import lexmap
from lexmap.cli import main as cli
from lexmap.provenance import sourced_provisions, text_provenance

LAW = Path(lexmap.bundled_corpus_path()).parent / "instruments"


@pytest.fixture(scope="module")
def corpus():
    return lexmap.load()


def _case(tmp_path, practices: str, law: str = "[bundled]") -> Path:
    case = tmp_path / "case"
    case.mkdir()
    (case / "lexmap.yaml").write_text(f"title: A new case\nlaw: {law}\n", encoding="utf-8")
    (case / "practices.yaml").write_text(textwrap.dedent(practices), encoding="utf-8")
    return case


# -- every state ------------------------------------------------------------------------------

def test_every_iso_3166_entry_is_a_state_with_un_membership(corpus):
    assert len(corpus.states) == 249
    assert all(re.fullmatch(r"[a-z]{2}", s) for s in corpus.states)
    members = [s for s in corpus.states.values() if s.un_membership == "member"]
    assert len(members) == 193
    assert {s.id for s in corpus.states.values() if s.un_membership == "observer"} == {"va", "ps"}
    assert corpus.states["qa"].name == "Qatar" and corpus.states["qa"].un_membership == "member"
    assert corpus.states["no"].name == "Norway"  # YAML 1.1 would read an unquoted no as false
    assert corpus.states["cw"].un_membership == "non-member" and corpus.states["cw"].independent is False


def test_the_states_file_says_where_the_list_comes_from():
    header = (LAW / "states.yaml").read_text(encoding="utf-8").split("states:")[0]
    assert "https://github.com/datasets/country-codes" in header and "ODC-PDDL-1.0" in header


def test_a_case_about_a_state_the_bundled_case_never_mentions_validates_without_defining_it(tmp_path):
    case = _case(tmp_path, """\
        practices:
          - id: kafala-passports
            label: Employers keep migrant workers' passports
            state: qa
          - id: overseas-labour
            label: Workers sent abroad by the state
            state: kp
        """)
    corpus = lexmap.load(case, cache=False)
    assert corpus.practices["kafala-passports"].state == "qa"
    assert corpus.states["kp"].name == "Democratic People's Republic of Korea"


def test_a_state_code_that_is_not_iso_is_still_refused(tmp_path):
    case = _case(tmp_path, """\
        practices:
          - id: somewhere
            label: Somewhere
            state: qq
        """)
    with pytest.raises(lexmap.CorpusError) as raised:
        lexmap.load(case, cache=False)
    assert "unknown state 'qq'" in str(raised.value)
