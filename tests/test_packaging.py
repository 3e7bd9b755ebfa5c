"""A plain (non-editable) install ships the bundled corpus inside the package."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_wheel_installs_and_loads_the_bundled_corpus_from_elsewhere(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("lexmap-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "lexmap/_corpus/instruments/palermo.yaml" in names
    assert any(n.startswith("lexmap/_corpus/mappings/") for n in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--force-reinstall", str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [python, "-c", "import lexmap; c = lexmap.load(); print(c.root); print(len(c.claims))"],
        cwd=elsewhere, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    root, claims = result.stdout.split()
    assert root.endswith("lexmap/_corpus") and str(ROOT) not in root
    assert int(claims) > 0
