"""A plain (non-editable) install ships the bundled corpus inside the package.

The wheel goes into a new venv that sees the running environment's packages (its dependencies)
through a .pth file, but not the editable lexmap: so this passes in any fresh venv, offline.
"""

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _running_site_packages() -> list[str]:
    """The folders the running interpreter imports installed packages from (never the source
    checkout, which an editable install puts on sys.path)."""
    paths = sysconfig.get_paths()
    found = [paths["purelib"], paths["platlib"]]
    found += [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    return list(dict.fromkeys(p for p in found if Path(p).is_dir()))


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
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    # The wheel's lexmap in the venv's own site-packages; dependencies from the running environment.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", site_packages, str(wheel)],
        check=True,
    )
    Path(site_packages, "running-environment.pth").write_text("\n".join(_running_site_packages()) + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [python, "-c", "import lexmap; c = lexmap.load(); print(lexmap.__file__); print(c.root); print(len(c.claims))"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    module, root, claims = result.stdout.split()
    assert module.startswith(site_packages), "the editable lexmap was imported, not the wheel's"
    assert root.endswith("lexmap/_corpus/mappings") and str(ROOT) not in root
    assert int(claims) > 0
    # the wheel's command, run inside the source checkout, reads the checkout's case, and says so
    command = subprocess.run(
        [python, "-m", "lexmap", "info"], cwd=ROOT / "mappings" / "documents", capture_output=True, text=True
    )
    assert command.returncode == 0, command.stderr
    first = command.stderr.splitlines()[0]
    assert first.startswith(f"corpus: {ROOT / 'mappings'}: Cuba's overseas medical missions; law: bundled (")
    assert "lexmap/_corpus/instruments" in first  # the wheel's law library, not the checkout's
    # the checkout's instruments/ is the wheel's law byte for byte: no warning (an edited one is
    # warned of: tests/test_security.py)
    assert "beside the case, is not read" not in command.stderr
