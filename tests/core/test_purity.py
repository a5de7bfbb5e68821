"""The pure core and the batch commands never import Django."""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "techbridge"
PURE_FILES = sorted([*SOURCE.joinpath("core").rglob("*.py"), *SOURCE.joinpath("cli").rglob("*.py")])


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PURE_FILES, ids=lambda path: str(path.relative_to(SOURCE)))
def test_pure_module_imports_no_django(path):
    forbidden = {
        name
        for name in _imported_modules(path)
        if name == "django"
        or name.startswith(("django.", "rest_framework"))
        or (
            name.startswith("techbridge.")
            and not name.startswith(("techbridge.core", "techbridge.cli"))
        )
    }
    assert forbidden == set()
