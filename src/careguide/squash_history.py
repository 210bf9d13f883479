"""`careguide squash-history`: a branch's long history replaced by one commit holding its tree.

For projects whose gh-pages already carries every deploy's commits (mike commits each one):
the branch becomes one commit with no parent and the same tree, so every published edition
stays online. New deploys stay short with `careguide publish --squash`. The push is forced
only while the remote branch is where it was fetched, as publish --squash does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .publish import (
    Interrupted,
    PublishFailed,
    _git,
    _in_repository,
    _move_branch,
    _push,
    _ref,
    _signals_held,
    _squash,
    _start_point,
    _stop_signals_raise,
    squash_message,
)


def squash_history(root: Path, branch: str = "gh-pages", remote: str = "origin", push: bool = False) -> str:
    """Squash `branch` (or the fetched remote one, if it is ahead) to one commit; say what was done."""
    with _in_repository(root, "run squash-history in the project's repository (or pass --root)"), _stop_signals_raise():
        start = _start_point(branch, remote)
        if start is None:
            raise PublishFailed(
                f"no branch {branch} here, nor a fetched {remote}/{branch}: check --branch, or fetch it "
                f"(git fetch {remote} {branch}) and run this again"
            )
        before, remote_was = _ref(f"refs/heads/{branch}"), _ref(f"refs/remotes/{remote}/{branch}")
        commits = int(_git("rev-list", "--count", start).stdout)
        new = _squash(start, squash_message(f"{branch} as it was at {start[:12]}"))
        if push and new != remote_was:
            _push(remote, new, branch, replacing_history=True, remote_was=remote_was)
        with _signals_held():
            if new != before:
                _move_branch(branch, new, before)
    done = (
        f"{branch}: already one commit ({new[:12]})"
        if commits == 1
        else f"{branch}: {commits} commit(s) squashed into one ({new[:12]}), same tree"
    )
    return done + (f", pushed to {remote}/{branch}" if push else " (not pushed)")


def cmd_squash_history(args: argparse.Namespace) -> int:
    try:
        print(squash_history(Path(args.root).resolve(), args.branch, args.remote, args.push))
    except PublishFailed as failed:
        print(f"careguide squash-history: {failed}", file=sys.stderr)
        return 1
    except Interrupted as stop:
        print(f"careguide squash-history: stopped by {stop}: {args.branch} is unchanged", file=sys.stderr)
        return 128 + stop.signum
    return 0


def register(commands) -> None:
    squash = commands.add_parser(
        "squash-history",
        help="replace a branch's history (gh-pages) with one commit holding its current tree",
        description="Replace the branch's history with one commit with no parent and the same tree: every "
        "published edition stays online. With --push, the remote branch is replaced only if it is still "
        "where it was last fetched.",
    )
    squash.add_argument("--branch", default="gh-pages", help="branch to squash (default: gh-pages)")
    squash.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    squash.add_argument("--push", action="store_true", help="push the squashed branch (default: local only)")
    squash.set_defaults(run=cmd_squash_history)
