"""Every public function and method that takes arguments documents them (house style: Google
docstrings with ``Args:``, and ``Returns:``/``Raises:`` where they apply; issue #19 item 7).

Public means what a user reaches: the names exported by ``ninoxkit``, ``ninoxkit.nx``,
``ninoxkit.testing`` and ``ninoxkit.testing.v4``, and the resource classes their clients hand out
(``ninoxkit._async.resources``, ``ninoxkit._async.v4``; the sync twins are written from them).
A function counts as documented when its docstring has an ``Args:`` section that names every
parameter. ``args_todo.txt`` beside this file listed the ones still missing while issue #19
item 7 was open; every one is documented now and the file is gone, so a function added
undocumented fails at once (a file of that name, if ever brought back, may only shrink).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

TODO_FILE = Path(__file__).with_name("args_todo.txt")
EXPORTING = ("ninoxkit", "ninoxkit.nx", "ninoxkit.testing", "ninoxkit.testing.v4")
RESOURCE_PACKAGES = ("ninoxkit._async.resources", "ninoxkit._async.v4")


def _modules(package: str) -> Iterator[ModuleType]:
    root = importlib.import_module(package)
    yield root
    for info in pkgutil.iter_modules(root.__path__):
        yield importlib.import_module(f"{package}.{info.name}")


def _public_objects() -> Iterator[tuple[str, Any]]:
    for name in EXPORTING:
        module = importlib.import_module(name)
        for attr in module.__all__:
            yield f"{name}.{attr}", getattr(module, attr)
    for package in RESOURCE_PACKAGES:
        for module in _modules(package):
            for attr, value in vars(module).items():
                public = not attr.startswith("_") and inspect.isclass(value)
                if public and value.__module__ == module.__name__:
                    yield f"{module.__name__}.{attr}", value


def _is_sync_twin(fn: Callable[..., Any]) -> bool:
    """Whether ``fn`` is written by scripts/unasync.py from its async twin (documented there).

    Told by its source file, not its module name: the exported classes' ``__module__`` is
    ``ninoxkit`` (``ninoxkit.Records``, ``ninoxkit.AsyncRecords``) for both twins.
    """
    return "_sync" in Path(fn.__code__.co_filename).parts


def _functions() -> Iterator[tuple[str, Callable[..., Any], type | None]]:
    """(qualified name, function, the class it is a method of) of every public function."""
    seen: set[int] = set()
    for _, obj in _public_objects():
        if inspect.isclass(obj):
            if not obj.__module__.startswith("ninoxkit"):
                continue  # generated models document themselves
            members = [
                (f"{obj.__module__}.{obj.__qualname__}.{name}", fn, obj)
                for name, fn in vars(obj).items()
                if (not name.startswith("_") or name == "__init__")
                and inspect.isfunction(fn)
                and not _is_sync_twin(fn)
            ]
        elif inspect.isfunction(obj) and obj.__module__.startswith("ninoxkit"):
            members = [(f"{obj.__module__}.{obj.__qualname__}", obj, None)]
        else:
            continue
        for name, fn, owner in members:
            if id(fn) not in seen:
                seen.add(id(fn))
                yield name, fn, owner


def _undocumented_args(fn: Callable[..., Any], owner: type | None) -> list[str]:
    """The parameters of ``fn`` its docstring's ``Args:`` does not name. A constructor's
    parameters may be documented in the class docstring instead, as ``Args:`` or (for attrs
    and dataclasses, whose ``__init__`` is generated) ``Attributes:``."""
    params = [
        p.name
        for p in inspect.signature(fn).parameters.values()
        if p.name not in ("self", "cls")
        and not p.name.startswith("_")
        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if not params:
        return []
    docs = [fn.__doc__ or ""]
    if fn.__name__ == "__init__" and owner is not None:
        docs.append(owner.__doc__ or "")
    sections = [
        inspect.cleandoc(doc).split(header, 1)[1]
        for doc in docs
        for header in ("Args:", "Attributes:")
        if header in doc
    ]
    return [p for p in params if not any(f"{p}:" in s or f"{p} (" in s for s in sections)]


def missing() -> dict[str, list[str]]:
    """Public function → the parameters its docstring leaves undocumented."""
    return {
        name: gaps for name, fn, owner in _functions() if (gaps := _undocumented_args(fn, owner))
    }


def test_every_public_function_documents_its_arguments() -> None:
    todo = set(TODO_FILE.read_text().split()) if TODO_FILE.exists() else set()
    found = missing()
    new = {name: gaps for name, gaps in found.items() if name not in todo}
    assert not new, f"document these arguments in an Args: section: {new}"
    fixed = sorted(todo - set(found))
    assert not fixed, f"documented now: remove from {TODO_FILE.name}: {fixed}"


def test_the_check_sees_the_public_surface() -> None:
    names = {name for name, _, _ in _functions()}
    assert "ninoxkit.AsyncRecords.list" in names
    assert "ninoxkit.AsyncRecords4.create" in names
    assert not any(name.startswith(("ninoxkit.Records.", "ninoxkit.Table.")) for name in names)
    assert "ninoxkit.nx.quote" in names
    assert len(names) > 100


#: A measured figure: "40 µs", "3.2 ms", "1.3×", "13x faster". Figures live in scripts/bench and
#: the docs' benchmark page, where they are measured; in a docstring they rot.
FIGURE = re.compile(r"(?<![\d.e])\d+(?:[.,]\d+)?\s?(?:µs|ms|×)|\d+x (?:faster|slower)")


def test_no_public_docstring_quotes_a_benchmark_figure() -> None:
    quoting = {
        name: match.group(0)
        for name, fn, _ in _functions()
        if (match := FIGURE.search(fn.__doc__ or ""))
    }
    assert quoting == {}


#: A measured time or ratio (``40 µs``, ``1.5 ms``, ``2.1×``): benchmark figures rot in a
#: docstring; they live in scripts/bench and docs/pages/benchmarks.md (issue #19 item 7).
TIMING = re.compile(r"(?<![\w.])\d[\d.,]*\s?(?:µs|us|ms|ns)\b|(?<![\w.])\d[\d.,]*\s?×")
OVERLAY = Path(__file__).resolve().parents[2] / "overlay" / "ninoxkit"


def _docstrings(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield getattr(node, "lineno", 1), doc


def test_no_docstring_quotes_a_benchmark_figure() -> None:
    found = [
        f"{path.relative_to(OVERLAY)}:{line}: {match.group(0)!r}"
        for path in sorted(OVERLAY.rglob("*.py"))
        for line, doc in _docstrings(path)
        for match in TIMING.finditer(doc)
    ]
    assert not found, "benchmark figures in docstrings:\n" + "\n".join(found)


def test_the_figure_check_finds_a_figure() -> None:
    assert TIMING.search("the benchmark showed ~40 µs there")
    assert TIMING.search("about 2.1× the baseline")
    assert not TIMING.search("an offset that moves it past year 9999, 1e20 ms")
