"""The shape the code keeps: no function longer than a screen (outside migrations and
tests), so logic stays in small named pieces a reader can hold at once."""

import ast
from pathlib import Path

from django.conf import settings

MAX_FUNCTION_LINES = 50
NOT_CHECKED = {".venv", ".venv-load", "tests", "migrations", "build", "staticfiles"}


def source_files():
    root = Path(settings.BASE_DIR)
    for path in sorted(root.rglob("*.py")):
        if not NOT_CHECKED.intersection(path.relative_to(root).parts):
            yield root, path


def test_no_function_is_longer_than_fifty_lines():
    long = []
    for root, path in source_files():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(root)}:{node.lineno} {node.name} ({length})")
    assert long == []
