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
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, ProblemsFound

Path_ = tuple[str | int, ...]

# libyaml's loader when PyYAML was built with it: the same nodes and marks, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"[-+]?[0-9]+")
# Clinic values are short: a longer number is a paste accident (and int() of 5,000 digits raises).
_MAX_NUMBER_DIGITS = 18
# Clinic files are a few kilobytes; refusing huge files keeps a hostile one from eating memory.
_MAX_FILE_BYTES = 256 * 1024
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
# Tags the loader gives plain values itself; anything else (`!!binary`, `!ENV`,
# `!!python/...`) was written by hand and means nothing in a clinic file.
_PLAIN_TAGS = {"str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge", "value"}
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
    if _INT.fullmatch(text) and len(text) <= _MAX_NUMBER_DIGITS:
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text  # dates, yes/no/on/off and everything else stay text


def char_name(char: str) -> str:
    """`\x0c` -> `U+000C FORM FEED`: how an editor can find an invisible character."""
    name = unicodedata.name(char, None) or _CONTROL_NAMES.get(ord(char), "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


# unicodedata has no names for C0/C1 controls; these are the ones pasted most often.
_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED",
    0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def bad_char(text: str, allow: str = "") -> str | None:
    """The first control or format character (Cc, Cf: NUL, ESC, bidi overrides, zero-width) in `text`."""
    for char in text:
        if char not in allow and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return char
    return None


def _problem(display_name: str, node_or_mark, what: str, fix: str) -> ProblemsFound:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return ProblemsFound([Problem(display_name, line, col, "", what, fix)])


def read_regular_file(path: Path, display_name: str, max_bytes: int = _MAX_FILE_BYTES) -> str:
    """The file's UTF-8 text, or a ProblemsFound saying why it cannot be read.

    We stat before opening: opening a FIFO named *.yml would block forever.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        what = "this is a symbolic link to a file that does not exist" if path.is_symlink() else "there is no such file"
        raise _problem(display_name, None, what, "check the path, or create it with `careguide new-clinic ID`") from None
    except OSError as error:  # symlink loops, names too long, no permission
        raise _problem(display_name, None, f"the file cannot be read ({error.strerror})", "check the path and its links") from None
    if stat.S_ISDIR(info.st_mode):
        raise _problem(display_name, None, "this is a folder, not a file", "name a .yml file inside it") from None
    if not stat.S_ISREG(info.st_mode):
        raise _problem(display_name, None, "this is not a regular file (a pipe, socket or device)", "name a .yml file") from None
    if info.st_size > max_bytes:
        raise _problem(
            display_name, None, f"the file is {info.st_size} bytes, more than the {max_bytes} a clinic file can be",
            "check that this is the right file",
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _problem(display_name, None, f"the file cannot be read ({error.strerror})", "check its permissions") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemsFound(
            [Problem(display_name, line, 1, "", "the file is not UTF-8 text", "save it as UTF-8 (in Word: Save As, Plain Text, UTF-8)")]
        ) from None
    return text.removeprefix("\ufeff")  # a BOM from Windows editors is harmless


def _locate(node: yaml.Node, text: str | None = None) -> Located:
    return Located(node.start_mark.line + 1, node.start_mark.column + 1, text)


def load(path: Path, display_name: str) -> Document:
    """Parse `path`; raise ProblemsFound for syntax errors, duplicates, or a non-mapping top."""
    text = read_regular_file(path, display_name)
    # split on "\n" only: splitlines() would also split on the form feeds we are looking for.
    for number, line in enumerate(text.split("\n"), start=1):
        char = bad_char(line.removesuffix("\r"), allow="\t")
        if char:
            raise ProblemsFound([Problem(
                display_name, number, line.index(char) + 1, "", f"this line holds an invisible character, {char_name(char)}",
                "delete it (retype the line if you cannot see it)",
            )])
    try:
        root = yaml.compose(text, Loader=_LOADER)
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
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        # Anything else PyYAML raises (reader errors, nesting too deep) is still the file's fault.
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        raise _problem(display_name, mark, f"the YAML cannot be read: {getattr(error, 'problem', None) or type(error).__name__}",
                       "check this line for unusual characters or very deep nesting") from None

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

    seen_nodes: set[int] = set()

    def convert(node: yaml.Node, path: Path_) -> Any:
        # An alias reuses a node object: refusing any node seen twice kills alias bombs and
        # self-referencing aliases, and clinic files never need anchors.
        if id(node) in seen_nodes:
            raise _problem(display_name, node, "anchors and aliases (& and *) are not allowed in clinic files",
                           "write the value out in full")
        seen_nodes.add(id(node))
        if node.tag.rsplit(":", 1)[-1] not in _PLAIN_TAGS:
            raise _problem(display_name, node, f"the YAML tag {node.tag} is not allowed in clinic files",
                           "remove the tag (the word starting with !) and write the plain value")
        if isinstance(node, yaml.ScalarNode):
            char = bad_char(node.value, allow="\t\n")
            if char:
                raise _problem(display_name, node, f"this value holds an invisible character, {char_name(char)}",
                               "delete it (an escape such as \\e or \\0 in quotes makes one)")
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

    try:
        doc.data = convert(root, ())
    except RecursionError:
        raise _problem(display_name, root, "the file is nested too deeply", "write plain `key: value` lines") from None
    if problems:
        raise ProblemsFound(problems)
    return doc
