"""Generate clients from each contract with independent generators, check and run them (#18).

    python openapi/consumers/check.py [contract ...]    (run by scripts/check-consumers)

For every contract in ``CONTRACTS``:

1. generate: @hey-api/openapi-ts, openapi-typescript (for openapi-fetch), orval, openapi-zod-client
   (TypeScript), openapi-generator's ``python`` and ``go`` clients. A non-zero exit, or any
   warning not in ``KNOWN_WARNINGS`` (each with the reason it cannot be avoided), fails;
2. check: ``tsc --strict`` over the four TypeScript clients and their scenarios, ``mypy`` over the
   Python client and its scenario, ``go vet`` over the Go client and its scenario;
3. run: each scenario against a fresh emulator on 127.0.0.1, reset between clients.
   ``ninox`` (classic, ``ninoxkit.testing``, crm fixture): list teams, databases and tables, page
   through records, create, update, upload and download a binary file byte for byte, run a
   query, read the change feed, delete, and get a 404. ``ninox4`` (``ninoxkit.testing.v4``,
   sample fixture, deterministic clock): list modules and tables, page through records
   (``offset``/``limit``, ``page_info.has_more``), create, update, read back, upsert, read the
   record change feed, delete, get a 404, and get the gateway's ``text/plain`` 401 with a wrong key.

A contract without a scenario directory or emulator is generated and checked only (no step 3).
tsc runs incrementally (build info in .cache/tsc): a warm run with an unchanged contract checks
only the files that changed, as mypy (its cache) and go vet (GOCACHE) do.
Everything is installed by scripts/check-consumers under openapi/consumers/ (gitignored caches).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CACHE = HERE / ".cache"
NODE_BIN = HERE / "node_modules" / ".bin"
VENV_BIN = CACHE / "venv" / "bin"
TOKEN = "consumer-check-token"
#: Generators run side by side: each is mostly its own start-up (Node, the JVM), on 2 cores.
GENERATORS_AT_ONCE = 3


class Emulator(Protocol):
    """A server the scenarios run against, on 127.0.0.1."""

    def env(self) -> dict[str, str]:
        """What the scenarios are told: NINOX_BASE_URL, NINOX_TOKEN and any ids they need."""

    def reset(self) -> None:
        """Initial data back, between two clients."""

    def stop(self) -> None:
        """Stop serving."""


@dataclass(frozen=True)
class Contract:
    """One OpenAPI file and, optionally, the directory with its client scenarios."""

    name: str
    spec: Path
    scenarios: Path | None
    emulator: Callable[[], Emulator] | None = None


def classic_emulator() -> Emulator:
    """``python -m ninoxkit.testing`` with the crm fixture."""
    return ClassicEmulator()


def ninox4_emulator() -> Emulator:
    """The Ninox 4 emulator (``ninoxkit.testing.v4``), sample fixture, in this process."""
    return Ninox4Server()


# Adding a contract is one line; give it a scenario directory (like ninox/) and an emulator to
# also run it.
CONTRACTS = [
    Contract("ninox", ROOT / "openapi" / "ninox.yaml", HERE / "ninox", classic_emulator),
    Contract("ninox4", ROOT / "openapi" / "ninox4.yaml", HERE / "ninox4", ninox4_emulator),
]

# Warnings a generator prints that no change to the contract can avoid, with the reason.
KNOWN_WARNINGS = [
    # openapi-generator 7.26 prints this for every OpenAPI 3.1 document.
    r"OpenAPI 3\.1 support is still in beta",
    # openapi-generator 7.26 (3.1 parser) logs it for a $ref to an object schema that has
    # additionalProperties (RecordFields); the output is right. Dropping additionalProperties
    # would make openapi-typescript type the fields as Record<string, never>.
    r"ModelUtils - Failed to get the schema name: null",
]
WARNING = re.compile(r"warn|⚠|deprecat|error|failed|cannot|unsupported|skipp", re.IGNORECASE)


class CheckError(Exception):
    """A consumer step failed; the message says which and why."""


def run(
    cmd: list[str], what: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> str:
    """Run a command, fail with its output if it exits non-zero; return stdout+stderr."""
    proc = subprocess.run(
        cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False
    )
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise CheckError(f"{what}: exit {proc.returncode}\n{out.strip()}")
    return out


def warnings_in(output: str) -> list[str]:
    """Lines of generator output that look like a warning and are not known to be unavoidable."""
    clean = re.sub(r"\x1b\[[0-9;]*m", "", output)
    return [
        line.strip()
        for line in clean.splitlines()
        if WARNING.search(line) and not any(re.search(k, line) for k in KNOWN_WARNINGS)
    ]


def generate_clients(spec: Path, work: Path) -> list[str]:
    """Run every generator on ``spec`` into ``work/gen``; return the report lines."""
    gen = work / "gen"
    jobs: list[tuple[str, list[str], dict[str, str]]] = [
        (
            "@hey-api/openapi-ts",
            [
                str(NODE_BIN / "openapi-ts"),
                "-i",
                str(spec),
                "-o",
                str(gen / "heyapi"),
                "-c",
                "@hey-api/client-fetch",
            ],
            {},
        ),
        (
            "openapi-typescript",
            [
                str(NODE_BIN / "openapi-typescript"),
                str(spec),
                "-o",
                str(gen / "openapi-typescript" / "schema.d.ts"),
            ],
            {},
        ),
        (
            "orval",
            [str(NODE_BIN / "orval"), "--config", str(work / "orval.config.cjs")],
            {
                "ORVAL_INPUT": str(spec),
                "ORVAL_OUTPUT": str(gen / "orval" / "api.ts"),
                "ORVAL_MUTATOR": str(work / "orval-fetch.ts"),
            },
        ),
        (
            "openapi-zod-client",
            [str(NODE_BIN / "openapi-zod-client"), str(spec), "-o", str(gen / "zodios" / "api.ts")],
            {},
        ),
    ]
    (gen / "zodios").mkdir(parents=True, exist_ok=True)

    def generate(name: str, cmd: list[str], env: dict[str, str]) -> str:
        start = time.monotonic()
        out = run(cmd, f"{name} on {spec.name}", cwd=work, env={"NO_UPDATE_NOTIFIER": "1", **env})
        bad = warnings_in(out)
        if bad:
            raise CheckError(f"{name} on {spec.name} warned:\n  " + "\n  ".join(bad))
        return f"{name}: generated in {time.monotonic() - start:.1f}s, no warnings"

    # The generators write to separate directories and are mostly their own start-up: run side by
    # side with openapi-generator's JVM (below), reported in a fixed order.
    with ThreadPoolExecutor(max_workers=GENERATORS_AT_ONCE) as pool:
        node = [pool.submit(generate, *job) for job in jobs]
        java = pool.submit(generate_java, spec, work)
        report = [job.result() for job in node]
        report.append(java.result())
    return report


def generate_java(spec: Path, work: Path) -> str:
    """openapi-generator's Python and Go clients into ``work/gen``; return the report line."""
    gen = work / "gen"
    # Both openapi-generator clients in one JVM (``batch``), which saves a JVM start.
    common = {
        "inputSpec": str(spec),
        # The first tag names an operation's group (ninox4.yaml: a second tag, `observed`, marks
        # operations missing from Ninox's July document). openapi-generator files an operation
        # under every tag; the Go client then declares its request type twice and does not build.
        "openapiNormalizer": {"KEEP_ONLY_FIRST_TAG_IN_OPERATION": "true"},
        "globalProperties": {
            "apiTests": "false",
            "modelTests": "false",
            "apiDocs": "false",
            "modelDocs": "false",
        },
    }
    configs = {
        "python": {
            **common,
            "generatorName": "python",
            "outputDir": str(gen / "python"),
            "additionalProperties": {"packageName": "ninox_client"},
        },
        "go": {
            **common,
            "generatorName": "go",
            "outputDir": str(gen / "go"),
            "gitHost": "example.invalid",
            "gitUserId": "ninoxkit",
            "gitRepoId": "ninox-go",
            # enumClassPrefix: without it every enum constant is named by its value alone, so two
            # enums sharing a value (`T`, `admin`) redeclare one Go identifier.
            "additionalProperties": {
                "packageName": "ninox",
                "isGoSubmodule": False,
                "enumClassPrefix": True,
            },
        },
    }
    names = []
    for lang, cfg in configs.items():
        path = work / f"openapi-generator-{lang}.json"
        path.write_text(json.dumps(cfg, indent=2))
        names.append(str(path))
    start = time.monotonic()
    out = run(
        [str(VENV_BIN / "openapi-generator-cli"), "batch", "--fail-fast", *names],
        f"openapi-generator on {spec.name}",
        cwd=work,
    )
    bad = warnings_in("\n".join(line for line in out.splitlines() if " WARN " in line))
    if bad:
        raise CheckError(f"openapi-generator on {spec.name} warned:\n  " + "\n  ".join(bad))
    return (
        f"openapi-generator python+go: generated in {time.monotonic() - start:.1f}s, "
        "no warnings but the known ones"
    )


