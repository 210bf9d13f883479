"""One thing `careguide lint` found: where, which rule, what to do about it."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


def _escape_data(text: str) -> str:
    # GitHub workflow commands need %, CR and LF escaped in the message...
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # ...and also : and , in property values (file=, title=).
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
        return f"{self.file}:{self.line}: {self.rule}: {prefix}{self.message}"

    def github_annotation(self) -> str:
        return (
            f"::{self.severity} file={_escape_property(self.file)},line={self.line},"
            f"title={_escape_property(self.rule)}::{_escape_data(self.message)}"
        )
