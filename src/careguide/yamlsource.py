"""Read a YAML file into plain Python values, remembering where each value stands.

We compose the YAML node tree ourselves instead of letting a YAML library construct
objects, because construction loses what an editor needs to hear about:
- duplicate keys (constructors keep the last one silently);
- the line and column of every value;
- the text as written: `zip: 02134` is the number 2134 to YAML, and `yes` is a boolean
  in YAML 1.1 but a string in YAML 1.2. We type scalars by one small, explicit rule set
  (below) and let the model explain anything ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, ProblemsFound

Path_ = tuple[str | int, ...]

# libyaml's loader when PyYAML was built with it: the same nodes and marks, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass(frozen=True)
class Located:
    line: int  # 1-based
    col: int  # 1-based
    text: str | None  # the scalar as written, None for mappings and lists


@dataclass
class Document:
    data: Any
    values: dict[Path_, Located]  # where each value starts
    keys: dict[Path_, Located]  # where each mapping key starts


def plain_scalar(text: str) -> Any:
    """YAML 1.2 core schema, minus the surprises: only true/false are booleans."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text  # dates, yes/no/on/off and everything else stay text


def _locate(node: yaml.Node, text: str | None = None) -> Located:
    return Located(node.start_mark.line + 1, node.start_mark.column + 1, text)


def load(path: Path, display_name: str) -> Document:
    """Parse `path`; raise ProblemsFound for syntax errors, duplicates, or a non-mapping top."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = f"YAML syntax error: {error.problem or error.context}"
        raise ProblemsFound(
            [
                Problem(
                    display_name,
                    mark.line + 1 if mark else 1,
                    mark.column + 1 if mark else 1,
                    "",
                    what,
                    "check the indentation and quotes on this line and the one above it",
                )
            ]
        ) from None
    except UnicodeDecodeError:
        raise ProblemsFound(
            [Problem(display_name, 1, 1, "", "the file is not UTF-8 text", "save it as UTF-8")]
        ) from None

    if root is None:
        raise ProblemsFound(
            [
                Problem(
                    display_name, 1, 1, "", "the file is empty",
                    "start from `careguide new-clinic ID`, which writes every field with a comment",
                )
            ]
        )
    if not isinstance(root, yaml.MappingNode):
        raise ProblemsFound(
            [
                Problem(
                    display_name, root.start_mark.line + 1, root.start_mark.column + 1, "",
                    "the file must be a set of `key: value` lines, not a list or a single value",
                    "remove the leading '- ' and write keys such as `name:` at the start of the line",
                )
            ]
        )

    doc = Document(data=None, values={}, keys={})
    problems: list[Problem] = []

    def convert(node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.ScalarNode):
            doc.values[path] = _locate(node, node.value)
            return node.value if node.style else plain_scalar(node.value)
        doc.values[path] = _locate(node)
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, path + (i,)) for i, item in enumerate(node.value)]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in mapping:
                first = doc.keys[path + (key,)]
                problems.append(
                    Problem(
                        display_name, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                        ".".join(str(p) for p in path + (key,)),
                        f"this key appears twice (first on line {first.line})",
                        "keep one of them and delete the other",
                    )
                )
                continue
            doc.keys[path + (key,)] = _locate(key_node)
            mapping[key] = convert(value_node, path + (key,))
        return mapping

    doc.data = convert(root, ())
    if problems:
        raise ProblemsFound(problems)
    return doc
