"""Mutation scores per module (issue #19): mutmut, one worker, one module at a time.

mutmut 3 imports the mutated package from ``mutants/src`` (or ``mutants/``) and names mutants
after their file path, so it cannot mutate ``overlay/ninoxkit`` where it lies. Each module is
run in a scratch copy laid out the way mutmut wants (``mutants/<module>/``: ``src/ninoxkit``,
``tests/`` and a ``pyproject.toml`` whose ``[tool.mutmut]`` is the project's plus this module's
``only_mutate`` and test selection), with a wall-clock limit per module.

Score = killed ÷ (total − named equivalent), where killed counts mutants a test failed on or
that hit mutmut's timeout; "no tests", "survived" and "suspicious" are not killed.
Equivalent mutants are named in ``scripts/mutation-equivalents.txt``, one a line::

    ninoxkit._values.x_decode_value__mutmut_3  a reason in a few words

Usage: ``./scripts/mutation [MODULE ...] [--timeout SECONDS] [--keep] [--list-survivors]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "overlay" / "ninoxkit"
WORK = ROOT / "mutants"
EQUIVALENTS = ROOT / "scripts" / "mutation-equivalents.txt"

#: Each module and the tests that exercise it (paths relative to the repository).
MODULES: dict[str, list[str]] = {
    "_values": [
        "tests/unit/test_values.py",
        "tests/unit/test_values_edges.py",
        "tests/unit/test_values_mutation.py",
        "tests/unit/test_datetimes_utc.py",
        "tests/unit/test_deep_json.py",
        "tests/unit/test_record_fields.py",
    ],
    "_exceptions": ["tests/unit/test_exceptions.py"],
    "nx": [
        "tests/unit/test_nx.py",
        "tests/unit/test_nx_bounds.py",
        "tests/unit/test_nx_mutation.py",
    ],
    "_nxquery": [
        "tests/schema_tools/test_nxquery.py",
        "tests/unit/test_nx.py",
        "tests/unit/test_nx_query.py",
    ],
    "_paging": [
        "tests/unit/test_paging.py",
        "tests/unit/test_paging_batch_schema.py",
        "tests/unit/test_paging_mutation.py",
    ],
    "_batch": [
        "tests/unit/test_batch.py",
        "tests/unit/test_paging_batch_schema.py",
        "tests/unit/test_batch_mutation.py",
    ],
}
_LINE = re.compile(r"(ninoxkit\.(\w+)\.\S+__mutmut_\d+)\s+(\S.*)")
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped"}
STATUS |= {36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}
STATUS |= {37: "caught by type check", -11: "segfault", -9: "segfault"}


def read_equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """Mutant name → reason, from the equivalents list (``#`` starts a comment).

    Raises:
        ValueError: a line is not ``<mutant name> <reason>`` or names a module not in MODULES.
    """
    found: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if raw.lstrip().startswith("#") else raw.strip()
        if not line:
            continue
        match = _LINE.fullmatch(line)
        if not match or match.group(2) not in MODULES:
            raise ValueError(f"{path.name}:{number}: not '<ninoxkit.module.mutant> <reason>'")
        found[match.group(1)] = match.group(3)
    return found


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)  # str, int, float: JSON's form is TOML's


def prepare(module: str, keep: bool = False) -> Path:
    """The scratch copy for ``module``: the package under src/, the tests, a pyproject.

    With ``keep``, the last run's copy and verdicts stay; only the tests and settings are new.
    """
    work = WORK / module
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(PACKAGE, work / "src" / "ninoxkit", ignore=ignore)
    for tests in (work / "tests", work / "mutants" / "tests"):
        shutil.rmtree(tests, ignore_errors=True)
    shutil.copytree(ROOT / "tests", work / "tests", ignore=ignore)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = dict(tomllib.loads(text)["tool"]["mutmut"])
    settings["only_mutate"] = [f"src/ninoxkit/{module}.py"]
    settings["pytest_add_cli_args_test_selection"] = [
        t for t in MODULES[module] if (ROOT / t).exists()
    ]
    body = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", text)
    table = "".join(f"{key} = {_toml(value)}\n" for key, value in settings.items())
    (work / "pyproject.toml").write_text(f"{body}\n[tool.mutmut]\n{table}", encoding="utf-8")
    return work


def run(module: str, timeout: float, keep: bool) -> bool:
    """Run mutmut on one module in its scratch copy; False if it failed or ran out of time."""
    keep = keep and (WORK / module / "mutants").is_dir()
    work = prepare(module, keep)
    mutmut = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if keep:  # forget every verdict but a kill: mutmut re-tests the mutants it has no verdict on
        meta = _meta(module)
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data["exit_code_by_key"]
        for name in survivors(module):
            codes[name] = None
        meta.write_text(json.dumps(data), encoding="utf-8")
    log = work / "mutmut.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(mutmut), "run", "--max-children", "1"],
            cwd=work,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            print(f"{module}: stopped after {timeout:.0f} s (partial results below)")
            return False
    if code != 0:
        print(f"{module}: mutmut exited {code}; see {log.relative_to(ROOT)}")
    return code == 0


def _meta(module: str) -> Path:
    return WORK / module / "mutants" / "src" / "ninoxkit" / f"{module}.py.meta"


def results(module: str) -> dict[str, str]:
    """Mutant name → status from mutmut's record in the module's scratch copy."""
    meta = _meta(module)
    if not meta.exists():
        return {}
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {
        name: STATUS.get(code, "not checked" if code is None else "suspicious")
        for name, code in codes.items()
    }


def survivors(module: str) -> list[str]:
    return sorted(n for n, s in results(module).items() if s not in KILLED)


def report(module: str, equivalents: dict[str, str], show: bool) -> tuple[int, int, int]:
    """Print and return (killed, total, equivalent) for a module."""
    status = results(module)
    killed = sum(s in KILLED for s in status.values())
    equivalent = sum(1 for name in status if name in equivalents)
    stale = [n for n in equivalents if n.startswith(f"ninoxkit.{module}.") and n not in status]
    counted = len(status) - equivalent
    score = 100.0 * killed / counted if counted else 0.0
    print(
        f"{module:<12} {score:5.1f} %  killed {killed} of {len(status)} "
        f"({equivalent} equivalent, {counted - killed} left)"
    )
    for name in stale if status else []:
        print(f"    equivalents list names a mutant mutmut did not make: {name}")
    if show:
        for name, state in sorted(status.items()):
            if state not in KILLED and name not in equivalents:
                print(f"    {state:<10} {name}")
    return killed, len(status), equivalent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "modules",
        nargs="*",
        metavar="MODULE",
        help=f"modules of ninoxkit to mutate (default: all of {', '.join(MODULES)})",
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per module")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="reuse the last run's copy and re-test only its survivors",
    )
    parser.add_argument("--report-only", action="store_true", help="print the last results")
    parser.add_argument("--list-survivors", action="store_true", help="name each survivor")
    args = parser.parse_args()
    unknown = sorted(set(args.modules) - set(MODULES))
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    equivalents = read_equivalents()
    ok = True
    for module in args.modules or list(MODULES):
        if not args.report_only:
            ok = run(module, args.timeout, args.keep) and ok
        report(module, equivalents, args.list_survivors)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
