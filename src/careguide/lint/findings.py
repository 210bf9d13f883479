"""One thing `careguide lint` found: where, which rule, what to do about it."""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import annotation_data, annotation_property, one_line

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    file: str  # as the editor sees it, relative to the project: docs/faq.md
    line: int
    rule: str  # reading-level, review-dates, banned-claim, ...
    message: str
    severity: str = ERROR  # "error" fails the lint; "warning" is reported only

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == WARNING else ""
        return one_line(f"{self.file}:{self.line}: {self.rule}: {prefix}{self.message}")

    def github_annotation(self) -> str:
        return (
            f"::{self.severity} file={annotation_property(self.file)},line={self.line},"
            f"title={annotation_property(self.rule)}::{annotation_data(self.message)}"
        )
