"""Review dates: every page says when it was last reviewed and when it is next due.

`next_review` is at most 36 months after `last_reviewed` (the NHS cycle); a page past its
`next_review` fails, and one due within 60 days warns, so the review can be booked.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from .findings import WARNING, Finding
from .page import Page

RULE = "review-dates"
MAX_MONTHS = 36
DUE_SOON = timedelta(days=60)
KEYS = ("last_reviewed", "next_review")


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _date(page: Page, key: str) -> tuple[date | None, Finding | None]:
    value = page.meta.get(key)
    if value is None or str(value).strip() == "":
        example = "2026-11-20" if key == "last_reviewed" else "2027-11-20"
        return None, Finding(
            page.name, 1, RULE, f"the front matter has no {key}; add a line like `{key}: {example}` between the --- lines"
        )
    try:
        return date.fromisoformat(str(value).strip()), None
    except ValueError:
        return None, Finding(
            page.name, page.meta_line(key), RULE, f"{key} '{value}' is not a real date; write it as YYYY-MM-DD, like 2026-11-20"
        )


def check(page: Page, context) -> list[Finding]:
    today: date = context.today
    dates, problems = {}, []
    for key in KEYS:
        value, problem = _date(page, key)
        dates[key] = value
        if problem:
            problems.append(problem)
    last, nxt = dates["last_reviewed"], dates["next_review"]
    if last and last > today:
        problems.append(
            Finding(page.name, page.meta_line("last_reviewed"), RULE,
                    f"last_reviewed {last} is in the future (today is {today}); use the date the review happened")
        )
    if not (last and nxt):
        return problems
    where = page.meta_line("next_review")
    latest = add_months(last, MAX_MONTHS)
    if nxt <= last:
        problems.append(Finding(page.name, where, RULE, f"next_review {nxt} must be after last_reviewed {last}"))
    elif nxt > latest:
        problems.append(
            Finding(page.name, where, RULE,
                    f"next_review {nxt} is more than {MAX_MONTHS} months after last_reviewed {last}; "
                    f"set it to {latest} or earlier")
        )
    if nxt < today:
        problems.append(
            Finding(page.name, where, RULE,
                    f"the review was due on {nxt} and is overdue (today is {today}); ask the clinical reviewer to "
                    "check the page, then update last_reviewed and next_review")
        )
    elif nxt - today <= DUE_SOON:
        problems.append(
            Finding(page.name, where, RULE,
                    f"the review is due on {nxt}, in {(nxt - today).days} days; book it with the clinical reviewer",
                    WARNING)
        )
    return problems
