"""Regenerate generated/ninox_api from openapi/ninox.yaml, or check that it is up to date.

    python scripts/regenerate.py            rewrite generated/ninox_api
    python scripts/regenerate.py --check    regenerate into a temporary folder and fail, naming
                                            the differing files, if anything differs

The generator and ruff (its post-hooks format the output) are pinned in pyproject.toml; both
are taken from the same virtual environment as this interpreter so the output is reproducible.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "ninox.yaml"
CONFIG = ROOT / "openapi" / "codegen.yaml"
TARGET = ROOT / "generated" / "ninox_api"
# Files the generator leaves behind that are not part of the package.
IGNORED = {".ruff_cache", "__pycache__", ".mypy_cache"}


def generate(out_dir: Path) -> None:
    """Run openapi-python-client into ``out_dir`` (which must not exist) and add py.typed."""
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ)
    # The post-hooks call `ruff` from PATH: it must be the pinned one from this environment.
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    cmd = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(SPEC),
        "--config",
        str(CONFIG),
        "--meta",
        "none",
        "--fail-on-warning",
        "--output-path",
        str(out_dir),
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"regenerate: openapi-python-client failed (exit {proc.returncode})")
    if "Skipping Integration" in proc.stdout + proc.stderr:
        raise SystemExit("regenerate: ruff was not found for the post-hooks; output unformatted")
    for junk in IGNORED:
        shutil.rmtree(out_dir / junk, ignore_errors=True)
    # --meta none writes no py.typed; the package is typed (mypy --strict runs on it).
    (out_dir / "py.typed").write_text("")


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


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ninox-regen-") as tmp:
        fresh = Path(tmp) / "ninox_api"
        generate(fresh)
        if args.check:
            if not TARGET.is_dir():
                print("regenerate --check: generated/ninox_api does not exist", file=sys.stderr)
                return 1
            diffs = differences(TARGET, fresh)
            if diffs:
                print("regenerate --check: generated/ninox_api is out of date:", file=sys.stderr)
                for line in diffs:
                    print(f"  {line}", file=sys.stderr)
                for line in diffs[:3]:
                    if line.startswith("differs: "):
                        show_diff(TARGET, fresh, line.removeprefix("differs: "))
                print("run: python scripts/regenerate.py", file=sys.stderr)
                return 1
            print("regenerate --check: generated/ninox_api is up to date")
            return 0
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(fresh, TARGET)
    print(f"regenerate: wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