def check_clients(work: Path, scenarios: Path | None, go: str | None) -> list[str]:
    """Type-check the generated clients (with their scenarios, when there are any)."""
    report: list[str] = []
    start = time.monotonic()
    # Incremental, with its build info and output kept beside the work folder: files whose text
    # is unchanged since the last run (the generated clients, while the contract stays as it is)
    # are not checked again; their diagnostics are kept and reported all the same.
    out = tsc_out(work)
    if not (out / "dist").is_dir():
        shutil.rmtree(out, ignore_errors=True)
    run(
        [
            str(NODE_BIN / "tsc"),
            "-p",
            str(work / "tsconfig.json"),
            "--incremental",
            "--tsBuildInfoFile",
            str(out / "tsbuildinfo.json"),
            "--outDir",
            str(out / "dist"),
        ],
        "tsc --strict",
        cwd=work,
    )
    report.append(f"tsc --strict: 4 TypeScript clients clean in {time.monotonic() - start:.1f}s")
    start = time.monotonic()
    targets = ["gen/python/ninox_client"] + (["python_client.py"] if scenarios else [])
    run(
        [
            str(VENV_BIN / "mypy"),
            "--config-file",
            str(HERE / "mypy.ini"),
            "--cache-dir",
            str(CACHE / "mypy"),
            *targets,
        ],
        "mypy (openapi-generator python)",
        cwd=work,
        env={"MYPYPATH": str(work / "gen" / "python")},
    )
    report.append(f"mypy: Python client clean in {time.monotonic() - start:.1f}s")
    if go is None:
        report.append("go vet: SKIPPED (no Go toolchain: Debian's golang-go was not installable)")
    else:
        start = time.monotonic()
        run([go, "vet", "./..."], "go vet", cwd=work / "gen" / "go", env=go_env())
        report.append(f"go vet: Go client clean in {time.monotonic() - start:.1f}s")
    return report


