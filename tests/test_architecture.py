"""Import contracts: the layers of ARCHITECTURE.md, no cycles, no private names across packages.

    records, errors, config, datafiles  ->  ingest, nlp  ->  store  ->  fusion  ->  output, report
    ->  api, run  ->  cli, server, evaluate

A module imports only from its own layer or those below; packages of one layer import each
other without cycles; inside ``nlp/`` the extractor packages import each other without cycles
(and only through ``nlp/shared/`` for what several use). Imports inside functions count too:
an import hidden in a function is still a dependency. Run it alone with
``python -m pytest tests/test_architecture.py``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"

LAYERS: list[set[str]] = [
    {"records", "errors", "config", "datafiles"},
    {"ingest", "nlp"},
    {"store"},
    {"fusion"},
    {"output", "report"},
    {"api", "run"},
    {"cli", "server", "evaluate", "__main__", "__init__"},
]
LAYER_OF = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def _imports() -> list[tuple[str, str, list[str]]]:
    """(importing module, imported module, names) for every newsgraph import in the source."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module, is_package = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[:len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] == "newsgraph":
                    found.append((module, target, [a.name for a in node.names]))
            elif isinstance(node, ast.Import):
                found.extend((module, a.name, []) for a in node.names if a.name.split(".")[0] == "newsgraph")
    return found


IMPORTS = _imports()


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle's nodes (strongly connected components of more than one node)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_package_has_a_layer():
    tops = {_top(m) for m, _, _ in IMPORTS} | {_top(t) for _, t, _ in IMPORTS}
    assert tops <= set(LAYER_OF), f"packages without a layer: {sorted(tops - set(LAYER_OF))}"


def test_no_module_imports_from_a_layer_above_its_own():
    upward = sorted({(m, t) for m, t, _ in IMPORTS
                     if LAYER_OF.get(_top(t), 0) > LAYER_OF.get(_top(m), 0)})
    assert not upward, "imports from a higher layer:\n" + "\n".join(f"  {m} -> {t}" for m, t in upward)


def test_packages_import_each_other_without_cycles():
    edges: dict[str, set[str]] = defaultdict(set)
    for module, target, _ in IMPORTS:
        if _top(module) != _top(target):
            edges[_top(module)].add(_top(target))
    assert not _cycles(edges), f"cycles between packages: {_cycles(edges)}"


def _nlp_part(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "nlp" else None


def test_extractor_packages_import_each_other_without_cycles():
    edges: dict[str, set[str]] = defaultdict(set)
    for module, target, _ in IMPORTS:
        a, b = _nlp_part(module), _nlp_part(target)
        if a and b and a != b:
            edges[a].add(b)
    assert not _cycles(edges), f"cycles between extractor packages: {_cycles(edges)}"
    assert not edges.get("shared", set()) - {"shared"}, "nlp/shared/ must not import an extractor package"


def test_no_private_name_is_imported_across_packages():
    def owner(module: str) -> str:
        parts = module.split(".")
        return ".".join(parts[:3] if len(parts) > 2 and parts[1] == "nlp" else parts[:2])

    private = sorted((m, t, n) for m, t, names in IMPORTS for n in names
                     if n.startswith("_") and not n.startswith("__") and owner(m) != owner(t))
    assert not private, "private names imported across packages:\n" + "\n".join(
        f"  {m} imports {n} from {t}" for m, t, n in private)


@pytest.mark.parametrize("package", sorted(p.name for p in (SRC / "nlp").iterdir()
                                           if p.is_dir() and (p / "extract.py").exists()))
def test_each_extractor_package_names_itself(package):
    """An extractor is a package with extract.py holding NAME, VERSION and extract()."""
    import importlib

    from newsgraph.nlp.pipeline import EXTRACTORS

    module = importlib.import_module(f"newsgraph.nlp.{package}.extract")
    assert module.NAME == package and isinstance(module.VERSION, str) and callable(module.extract)
    assert package in EXTRACTORS


def test_migrations_are_numbered_once_each():
    """Two branches that each add 'the next' migration must be renumbered when they meet."""
    numbers = [p.name.split("_", 1)[0] for p in (SRC / "store" / "migrations").glob("*.sql")]
    assert len(numbers) == len(set(numbers)), sorted(numbers)


def test_an_extractor_imports_only_extractors_that_run_before_it():
    """What an extractor uses of another (a function, a table) must come from one it runs after."""
    from newsgraph.nlp.pipeline import EXTRACTORS

    late = sorted({(a, b) for m, t, _ in IMPORTS if (a := _nlp_part(m)) in EXTRACTORS
                   and (b := _nlp_part(t)) in EXTRACTORS and EXTRACTORS.index(b) > EXTRACTORS.index(a)})
    assert not late, f"extractors importing ones that run after them: {late}"
