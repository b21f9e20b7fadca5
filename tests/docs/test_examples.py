"""Every example in README.md and docs/ runs as written against the bundled emulator.

Per Markdown file, one test: the emulator (sample CRM, deterministic) is reset, the environment
points at it (``NINOX_API_KEY``, ``NINOX_BASE_URL``, ``NINOX_TEAM_ID``, ``NINOX_DATABASE_ID``, as
docs/pages/getting-started.md tells a reader to set them), the working directory is empty, and
then, in order:

* every ```python block is executed, in one namespace per file (later blocks may use names
  defined by earlier ones, as a reader would in one session);
* every ```bash / ```console block whose first command starts with ``ninoxkit `` has each of its
  commands run: plain ones through the CLI's click runner, ones with a pipe or a redirection
  through ``bash`` with the environment's ``ninoxkit`` on ``PATH``; each must exit 0.

The Ninox 4 guide (``docs/pages/guides/ninox4.md``) runs against a ``Ninox4Emulator`` with the
sample workspace instead, with ``NINOX4_API_KEY``, ``NINOX4_WORKSPACE_ID`` and ``NINOX4_BASE_URL``
set as that page tells a reader to set them (the classic variables are set too, as for every page).

A block right after ``<!-- skip: reason -->`` is not run (a server that runs until Ctrl-C, a
live-account setting); other blocks (``pip install``, YAML, ``python -m ...``) are shown only.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from ninoxkit._cli import _v4  # noqa: F401  # registers `ninoxkit v4`, as _cli.main does
from ninoxkit._cli._app import cli
from ninoxkit.testing import NinoxEmulator
from ninoxkit.testing.v4 import Ninox4Emulator

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
TEAM, DATABASE = "AcmeTeam4mPLY6DMs", "crm0acme0001"
NINOX4_PAGES = {ROOT / "docs/pages/guides/ninox4.md"}
LOOPBACK = [r"127\.0\.0\.1", r"::1", r"localhost"]

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
SKIP = re.compile(r"<!--\s*skip:\s*(.+?)\s*-->\s*$")
SHELL_SYNTAX = re.compile(r"[|<>;&]")


@dataclass
class Block:
    path: Path
    line: int
    lang: str
    code: str
    skip: str | None

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, with the line they start on."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        skip = SKIP.search(before)
        found.append(
            Block(
                path=path,
                line=text.count("\n", 0, match.start()) + 1,
                lang=match.group(1).lower(),
                code=match.group(2),
                skip=skip.group(1) if skip else None,
            )
        )
    return found


def commands(code: str) -> list[str]:
    """The commands of a shell block: prompts and comments dropped, continuations joined."""
    out: list[str] = []
    pending = ""
    for raw in code.splitlines():
        line = raw.removeprefix("$ ")
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        out.append((pending + line).strip())
        pending = ""
    return out


def strip_comment(command: str) -> str:
    """A command without its trailing ``# comment`` (outside quotes)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=False)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    words = list(lexer)
    # Re-quote so that the CLI receives exactly the words a shell would pass.
    return shlex.join(words)


@pytest.fixture(scope="module")
def emulator() -> Iterator[NinoxEmulator]:
    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        yield emu


@pytest.fixture(scope="module")
def emulator4() -> Iterator[Ninox4Emulator]:
    with Ninox4Emulator(fixture="sample", deterministic=True) as emu:
        yield emu


def run_python(block: Block, namespace: dict[str, object]) -> None:
    code = compile(textwrap.dedent(block.code), block.where, "exec")
    try:
        exec(code, namespace)
    except BaseException as exc:
        raise AssertionError(f"{block.where}: the example raised {exc!r}") from exc


def run_shell(block: Block, env: dict[str, str]) -> None:
    runner = CliRunner()
    for command in commands(block.code):
        assert command.startswith("ninoxkit "), (
            f"{block.where}: {command!r} is not a ninoxkit command; a block that runs "
            "ninoxkit commands should hold only those"
        )
        if SHELL_SYNTAX.search(command.split("#", 1)[0]):
            done = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", command],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            code, output = done.returncode, done.stdout + done.stderr
        else:
            args = shlex.split(strip_comment(command))[1:]
            result = runner.invoke(cli, args, env=env, catch_exceptions=False)
            code, output = result.exit_code, result.output
        assert code == 0, f"{block.where}: `{command}` exited {code}:\n{output[-2000:]}"