def tsc_out(work: Path) -> Path:
    """Where tsc keeps one contract's build info and compiled scenarios (outside ``work``)."""
    return CACHE / "tsc" / work.name


def go_env() -> dict[str, str]:
    """Offline Go: the generated client needs nothing but the standard library."""
    return {
        "GOFLAGS": "-mod=mod",
        "GOPROXY": "off",
        "GOTOOLCHAIN": "local",
        "GOCACHE": str(CACHE / "go-build"),
        "GOPATH": str(CACHE / "gopath"),
        "GOTELEMETRY": "off",
    }


def prepare_go(work: Path, scenarios: Path | None, go: str | None) -> None:
    """Put the Go scenario into the generated module and match its go directive to the toolchain."""
    if go is None:
        return
    module = work / "gen" / "go"
    if scenarios is not None and (scenarios / "go_client.go").exists():
        (module / "cmd" / "scenario").mkdir(parents=True, exist_ok=True)
        shutil.copy(scenarios / "go_client.go", module / "cmd" / "scenario" / "main.go")
    local = re.search(r"go(\d+\.\d+)", run([go, "env", "GOVERSION"], "go env"))
    gomod = (module / "go.mod").read_text()
    wanted = re.search(r"^go (\d+\.\d+)", gomod, re.M)
    if local and wanted:
        have, need = (tuple(int(x) for x in v.split(".")) for v in (local[1], wanted[1]))
        if have < need:
            # The generated code builds on older toolchains; only the directive is newer.
            print(f"  note: go.mod asks for go {wanted[1]}, using the local go {local[1]}")
            (module / "go.mod").write_text(gomod.replace(wanted[0], f"go {local[1]}", 1))


