"""What a ``pip install ninoxkit`` user gets: the wheel's and sdist's contents and metadata, and
the emulator's hint when the ``testing`` extra is missing."""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Builds with the pinned backend installed in .venv (the dev extra), so no network is needed.
# One process per build: a wheel built after an sdist in the same process went missing.
BUILD = (
    "import sys; from setuptools import build_meta; getattr(build_meta, sys.argv[1])(sys.argv[2])"
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel, built from a copy of the sources (the tree stays clean)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "generated", src / "generated", ignore=ignore)
    shutil.copytree(ROOT / "overlay", src / "overlay", ignore=ignore)
    (src / "openapi").mkdir()
    for spec in (ROOT / "openapi").glob("*.yaml"):
        shutil.copy(spec, src / "openapi" / spec.name)
    out = tmp_path_factory.mktemp("dist")
    for hook in ("build_sdist", "build_wheel"):
        done = subprocess.run(
            [sys.executable, "-c", BUILD, hook, str(out)],
            cwd=src,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


def test_the_license_is_in_the_wheel_and_the_sdist(dist: tuple[Path, Path]) -> None:
    sdist, wheel = dist
    text = (ROOT / "LICENSE").read_text()
    assert "MIT License" in text
    assert "2026 ninoxkit maintainers" in text
    with zipfile.ZipFile(wheel) as whl:
        licenses = [n for n in whl.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert licenses
        assert whl.read(licenses[0]).decode() == text
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    top = names[0].split("/")[0]
    assert f"{top}/LICENSE" in names


def test_the_sdist_carries_the_api_description(dist: tuple[Path, Path]) -> None:
    sdist, _ = dist
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[-1] for n in tar.getnames()}
    assert {"openapi/ninox.yaml", "openapi/codegen.yaml", "README.md", "pyproject.toml"} <= names


def test_the_wheel_metadata_says_what_pypi_shows(dist: tuple[Path, Path]) -> None:
    _, wheel = dist
    with zipfile.ZipFile(wheel) as whl:
        name = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(whl.read(name))
    assert meta["License-Expression"] == "MIT"
    classifiers = meta.get_all("Classifier")
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "Operating System :: OS Independent" in classifiers
    assert any(c.startswith("Development Status ::") for c in classifiers)
    assert "httpx<0.30,>=0.28.1" in meta.get_all("Requires-Dist")
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert urls["Documentation"].endswith("/docs/")


def test_the_emulator_without_the_testing_extra_prints_the_cli_hint(tmp_path: Path) -> None:
    # Simulate a missing extra: a `uvicorn` that cannot be imported, first on the path.
    (tmp_path / "uvicorn").mkdir()
    (tmp_path / "uvicorn" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'uvicorn'\", name='uvicorn')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    hint = "ninoxkit: error: the emulator needs the testing extra: pip install 'ninoxkit[testing]'"
    module = subprocess.run(
        [sys.executable, "-m", "ninoxkit.testing", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert module.returncode == 2
    assert module.stderr.startswith(hint)
    assert "Traceback" not in module.stderr
    cli = subprocess.run(
        [sys.executable, "-c", "from ninoxkit._cli import main; main()", "emulator"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert cli.returncode == 2
    assert cli.stderr.splitlines()[0] == module.stderr.splitlines()[0]
