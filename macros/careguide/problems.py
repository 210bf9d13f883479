"""A problem found in a file, told the way an editor needs it: where, what, how to fix."""

from __future__ import annotations

from dataclasses import dataclass


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
        return f"{where}:{field} {self.what}; {self.fix}"

    def github_annotation(self, level: str = "error") -> str:
        # Workflow commands need %, CR and LF escaped in the message.
        message = f"{self.field}: {self.what}; {self.fix}" if self.field else f"{self.what}; {self.fix}"
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.file},line={self.line},col={self.col}::{message}"


class ProblemsFound(Exception):
    """Raised with every problem of a file (or of several), never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