class ClassicEmulator:
    """``python -m ninoxkit.testing`` on 127.0.0.1 with the crm fixture, reset between clients."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "python"),
                "-m",
                "ninoxkit.testing",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--fixture",
                "crm",
                "--token",
                TOKEN,
                "--deterministic",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        self.base_url = self.proc.stdout.readline().strip()
        if not self.base_url.startswith("http://127.0.0.1:"):
            self.stop()
            raise CheckError(f"emulator did not start (printed {self.base_url!r})")

    def env(self) -> dict[str, str]:
        """The API root and the fixture's token."""
        return {"NINOX_BASE_URL": self.base_url, "NINOX_TOKEN": TOKEN}

    def reset(self) -> None:
        """Initial data back (record ids start again after the fixture's)."""
        root = self.base_url.removesuffix("/v1")
        req = urllib.request.Request(f"{root}/_emulator/reset", method="POST")
        with urllib.request.urlopen(req, timeout=10) as resp:  # loopback only
            resp.read()

    def stop(self) -> None:
        """Stop the emulator process (it is ours)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Ninox4Server:
    """:class:`ninoxkit.testing.v4.Ninox4Emulator` on 127.0.0.1 in a thread of this process."""

    def __init__(self) -> None:
        from ninoxkit.testing.v4 import Ninox4Emulator

        self.emulator = Ninox4Emulator(fixture="sample", deterministic=True).start()

    def env(self) -> dict[str, str]:
        """The host (paths start with /api/v1/workspace/…), a full-scope key, the workspace."""
        emu = self.emulator
        return {
            "NINOX_BASE_URL": emu.url,
            "NINOX_TOKEN": emu.token,
            "NINOX_WORKSPACE": emu.workspace.id,
        }

    def reset(self) -> None:
        """The sample data, keys and clock back."""
        self.emulator.reset()

    def stop(self) -> None:
        """Stop the server thread."""
        self.emulator.stop()


def run_scenarios(work: Path, go: str | None, start_emulator: Callable[[], Emulator]) -> list[str]:
    """Run every client's scenario against a fresh emulator."""
    report: list[str] = []
    emulator = start_emulator()
    env = {**emulator.env(), "NO_PROXY": "127.0.0.1"}
    clients: list[tuple[str, list[str], Path, dict[str, str]]] = [
        (name, ["node", str(tsc_out(work) / "dist" / f"{name}.js")], work, {})
        for name in ("heyapi", "openapi-fetch", "orval", "zodios")
    ]
    clients.append(
        (
            "python",
            [str(VENV_BIN / "python"), "python_client.py"],
            work,
            {"PYTHONPATH": str(work / "gen" / "python")},
        )
    )
    if go is not None:
        clients.append(("go", [go, "run", "./cmd/scenario"], work / "gen" / "go", go_env()))
    try:
        for name, cmd, cwd, extra in clients:
            emulator.reset()
            start = time.monotonic()
            out = run(cmd, f"{name} scenario", cwd=cwd, env={**env, **extra}).strip()
            last = out.splitlines()[-1] if out else name
            report.append(f"{last} [{time.monotonic() - start:.1f}s]")
    finally:
        emulator.stop()
    return report


def find_go() -> str | None:
    """The Go toolchain on PATH (scripts/check-consumers installs Debian's golang-go if it can)."""
    return shutil.which("go")


def check_contract(contract: Contract) -> None:
    """All steps for one contract; raises CheckError on the first failure."""
    work = CACHE / "work" / contract.name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if contract.scenarios is not None:
        for item in contract.scenarios.iterdir():
            if item.is_file():
                shutil.copy(item, work / item.name)
    else:
        shutil.copy(HERE / "ninox" / "tsconfig.json", work / "tsconfig.json")
        (work / "python_client.py").touch()
    go = find_go()
    print(f"== {contract.name}: {contract.spec.relative_to(ROOT)}", flush=True)
    for line in generate_clients(contract.spec, work):
        print(f"  {line}")
    prepare_go(work, contract.scenarios, go)
    for line in check_clients(work, contract.scenarios, go):
        print(f"  {line}")
    if contract.scenarios is None or contract.emulator is None:
        print("  run: no scenario for this contract (generate and type-check only)")
    else:
        for line in run_scenarios(work, go, contract.emulator):
            print(f"  {line}")


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("contracts", nargs="*", help="names from CONTRACTS (default: all)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # in order with stderr
    chosen = [c for c in CONTRACTS if not args.contracts or c.name in args.contracts]
    start = time.monotonic()
    failed = []
    for contract in chosen:  # every contract, so that one failure does not hide another
        if not contract.spec.exists():
            print(f"== {contract.name}: {contract.spec.relative_to(ROOT)} missing; skipped")
            continue
        lap = time.monotonic()
        try:
            check_contract(contract)
        except CheckError as exc:
            print(f"check-consumers: {contract.name} FAILED: {exc}", file=sys.stderr, flush=True)
            failed.append(contract.name)
        else:
            print(f"  {contract.name}: ok in {time.monotonic() - lap:.0f}s", flush=True)
    took = f"{time.monotonic() - start:.0f}s"
    if failed:
        print(f"check-consumers: FAILED for {', '.join(failed)} ({took})", file=sys.stderr)
        return 1
    print(f"check-consumers: ok ({took})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
