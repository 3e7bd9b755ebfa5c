import os
from pathlib import Path

import pytest

import lexmap

TESTS = Path(__file__).parent
CORPORA = TESTS / "corpora"
SEEDS = Path(os.environ.get("LEXMAP_SEEDS", TESTS.parent.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def small():
    """The hand-made fixture corpus whose answers are worked out in the tests."""
    return lexmap.load(CORPORA / "small")


@pytest.fixture(scope="session")
def bundled():
    return lexmap.load()
