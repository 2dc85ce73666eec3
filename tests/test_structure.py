"""The layers of docs/architecture.md hold: imports go one way, no cycles, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "src" / "hplan"
LAYERS = {
    "plan": set(),
    "store": {"plan"},
    "queries": {"plan"},
    "render": {"plan", "queries"},
    "mail": {"plan"},
    "imports": {"plan"},
    "api": {"plan", "store", "queries", "render", "mail", "imports"},
    "web": {"plan", "api", "render"},
    "cli": {"plan", "api", "render", "web"},
}
"""What each layer may import besides itself and the shared top-level modules."""


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, type_only: bool = True) -> set[str]:
    """Every hplan module the file imports, at the top, inside a function, or for type
    checking only (`if TYPE_CHECKING:`): a name a module needs for its types is a dependency
    of its design even where it costs nothing at run time (issue 29: a cycle and an upward
    import hid there). `type_only=False` leaves those out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if not type_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
                node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hplan"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("hplan")}
    return found & set(modules())


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = []
    for name, path in modules().items():
        own = layer(name)
        if own is None:
            continue
        for imported in imports(path):
            other = layer(imported)
            if other is not None and other != own and other not in LAYERS[own]:
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_type_only_imports_are_counted() -> None:
    """The rules above read `if TYPE_CHECKING:` imports: switched off, a type-only import
    (here the pipeline's of the plan document it is handed) is no longer seen."""
    pipeline = PACKAGE / "api" / "pipeline.py"
    assert "hplan.store.document" in imports(pipeline)
    assert "hplan.store.document" not in imports(pipeline, type_only=False)


def test_there_are_no_import_cycles() -> None:
    graph = {name: imports(path) - {name} for name, path in modules().items()}
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        assert name not in trail, " → ".join([*trail[trail.index(name) :], name])
        if name in done:
            return
        for imported in graph.get(name, set()):
            if imported.startswith(name + "."):  # a package's __init__ importing its own modules
                continue
            visit(imported, [*trail, name])
        done.add(name)

    for name in graph:
        visit(name, [])


def test_no_module_is_over_400_lines() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_every_data_file_is_installed() -> None:
    """Each file of the package that is not Python (templates, stylesheets, catalogs) is named
    by pyproject's package-data, or a wheel would be without it (the web view's pages were)."""
    import re
    import tomllib

    config = tomllib.loads((PACKAGE.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["hplan"]
    # setuptools' globs: `*` stays inside one folder
    named = re.compile("|".join(re.escape(p).replace(r"\*", "[^/]*") for p in patterns))
    files = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc", ".po")
        and "__pycache__" not in path.parts
    ]  # fmt: skip
    assert "templates/web/base.html.j2" in files
    assert [f for f in files if not named.fullmatch(f)] == []


def test_front_doors_are_thin() -> None:
    """Each function of cli/ and web/ reads as: parse the request, call the api, render the
    result; none is over 60 lines (options are declared beside the command, as aliases)."""
    long = []
    for name, path in modules().items():
        if layer(name) not in ("cli", "web"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > 60:
                    long.append(f"{name}.{node.name}: {lines} lines")
    assert long == []


def test_one_place_in_the_web_view_catches_hplans_errors() -> None:
    """web/errors.py answers every kind of error; a view raises, never catches."""
    catching = set()
    for name, path in modules().items():
        if layer(name) != "web":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = ast.unparse(node.type)
                if any(
                    kind in caught
                    for kind in (
                        "HplanError",
                        "PlanInvalid",
                        "PlanChanged",
                        "UsageError",
                        "NotFound",
                        "WriteRefused",
                    )
                ):
                    catching.add(name)
    assert catching == {"hplan.web.errors"}
