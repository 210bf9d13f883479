"""A problem found in a file, told the way an editor needs it: where, what, how to fix."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def one_line(text: str) -> str:
    """Show control characters as escapes, so a value quoted in a message can never start
    a new line: in the Actions log a line starting `::error` is a workflow command."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in text
    )


def annotation_data(text: str) -> str:
    """GitHub workflow commands need %, CR and LF escaped in the message..."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(text: str) -> str:
    """...and also : and , in property values (file=, title=)."""
    return annotation_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    field: str
    what: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        field = f" {self.field}:" if self.field else ""
        return one_line(f"{where}:{field} {self.what}; {self.fix}")

    def github_annotation(self, level: str = "error") -> str:
        message = f"{self.field}: {self.what}; {self.fix}" if self.field else f"{self.what}; {self.fix}"
        return f"::{level} file={annotation_property(self.file)},line={self.line},col={self.col}::{annotation_data(message)}"


class ProblemsFound(Exception):
    """Raised with every problem of a file (or of several), never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
