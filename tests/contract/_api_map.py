"""scripts/api_map.py as a module (scripts/ is not a package): the one reader of which overlay
method sends which generated operation."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load() -> ModuleType:
    if "api_map" in sys.modules:
        return sys.modules["api_map"]
    spec = importlib.util.spec_from_file_location("api_map", ROOT / "scripts" / "api_map.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["api_map"] = module
    spec.loader.exec_module(module)
    return module


api_map = load()
