"""The shape of the code (docs/architecture.md): layers, no cycles, small files, few local imports.

These read the source, not the database, so a new upward import, a cycle, an oversized module or
a build-history comment fails the suite as well as `make lint`.
"""

import ast
import io
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("rsi_portal", "portfolio", "projects", "finance", "governance", "api")
DOMAIN_APPS = ("projects", "finance", "governance")
COMPOSITION = (
    "portfolio.dashboard",
    "portfolio.rhythm",
    "portfolio.pipeline",
    "portfolio.demo",
    "portfolio.management",
    "api",
)
MAX_LINES = 450
MAX_LOCAL_IMPORTS = 15  # fewer than this many in the whole of app code

# Build-history tags say how the code was made, not what it does.
HISTORY_TAGS = [
    re.compile(r"\bissue\s*#?\d+", re.IGNORECASE),
    re.compile(r"\b(RHYTHM|GATES|STATUS|FINANCE|GOVERNANCE|PROJECTS)\b\s*(:|\()"),
    re.compile(r"---\s*(RHYTHM|GATES|STATUS|FINANCE|GOVERNANCE|PROJECTS)\b"),
]


def app_files() -> list[Path]:
    files = []
    for app in APPS:
        files += [p for p in sorted((ROOT / app).rglob("*.py")) if "migrations" not in p.relative_to(ROOT).parts]
    return files


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _comment_lines(source: str) -> dict[int, str]:
    """Line number -> the comment on that line."""
    return {
        token.start[0]: token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    }


def _docstrings(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                found.append((node.body[0].lineno, doc))
    return found


def _local_imports(tree: ast.Module) -> list[ast.stmt]:
    """Import statements inside a function body (at any depth)."""
    found = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found[(node.lineno, node.col_offset)] = node
    return [found[key] for key in sorted(found)]


def _import_graph():
    return grimp.build_graph(*APPS, cache_dir=None)


# --- Import contracts ------------------------------------------------------------------------


def test_import_contracts_hold():
    """`lint-imports` with .importlinter: layers, forbidden imports and no sibling cycles."""
    executable = Path(sys.executable).with_name("lint-imports")
    command = str(executable) if executable.exists() else shutil.which("lint-imports")
    assert command, "import-linter is not installed (pip install -e '.[dev]')"
    result = subprocess.run([command, "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_portfolio_base_imports_nothing_above_it():
    """Every portfolio module outside the composition packages, also one added later."""
    graph = _import_graph()
    above = DOMAIN_APPS + COMPOSITION
    offenders = []
    for module in sorted(graph.find_descendants("portfolio")):
        if any(module == c or module.startswith(c + ".") for c in COMPOSITION):
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if any(imported == a or imported.startswith(a + ".") for a in above):
                offenders.append(f"{module} -> {imported}")
    assert not offenders, "\n".join(offenders)


def _is_task_calling_its_service(importer: str, imported: str) -> bool:
    """The accepted edge: a thin task imports its service inside the task body."""
    return importer.rsplit(".", 1)[-1] == "tasks" and "services" in imported.split(".")


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def test_no_import_cycles_in_app_code():
    """Also across apps (projects.selectors -> governance.selectors -> projects.selectors), which
    the acyclic_siblings contract cannot see because each app is a root package of its own."""
    graph = _import_graph()
    edges = {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if not _is_task_calling_its_service(module, imported)
        }
        for module in graph.modules
    }
    cycles = _cycles(edges)
    assert not cycles, "\n".join(" <-> ".join(cycle) for cycle in cycles)


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


# --- Size and tidiness -----------------------------------------------------------------------


def test_no_app_module_is_over_450_lines():
    long_files = {
        _relative(p): n for p in app_files() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long_files, f"over {MAX_LINES} lines: {long_files}"


def _all_local_imports() -> list[tuple[str, int, bool]]:
    """(file, line, has a comment on the line or the line above) for every function-local import."""
    found = []
    for path in app_files():
        source = path.read_text(encoding="utf-8")
        comments = _comment_lines(source)
        for node in _local_imports(ast.parse(source)):
            lines = range(node.lineno - 1, (node.end_lineno or node.lineno) + 1)
            found.append((_relative(path), node.lineno, any(line in comments for line in lines)))
    return found


def test_function_local_imports_are_few():
    imports = _all_local_imports()
    listing = "\n".join(f"{path}:{line}" for path, line, _commented in imports)
    print(f"{len(imports)} function-local imports in app code:\n{listing}")
    assert len(imports) < MAX_LOCAL_IMPORTS, listing


def test_each_function_local_import_says_why():
    silent = [f"{path}:{line}" for path, line, commented in _all_local_imports() if not commented]
    assert not silent, "function-local imports without a comment on the line or the line above:\n" + "\n".join(silent)


def test_local_import_finder_sees_nested_imports_and_their_comments():
    source = (
        "import os\n"
        "def f():\n"
        "    # the service module imports this one\n"
        "    from . import services\n"
        "    def g():\n"
        "        import json\n"
        "class C:\n"
        "    import re\n"
    )
    nodes = _local_imports(ast.parse(source))
    assert [n.lineno for n in nodes] == [4, 6]
    assert set(_comment_lines(source)) == {3}


def _history_tags(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        texts = list(_comment_lines(source).items()) + _docstrings(ast.parse(source))
    else:  # template {# #} / {% comment %} and CSS /* */ comments
        texts = [
            (source.count("\n", 0, m.start()) + 1, m.group(0))
            for m in re.finditer(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}|/\*.*?\*/", source, re.DOTALL)
        ]
    return [
        f"{_relative(path)}:{line}: {text.strip()[:100]}"
        for line, text in texts
        if any(tag.search(text) for tag in HISTORY_TAGS)
    ]


def test_no_build_history_tags_in_comments():
    templates = sorted((ROOT / "templates").rglob("*.html"))
    files = app_files() + templates + sorted((ROOT / "static" / "css").rglob("*.css"))
    tagged = [hit for path in files for hit in _history_tags(path)]
    assert not tagged, "\n".join(tagged)


@pytest.mark.parametrize(
    ("comment", "tagged"),
    [
        ("# --- RHYTHM (issue 7): monthly reports", True),
        ("# GATES: R5", True),
        ("# --- STATUS (issue 3, R13): what is due", True),
        ("# Issue 12 fixed this", True),
        ("# the monthly rhythm (R13) and the gate status", False),
        ("# R17: buffer ≤ 10 % of total expenses", False),
    ],
)
def test_history_tag_patterns(comment, tagged):
    assert any(tag.search(comment) for tag in HISTORY_TAGS) is tagged