def runnable(block: Block) -> bool:
    if block.lang == "python":
        return True
    if block.lang in {"bash", "console", "sh", "shell"}:
        first = next(iter(commands(block.code)), "")
        return first.startswith("ninoxkit ")
    return False


@pytest.mark.block_network(allowed_hosts=LOOPBACK)
@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_run_as_written(
    path: Path,
    emulator: NinoxEmulator,
    emulator4: Ninox4Emulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    emulator.reset()
    settings = {
        "NINOX_API_KEY": emulator.token,
        "NINOX_BASE_URL": emulator.base_url,
        "NINOX_TEAM_ID": TEAM,
        "NINOX_DATABASE_ID": DATABASE,
    }
    if path in NINOX4_PAGES:
        emulator4.reset()
        settings |= {
            "NINOX4_API_KEY": emulator4.token,
            "NINOX4_WORKSPACE_ID": emulator4.workspace.id,
            "NINOX4_BASE_URL": emulator4.url,
        }
    else:
        for name in ("NINOX4_API_KEY", "NINOX4_WORKSPACE_ID", "NINOX4_BASE_URL"):
            monkeypatch.delenv(name, raising=False)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, **settings, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    for block in blocks(path):
        if block.skip is not None or not runnable(block):
            continue
        if block.lang == "python":
            run_python(block, namespace)
        else:
            run_shell(block, env)
        ran += 1
    assert ran or path not in NINOX4_PAGES, f"{path}: no example ran"
    capsys.readouterr()  # examples print; the output is not checked here


def test_the_ninox4_guide_exists_and_is_run_against_the_v4_emulator() -> None:
    assert set(DOCS) >= NINOX4_PAGES
    for path in NINOX4_PAGES:
        ran = [b for b in blocks(path) if runnable(b) and b.skip is None]
        assert len(ran) >= 8, path
        assert all(b.skip is None for b in blocks(path)), "the Ninox 4 guide uses no skips"


def test_skips_are_few_and_give_a_reason() -> None:
    skipped = [b for path in DOCS for b in blocks(path) if b.skip is not None]
    assert len(skipped) <= 4, [b.where for b in skipped]
    assert all(b.skip for b in skipped)


def test_every_guide_runs_an_example() -> None:
    # A guide whose examples were all skipped or not runnable would not be checked at all.
    guides = [ROOT / "README.md", *(ROOT / "docs/pages/guides").glob("*.md")]
    assert len(guides) > 5
    for path in guides:
        assert any(runnable(b) and b.skip is None for b in blocks(path)), path


def test_the_extractor_reads_blocks_skips_and_commands() -> None:
    sample = ROOT / "tests/docs/_sample.md"
    text = (
        "text\n\n```python\nx = 1\n```\n\n<!-- skip: needs a live account -->\n"
        "```bash\nninoxkit teams\n```\n\n```bash\n$ ninoxkit tables  # a comment\n"
        "ninoxkit query \\\n  'count(select Contacts)'\n```\n"
    )
    try:
        sample.write_text(text, encoding="utf-8")
        found = blocks(sample)
    finally:
        sample.unlink()
    assert [(b.lang, b.line, b.skip) for b in found] == [
        ("python", 3, None),
        ("bash", 8, "needs a live account"),
        ("bash", 12, None),
    ]
    assert commands(found[2].code) == [
        "ninoxkit tables  # a comment",
        "ninoxkit query    'count(select Contacts)'",
    ]
    assert shlex.split(strip_comment(commands(found[2].code)[0])) == ["ninoxkit", "tables"]


def test_readme_links_point_at_files_that_exist() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        if "://" in target:
            continue
        assert (ROOT / target).exists(), target
