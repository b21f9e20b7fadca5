"""Regenerate the generated clients from their contracts, or check that they are up to date.

    python scripts/regenerate.py            rewrite generated/ninox_api and generated/ninox4_api
    python scripts/regenerate.py --check    regenerate into a temporary folder and fail, naming
                                            the differing files, if anything differs

The contracts: openapi/ninox.yaml (classic API, codegen.yaml → generated/ninox_api) and
openapi/ninox4.yaml (Ninox 4 Public API, codegen4.yaml → generated/ninox4_api).

The generator and ruff (its post-hooks format the output) are pinned in pyproject.toml; both
are taken from the same virtual environment as this interpreter so the output is reproducible.

Both packages are generated with the custom templates in openapi/templates/ (see
TEMPLATES_FROM below and docs/pages/development.md, "Custom templates").
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Templates that replace the generator's own (jinja ChoiceLoader: a file here shadows the
#: built-in one of the same name; everything else comes from the generator). Each is a copy of
#: the pinned generator's template with the smallest change the overlay needs, e.g.
#: endpoint_module.py.jinja names the request-description function ``request_kwargs`` (public)
#: instead of ``_get_kwargs``, so the overlay sends generated requests without private names.
TEMPLATES = ROOT / "openapi" / "templates"
#: The generator version the templates were copied from. A copy silently keeps the old
#: template's text when the generator changes its own, so a different version is refused until
#: the templates are re-copied from it (and the change re-applied) and this is updated.
TEMPLATES_FROM = "0.29.1"


@dataclass(frozen=True)
class Contract:
    """One contract, its generator configuration and the package generated from it."""

    spec: Path
    config: Path
    target: Path


CONTRACTS = (
    Contract(
        ROOT / "openapi" / "ninox.yaml",
        ROOT / "openapi" / "codegen.yaml",
        ROOT / "generated" / "ninox_api",
    ),
    Contract(
        ROOT / "openapi" / "ninox4.yaml",
        ROOT / "openapi" / "codegen4.yaml",
        ROOT / "generated" / "ninox4_api",
    ),
)
#: Stubs written beside generated modules: what the overlay adds at import time, for type
#: checkers. RecordFields becomes a MutableMapping when ninoxkit is imported (ninoxkit/_models.py,
#: issue #16); without the stub, `record.fields.get(...)` fails mypy --strict in user code.
STUBS: dict[str, dict[str, str]] = {
    "ninox_api": {
        "models/record_fields.pyi": '''\
# Written by scripts/regenerate.py beside the generated record_fields.py (not by the generator).
# ninoxkit makes RecordFields a MutableMapping when it is imported (ninoxkit/_models.py); this
# stub tells type checkers so, for `record.fields.get(...)`, `.items()`, `dict(...)`, `in`.
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, Self, TypeVar

T = TypeVar("T", bound="RecordFields")

class RecordFields(MutableMapping[str, Any]):
    """Field values keyed by field name (or id with `ids=true`); a mutable mapping."""

    additional_properties: dict[str, Any]
    def __init__(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...
    @property
    def additional_keys(self) -> list[str]: ...
    def __getitem__(self, key: str) -> Any: ...
    def __setitem__(self, key: str, value: Any) -> None: ...
    def __delitem__(self, key: str) -> None: ...
    def __contains__(self, key: object) -> bool: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
''',
    },
}
# Files the generator leaves behind that are not part of the package.
IGNORED = {".ruff_cache", "__pycache__", ".mypy_cache"}


def generate(contract: Contract, out_dir: Path) -> None:
    """Run openapi-python-client into ``out_dir`` (which must not exist) and add py.typed."""
    installed = metadata.version("openapi-python-client")
    if installed != TEMPLATES_FROM:
        raise SystemExit(
            "regenerate: openapi/templates/ were copied from openapi-python-client"
            f" {TEMPLATES_FROM} but {installed} is installed; re-copy them from its"
            " templates/ and re-apply the change (docs/pages/development.md, Custom templates)"
        )
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ)
    # The post-hooks call `ruff` from PATH: it must be the pinned one from this environment.
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    cmd = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(contract.spec),
        "--config",
        str(contract.config),
        "--meta",
        "none",
        "--fail-on-warning",
        "--custom-template-path",
        str(TEMPLATES),
        "--output-path",
        str(out_dir),
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(
            f"regenerate: openapi-python-client failed on {contract.spec.name}"
            f" (exit {proc.returncode})"
        )
    if "Skipping Integration" in proc.stdout + proc.stderr:
        raise SystemExit("regenerate: ruff was not found for the post-hooks; output unformatted")
    for junk in IGNORED:
        shutil.rmtree(out_dir / junk, ignore_errors=True)
    # --meta none writes no py.typed; the package is typed (mypy --strict runs on it).
    (out_dir / "py.typed").write_text("")
    for rel, text in STUBS.get(contract.target.name, {}).items():
        (out_dir / rel).write_text(text)


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that are missing, extra or different between two trees."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        for name in sorted(cmp.left_only):
            if name not in IGNORED:
                found.append(f"only in committed tree: {prefix}{name}")
        for name in sorted(cmp.right_only):
            if name not in IGNORED:
                found.append(f"missing from committed tree: {prefix}{name}")
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"differs: {prefix}{name}" for name in sorted(mismatch + errors))
        for name, sub in sorted(cmp.subdirs.items()):
            if name not in IGNORED:
                walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=sorted(IGNORED)), "")
    return found


def show_diff(committed: Path, fresh: Path, rel: str, limit: int = 40) -> None:
    """Print the first lines of a unified diff for one differing file."""
    a = (committed / rel).read_text(errors="replace").splitlines(keepends=True)
    b = (fresh / rel).read_text(errors="replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(a, b, f"committed/{rel}", f"regenerated/{rel}"))
    sys.stderr.writelines(lines[:limit])
    if len(lines) > limit:
        sys.stderr.write(f"... ({len(lines) - limit} more diff lines)\n")


def check(contract: Contract, fresh: Path) -> bool:
    """Compare a fresh generation with the committed tree; report and return False on drift."""
    target, name = contract.target, contract.target.relative_to(ROOT)
    if not target.is_dir():
        print(f"regenerate --check: {name} does not exist", file=sys.stderr)
        return False
    diffs = differences(target, fresh)
    if diffs:
        print(f"regenerate --check: {name} is out of date:", file=sys.stderr)
        for line in diffs:
            print(f"  {line}", file=sys.stderr)
        for line in diffs[:3]:
            if line.startswith("differs: "):
                show_diff(target, fresh, line.removeprefix("differs: "))
        return False
    print(f"regenerate --check: {name} is up to date")
    return True


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale")
    args = parser.parse_args()
    stale = False
    with tempfile.TemporaryDirectory(prefix="ninox-regen-") as tmp:
        for contract in CONTRACTS:
            fresh = Path(tmp) / contract.target.name
            generate(contract, fresh)
            if args.check:
                stale |= not check(contract, fresh)
                continue
            shutil.rmtree(contract.target, ignore_errors=True)
            shutil.copytree(fresh, contract.target)
            print(f"regenerate: wrote {contract.target.relative_to(ROOT)}")
    if stale:
        print("run: python scripts/regenerate.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
