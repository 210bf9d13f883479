"""`careguide publish` and `careguide clinics`: editions of every clinic's site on gh-pages.

Publishing is build first, then deploy:

1. Check the edition (it must be `extra.edition` in mkdocs.yml, a quoted "YYYY.N", and have a
   CHANGELOG.md entry; republishing one already online needs --replace), that the work tree
   holds nothing uncommitted, and each clinic's site_url (it must end in /<clinic-id>/, where the clinic is
   deployed), and validate every clinic file.
2. Build every selected clinic with `careguide.build` (the same builder as `careguide
   build`), with mike's canonical URLs and Material's edition selector switched on. If
   any clinic fails, stop: the gh-pages branch is not touched.
3. Deploy each built site with mike's Python API under /<clinic-id>/<edition>/, move the
   `latest` alias to it (redirect pages: GitHub Pages cannot serve symlinks) and make
   /<clinic-id>/ redirect to `latest/`. Then commit the network index, a 404 page and the
   clinics' shared theme files (_assets/, added and never removed) at the root of the branch. All these commits go onto a staging branch made from gh-pages.
4. With --push, push the staging commit to the remote's gh-pages; then move the local
   gh-pages to it in one compare-and-swap. Any failure or stop signal before that removes
   the staging branch and leaves gh-pages as it was.

With --squash, step 4 first replaces what the staging branch holds with one commit with no
parent and the same tree, so gh-pages stays one commit long (GitHub Pages serves the tree,
not the history); the push is forced only while the remote branch is still where it was
fetched (--force-with-lease), so a deploy pushed meanwhile by someone else is never lost.
`careguide squash-history` (squash_history.py) does the same to a branch's existing history.

CI splits steps 2 and 3: matrix jobs run `--build-only DIR` for groups of clinics (from
`careguide clinics --json --per-job N`); one job runs `--prebuilt DIR --push` for them all,
so only one job ever commits to gh-pages (.github/workflows/deploy.yml).

mike's git calls run in the current folder; we point them at the project's repository with
GIT_DIR instead of changing folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import signal
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .build import NO_CACHE_HELP, BuildFailed, build_clinics
from .clinic_file import NoSuchClinic, clinic_files, load_clinics, select_clinic_files
from .model import Clinic
from .network_index import network_index_html, render_network_page
from .problems import ProblemsFound
from .shared_assets import SHARED, named_shared_files

LATEST = "latest"
EDITION_MARKER = "edition.txt"  # beside the out/<id>/ folders (ids have no dots): the edition, then the commit built


class PublishFailed(Exception):
    pass


@dataclass(frozen=True)
class Edition:
    name: str
    use_directory_urls: bool


# ---------------------------------------------------------------------------- checks


EDITION_FORM = re.compile(r"[0-9]{4}\.[1-9][0-9]*")  # YYYY.N: the year, then 1, 2, 3...
YAML_STR = "tag:yaml.org,2002:str"


def _edition_node(root: Path) -> yaml.Node | None:
    """extra.edition as written in mkdocs.yml: the raw node says whether it was quoted.

    `edition: 2027.10` unquoted is the number 2027.1 once loaded, and `str()` cannot undo
    that, so the check reads the node, before YAML turns it into a value.
    """
    try:
        with open(root / "mkdocs.yml", "rb") as f:
            node = yaml.compose(f, Loader=yaml.SafeLoader)  # nodes only: mkdocs.yml's !tags need no constructor
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"mkdocs.yml:{mark.line + 1}" if mark else "mkdocs.yml"
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise PublishFailed(f"{where}: {problem}: fix the YAML there (`mkdocs build` shows the same error)") from None
    for key in ("extra", "edition"):
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    return node


def configured_edition(root: Path) -> tuple[str, int]:
    """The edition mkdocs.yml sets, and its line; PublishFailed, on that line, unless it is a quoted YYYY.N."""
    node = _edition_node(root)
    if node is None:
        raise PublishFailed(
            'mkdocs.yml: extra.edition: not set: add `edition: "2026.1"` (in quotes) under `extra:` in mkdocs.yml'
        )
    line = node.start_mark.line + 1
    where = f"mkdocs.yml:{line}: extra.edition"
    if not isinstance(node, yaml.ScalarNode):
        raise PublishFailed(f'{where}: is a list or mapping, not an edition: write one edition in quotes, like "2026.1"')
    written = node.value
    if node.tag != YAML_STR:
        loaded = yaml.safe_load(written)
        if EDITION_FORM.fullmatch(written):
            raise PublishFailed(
                f"{where}: {written} without quotes is read as the number {loaded!r}: write it in quotes, like \"{written}\""
            )
        raise PublishFailed(f"{where}: {written} is not an edition: write the year, a dot and a number, in quotes, like \"2026.1\"")
    if not EDITION_FORM.fullmatch(written):
        raise PublishFailed(
            f"{where}: {json.dumps(written)} is not an edition: write the year, a dot and a number (no spaces, "
            'no leading zero), in quotes, like "2026.1"'
        )
    return written, line


def read_edition(root: Path, edition: str) -> Edition:
    """The edition to publish, checked against mkdocs.yml (the one place it is set) and CHANGELOG.md."""
    from mkdocs.utils import yaml_load

    if not EDITION_FORM.fullmatch(edition):
        raise PublishFailed(
            f"--edition {json.dumps(edition)}: not an edition: give the year, a dot and a number, like --edition 2026.1"
        )
    configured, line = configured_edition(root)
    if edition != configured:
        raise PublishFailed(
            f"mkdocs.yml:{line}: extra.edition: edition {edition} is not the edition in mkdocs.yml ({configured}): "
            f'set `edition: "{edition}"` there and add `## {edition}` to CHANGELOG.md, commit, then publish '
            f"(or publish --edition {configured})"
        )
    changelog = root / "CHANGELOG.md"
    heading = re.compile(rf"^##\s+(?:Edition\s+)?{re.escape(edition)}(?![0-9.])", re.MULTILINE | re.IGNORECASE)
    if not changelog.is_file() or not heading.search(changelog.read_text(encoding="utf-8")):
        raise PublishFailed(
            f"CHANGELOG.md: no entry for edition {edition}: add a section `## {edition}` saying, in plain words, what changed"
        )
    with open(root / "mkdocs.yml", "rb") as f:
        config = yaml_load(f)
    return Edition(edition, bool(config.get("use_directory_urls", True)))


def network_base(clinics: list[Clinic]) -> str:
    """The Pages site's address, from the clinics' site_url (each must be <base><clinic-id>/)."""
    bases, wrong = set(), []
    for clinic in clinics:
        url = str(clinic.site_url)
        suffix = f"/{clinic.id}/"
        if not url.endswith(suffix):
            wrong.append(f"{clinic.id}: site_url {url} does not end in {suffix}")
        else:
            bases.add(url[: -len(suffix) + 1])
    if wrong:
        raise PublishFailed(
            "\n".join(wrong)
            + "\n  fix: publish puts each clinic at <your Pages address>/<clinic-id>/; set site_url to that, "
            "e.g. https://<owner>.github.io/<repository>/<clinic-id>/"
        )
    if len(bases) > 1:
        raise PublishFailed(
            "the clinics' site_url values point at different sites: "
            + ", ".join(sorted(bases))
            + "\n  fix: every clinic is published to this repository's one Pages site; use the same address before /<clinic-id>/"
        )
    return bases.pop()


def _selected_files(root: Path, ids: list[str] | None) -> list[Path]:
    try:
        return select_clinic_files(root / "clinics", ids)
    except NoSuchClinic as missing:
        raise PublishFailed(str(missing)) from None


# ---------------------------------------------------------------------------- git


@contextlib.contextmanager
def _environment(**values: str):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _in_repository(root: Path, fix: str = "publish commits to its gh-pages branch; run git init and commit first"):
    """Point git (ours and mike's, which runs in the current folder) at the project's repository."""
    found = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--absolute-git-dir", "--show-toplevel"], capture_output=True, text=True
    )
    if found.returncode != 0:
        raise PublishFailed(f"{root}: not in a git repository: {fix}")
    git_dir, work_tree = found.stdout.split("\n")[:2]
    with _environment(GIT_DIR=git_dir, GIT_WORK_TREE=work_tree):
        yield


def _git(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True, input=input)


def _ref(ref: str) -> str | None:
    found = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return found.stdout.strip() or None


def _is_ancestor(older: str, newer: str) -> bool:
    return _git("merge-base", "--is-ancestor", older, newer).returncode == 0


def _head() -> str:
    head = _ref("HEAD")
    if head is None:
        raise PublishFailed("the repository has no commit yet: commit the project (git add -A && git commit), then publish")
    return head


def _check_clean_tree() -> None:
    """Refuse to publish files that are not in HEAD: the commit message names HEAD, so it must be what ships.

    Everything in the work tree can reach a page (docs/, overrides/, clinics/, mkdocs.yml, the
    macros and the package itself), so any change that git does not ignore counts.
    """
    status = _git("status", "--porcelain=v1", "-z", "--untracked-files=all")
    if status.returncode != 0:
        raise PublishFailed(f"git status failed: {status.stderr.strip()}: run publish from the project's repository")
    entries = [e for e in status.stdout.split("\0") if e]
    changed, skip = [], False
    for entry in entries:
        if skip:  # the source path of a rename, after its new path
            skip = False
            continue
        code, path = entry[:2], entry[3:]
        skip = code[0] in "RC"
        changed.append(f"{path} ({'untracked' if code == '??' else 'not committed'})")
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        raise PublishFailed(
            f"the work tree has changes that are not in HEAD {_head()[:12]}: {shown}: commit them "
            "(git add -A && git commit) or set them aside (git stash -u), then publish"
        )


# Publishing writes every commit onto a staging branch named after the process, and moves the
# real branch to it once, at the end: a publish that is killed (even with kill -9) leaves the
# real branch as it was, and at worst a staging branch, removed by the next publish.
STAGING = "careguide-publish-staging"


def _staging_branch() -> str:
    return f"{STAGING}/{os.getpid()}"


def _remove_stale_staging() -> None:
    listed = _git("for-each-ref", "--format=%(refname)", f"refs/heads/{STAGING}/")
    for ref in listed.stdout.split():
        pid = ref.rsplit("/", 1)[1]
        if pid.isdigit() and int(pid) != os.getpid() and _process_alive(int(pid)):
            continue  # another publish, running now
        _git("update-ref", "-d", ref)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _start_point(branch: str, remote: str) -> str | None:
    """The commit to publish on top of: the local branch, or the fetched remote one if it is ahead."""
    local, upstream = _ref(f"refs/heads/{branch}"), _ref(f"refs/remotes/{remote}/{branch}")
    if upstream is None or upstream == local or (local and _is_ancestor(upstream, local)):
        return local
    if local is None or _is_ancestor(local, upstream):
        return upstream
    raise PublishFailed(
        f"{branch} and {remote}/{branch} have diverged: publish builds on one history: take the published one "
        f"(git branch -f {branch} {remote}/{branch}) or push yours, then publish again"
    )


class Interrupted(BaseException):
    """SIGTERM, SIGHUP or SIGINT during publish: like KeyboardInterrupt, not caught by `except Exception`."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


@contextlib.contextmanager
def _stop_signals_raise():
    """Turn the signals that stop a publish (CI cancelling, a closed terminal, Ctrl-C) into Interrupted.

    Raising unwinds through the same rollback as any failure, so the staging branch is
    removed and the real branch is never moved half-way.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set in the main thread
        return

    def stop(signum, frame):
        raise Interrupted(signum)

    saved = {s: signal.signal(s, stop) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def _signals_held():
    """Hold the stop signals while the branch is switched and the staging branch removed: an
    interruption there would report a rollback after the branch had already moved. A signal
    that arrives is noted and raised when the block ends, right there (a signal merely
    unblocked would be handled at some later bytecode, perhaps outside the caller's `try`)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    saved = {s: signal.signal(s, lambda signum, frame: arrived.append(signum)) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)
    if arrived:
        raise Interrupted(arrived[0])


def _push(remote: str, commit: str, branch: str, *, replacing_history: bool = False, remote_was: str | None = None) -> None:
    """Push `commit` to the remote's branch. A squashed commit does not descend from what is
    there, so replacing_history forces the push, but only while the remote branch is still
    `remote_was` (None: absent), the commit the publish started from: a deploy pushed by
    someone else meanwhile is refused, never overwritten."""
    lease = [f"--force-with-lease=refs/heads/{branch}:{remote_was or ''}"] if replacing_history else []
    pushed = _git("push", *lease, "--", remote, f"{commit}:refs/heads/{branch}")
    if pushed.returncode != 0:
        if replacing_history and "stale info" in pushed.stderr:
            fetched = f"was fetched at {remote_was[:12]}" if remote_was else "was fetched (there was none)"
            raise PublishFailed(
                f"{remote}/{branch} has moved since it {fetched}: someone else deployed, and replacing the history "
                f"would drop their deploy: fetch it (git fetch {remote} {branch}) and run this again"
            )
        reason = (pushed.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise PublishFailed(
            f"failed to push branch {branch} to {remote}: {reason}: check the remote and your right to push to it, "
            "then publish again"
        )


def _squash(commit: str, message: str) -> str:
    """One commit with no parent holding `commit`'s tree: GitHub Pages serves the tree, not the history."""
    if _git("rev-list", "--max-count=2", commit).stdout.split() == [commit]:
        return commit  # already one commit with no parent
    made = _git("commit-tree", f"{commit}^{{tree}}", "-m", message)
    if made.returncode != 0:
        reason = (made.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise PublishFailed(f"could not make the squashed commit: {reason}: check that git can commit here (user.name, user.email)")
    return made.stdout.strip()


def squash_message(what: str) -> str:
    return (
        f"careguide: {what}, history squashed\n\n"
        "This one commit replaces the branch's earlier history; its tree holds every edition published so far."
    )


def _move_branch(branch: str, new: str, old: str | None) -> None:
    """Move the real branch from `old` to `new` in one compare-and-swap: if it moved meanwhile, nothing changes."""
    moved = _git("update-ref", "-m", "careguide publish", f"refs/heads/{branch}", new, old or "")
    if moved.returncode != 0:
        raise PublishFailed(
            f"{branch} changed while publishing (another publish or a fetch?): it was left as it is now: "
            f"publish again. {moved.stderr.strip().splitlines()[-1] if moved.stderr.strip() else ''}".rstrip()
        )


def _deployed_ids(branch: str) -> set[str]:
    """Top-level folders of the branch that hold a versions.json: the clinics deployed there."""
    listed = subprocess.run(["git", "ls-tree", "-d", "--name-only", branch, "--"], capture_output=True, text=True)
    names = listed.stdout.split() if listed.returncode == 0 else []
    if not names:
        return set()
    checked = subprocess.run(
        ["git", "cat-file", "--batch-check"],
        input="".join(f"{branch}:{name}/versions.json\n" for name in names),
        capture_output=True,
        text=True,
        check=True,
    )
    return {name for name, line in zip(names, checked.stdout.splitlines()) if not line.endswith(" missing")}


# ---------------------------------------------------------------------------- deploy


def _deploy_clinic(site: Path, clinic: Clinic, edition: Edition, branch: str, message: str) -> list[str]:
    from mike import commands, git_utils

    deployed = [str(v.version) for v in commands.list_versions(branch, clinic.id)]  # newest first
    newest = deployed[0] if deployed else None
    newer_exists = newest is not None and newest != edition.name and _is_newer(newest, edition.name)
    aliases = [] if newer_exists else [LATEST]  # republishing an old edition leaves `latest` alone
    notes = []
    try:
        with commands.deploy(
            {"site_dir": str(site), "use_directory_urls": edition.use_directory_urls},
            edition.name,
            aliases=aliases,
            update_aliases=True,
            alias_type=commands.AliasType.redirect,
            branch=branch,
            message=message,
            deploy_prefix=clinic.id,
        ):
            pass  # already built by careguide.build
    except git_utils.GitEmptyCommit:
        notes.append(f"{clinic.id}: edition {edition.name} unchanged")
    if newer_exists:
        notes.append(f"{clinic.id}: edition {newest} is newer, so `latest` stays on it")
    try:
        commands.set_default(LATEST, branch=branch, message=f"{clinic.id}/ redirects to {LATEST}/", deploy_prefix=clinic.id)
    except git_utils.GitEmptyCommit:
        pass
    return notes


def _is_newer(a: str, b: str) -> bool:
    from mike.versions import Versions

    versions = Versions()
    versions.add(a)
    versions.add(b)
    return str(next(iter(versions)).version) == a


def _commit_root(root: Path, branch: str, listed: list[Clinic], base: str, out: Path) -> None:
    """The network index, the 404 page and the shared theme files at the branch's root. A shared
    file's name is its content (shared_assets.py): it is added, never replaced or removed, so
    every edition still published keeps the files it was built with."""
    from mike import git_utils

    entries = sorted(listed, key=lambda c: c.name.lower())
    try:
        with git_utils.Commit(branch, "careguide: network index, 404 page and shared theme files") as commit:
            for path in sorted((out / SHARED).glob("*")):
                commit.add_file(git_utils.FileInfo(f"{SHARED}/{path.name}", path.read_bytes()))
            commit.add_file(git_utils.FileInfo("index.html", network_index_html(entries, root)))
            page = render_network_page(
                root,
                "404.html",
                base_path=urlsplit(base).path,
                clinics=[{"id": c.id, "name": c.name} for c in entries],
            )
            commit.add_file(git_utils.FileInfo("404.html", page))
    except git_utils.GitEmptyCommit:
        pass


def publish(
    root: Path,
    edition_name: str,
    clinic_ids: list[str] | None = None,
    *,
    branch: str = "gh-pages",
    remote: str = "origin",
    push: bool = False,
    replace: bool = False,
    jobs: int = 1,
    prebuilt: Path | None = None,
    squash: bool = False,
    cache: bool = False,
    log=print,
) -> None:
    """Build (or take from `prebuilt`) and deploy every selected clinic; all or nothing.

    Every commit goes onto a staging branch; the real branch moves once, at the end, and
    only if it still is where it was. Whatever fails (or stops the process) before that, the
    real branch is as it was. With `squash`, the branch becomes one commit with no parent
    holding the final tree, pushed only if the remote is still where the publish started.
    """
    edition = read_edition(root, edition_name)
    selected = load_clinics(_selected_files(root, clinic_ids), root=root)
    with _in_repository(root), _stop_signals_raise():
        _check_clean_tree()
        head = _head()
        before = _ref(f"refs/heads/{branch}")
        staging = _staging_branch()
        _remove_stale_staging()
        moved = False
        try:
            start = _start_point(branch, remote)
            remote_was = _ref(f"refs/remotes/{remote}/{branch}")  # as last fetched: the lease for a squashed push
            if start:
                _git("update-ref", f"refs/heads/{staging}", start)
            _check_replace(selected, edition, staging, branch, replace)
            deployed = _deployed_ids(staging) if start else set()
            selected_ids = {c.id for c in selected}
            others = [p for p in clinic_files(root / "clinics") if p.stem not in selected_ids and p.stem in deployed]
            listed = selected + (load_clinics(others, root=root) if others else [])
            base = network_base(listed)

            with contextlib.ExitStack() as stack:
                if prebuilt is None:
                    out = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="careguide-publish-")))
                    build_for_edition(selected, root, out, jobs, edition, head, cache=cache)
                else:
                    out = prebuilt
                    _check_prebuilt(out, selected, edition, head)

                for clinic in selected:
                    message = f"careguide: edition {edition.name} of {clinic.id} from {head[:12]}"
                    for note in _deploy_clinic(out / clinic.id, clinic, edition, staging, message):
                        log(note)
                _commit_root(root, staging, listed, base, out)

            new = _ref(f"refs/heads/{staging}")
            if squash:
                clinics = ", ".join(c.id for c in selected)
                new = _squash(new, squash_message(f"edition {edition.name} of {clinics} from {head[:12]}"))
            if push and new != remote_was:
                _push(remote, new, branch, replacing_history=squash, remote_was=remote_was)
            with _signals_held():
                if new != before:
                    _move_branch(branch, new, before)
                moved = True
                _git("update-ref", "-d", f"refs/heads/{staging}")
        except Interrupted as stop:
            if not moved:
                _delete_staging(staging)
                raise
            # held until the branch had moved, and delivered as the hold ended: the work is done
            log(f"{stop}: received after {branch} was updated; the edition is published")
        except BaseException:
            _delete_staging(staging)
            raise


def _delete_staging(staging: str) -> None:
    with _signals_held():
        _git("update-ref", "-d", f"refs/heads/{staging}")  # the real branch was never moved


def _check_replace(selected: list[Clinic], edition: Edition, staging: str, branch: str, replace: bool) -> None:
    """Patients may already have an edition: replacing it must be asked for, not a side effect of a typo."""
    from mike import commands

    if replace or _ref(f"refs/heads/{staging}") is None:
        return
    existing = [c.id for c in selected if edition.name in {str(v.version) for v in commands.list_versions(staging, c.id)}]
    if existing:
        raise PublishFailed(
            f"edition {edition.name} is already published on {branch} for {', '.join(existing)}: "
            f"to replace what patients see, publish again with --replace; for a new edition, set a new one in mkdocs.yml"
        )


def _check_prebuilt(out: Path, selected: list[Clinic], edition: Edition, head: str) -> None:
    marker = out / EDITION_MARKER
    built = marker.read_text(encoding="utf-8").split() if marker.is_file() else []
    built_for, built_from = (built + [None, None])[:2]
    if built_for != edition.name:
        what = f"edition {built_for}" if built_for else "no output of `careguide publish --build-only`"
        raise PublishFailed(
            f"{out} holds {what}, not edition {edition.name}: build it first with "
            f"careguide publish --edition {edition.name} --build-only {out}"
        )
    if built_from != head:
        raise PublishFailed(
            f"{out} was built from commit {(built_from or 'unknown')[:12]}, not HEAD {head[:12]}: the commit message "
            f"would name the wrong commit: build it again from HEAD with careguide publish --edition {edition.name} --build-only {out}"
        )
    missing = [
        c.id for c in selected
        if not (out / c.id / "index.html").is_file() or not all((out / SHARED / name).is_file() for name in named_shared_files(out / c.id))
    ]
    if missing:
        raise PublishFailed(
            f"no built site in {out} for: {', '.join(missing)}: build them with careguide publish --edition "
            f"{edition.name} --build-only {out} --clinic ID"
        )


def build_for_edition(
    clinics: list[Clinic], root: Path, out: Path, jobs: int, edition: Edition, head: str, *, cache: bool = False,
) -> None:
    """Every clinic built into out/<id>/ as published: canonical URLs at latest/, edition selector on.
    `cache`: reuse a clinic's stored build when nothing it depends on changed (build_cache.py).

    The marker records the edition and the commit built, for `--prebuilt` to check.
    """
    build_clinics(clinics, root, out, jobs, published=True, cache=cache)
    (out / EDITION_MARKER).write_text(f"{edition.name}\n{head}\n", encoding="utf-8")


# ---------------------------------------------------------------------------- command line


def _project_root(path: str) -> Path:
    root = Path(path).resolve()
    if not (root / "mkdocs.yml").is_file():
        raise SystemExit(f"careguide: {root} has no mkdocs.yml; run from the project folder or pass --root")
    return root


def _report(found: ProblemsFound) -> None:
    for problem in found.problems:
        print(problem, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in found.problems:
            print(problem.github_annotation())
    print(f"{len(found.problems)} problem(s) found.", file=sys.stderr)


def cmd_publish(args: argparse.Namespace) -> int:
    root = _project_root(args.root)
    try:
        if args.build_only:
            edition = read_edition(root, args.edition)
            clinics = load_clinics(_selected_files(root, args.clinic), root=root)
            network_base(clinics)
            with _in_repository(root), _stop_signals_raise():
                _check_clean_tree()
                build_for_edition(
                    clinics, root, Path(args.build_only).resolve(), args.jobs, edition, _head(), cache=not args.no_cache,
                )
            print(f"Built edition {args.edition} of {', '.join(c.id for c in clinics)} into {args.build_only}/")
            return 0
        publish(
            root,
            args.edition,
            args.clinic,
            branch=args.branch,
            remote=args.remote,
            push=args.push,
            replace=args.replace,
            jobs=args.jobs,
            prebuilt=Path(args.prebuilt).resolve() if args.prebuilt else None,
            squash=args.squash,
            cache=not args.no_cache,
        )
    except ProblemsFound as found:
        _report(found)
        print(f"Nothing was published: fix the clinic files first; {args.branch} is unchanged.", file=sys.stderr)
        return 1
    except BuildFailed as failed:
        print(f"careguide publish: {failed}", file=sys.stderr)
        print(f"Nothing was published: {args.branch} is unchanged.", file=sys.stderr)
        return 1
    except PublishFailed as failed:
        print(f"careguide publish: {failed} (nothing was published: {args.branch} is unchanged)", file=sys.stderr)
        return 1
    except Interrupted as stop:
        print(f"careguide publish: stopped by {stop}: nothing was published: {args.branch} is unchanged", file=sys.stderr)
        return 128 + stop.signum
    except Exception as error:  # noqa: BLE001 - a git or mike failure, before the branch moved
        detail = " ".join(str(error).split())
        print(
            f"careguide publish: {type(error).__name__}: {detail} (nothing was published: {args.branch} is unchanged)",
            file=sys.stderr,
        )
        return 1
    where = f"pushed to {args.remote}/{args.branch}" if args.push else f"committed to {args.branch} (not pushed)"
    print(f"Published edition {args.edition}: {where}.")
    return 0


def cmd_clinics(args: argparse.Namespace) -> int:
    root = _project_root(args.root)
    try:
        clinics = load_clinics(_selected_files(root, None), root=root)
    except ProblemsFound as found:
        _report(found)
        return 1
    except PublishFailed as failed:
        print(f"careguide clinics: {failed}", file=sys.stderr)
        return 1
    if args.json and args.per_job:
        # One matrix job per group of clinics: GitHub allows 256 jobs per matrix, and each
        # job pays a minute of setup, so hundreds of clinics go in groups.
        groups = [clinics[i : i + args.per_job] for i in range(0, len(clinics), args.per_job)]
        print(json.dumps([{"name": f"{g[0].id} ({len(g)})", "clinics": " ".join(c.id for c in g)} for g in groups]))
    elif args.json:
        print(json.dumps([{"id": c.id, "name": c.name} for c in clinics]))
    else:
        for clinic in clinics:
            print(f"{clinic.id}\t{clinic.name}")
    return 0


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def register(commands) -> None:
    publish_p = commands.add_parser(
        "publish",
        help="publish an edition of every clinic's site to gh-pages with mike",
        description="Validate and build every selected clinic, then deploy each to "
        "/<clinic-id>/<edition>/ on the gh-pages branch (with a `latest` alias), and commit the "
        "network index and 404 page at its root. If anything fails, the branch is left as it was.",
    )
    publish_p.add_argument("--edition", required=True, help="the edition, as in mkdocs.yml extra.edition (e.g. 2026.1)")
    publish_p.add_argument("--clinic", action="append", metavar="ID", help="publish only this clinic (repeatable)")
    publish_p.add_argument("--push", action="store_true", help="push the branch (default: commit locally only)")
    publish_p.add_argument("--branch", default="gh-pages", help="branch to commit to (default: gh-pages)")
    publish_p.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    publish_p.add_argument(
        "--replace", action="store_true", help="replace an edition that is already published (default: refuse)"
    )
    publish_p.add_argument(
        "--squash",
        action="store_true",
        help="leave the branch as one commit holding every published edition (its history is dropped; see README.md)",
    )
    publish_p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the build")
    publish_p.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    stage = publish_p.add_mutually_exclusive_group()
    stage.add_argument(
        "--build-only", metavar="DIR", help="only build the clinics as published, into DIR/<id>/ (for a CI job matrix)"
    )
    stage.add_argument("--prebuilt", metavar="DIR", help="deploy the sites already built into DIR/<id>/ by --build-only")
    publish_p.set_defaults(run=cmd_publish)

    clinics_p = commands.add_parser(
        "clinics", help="list the clinics (ids and names)", description="Validate and list the clinics in clinics/."
    )
    clinics_p.add_argument("--json", action="store_true", help='print JSON: [{"id": ..., "name": ...}] (a CI job matrix)')
    clinics_p.add_argument(
        "--per-job",
        type=_positive,
        metavar="N",
        help='with --json, group the clinics N to a job: [{"name": ..., "clinics": "id1 id2 ..."}]',
    )
    clinics_p.set_defaults(run=cmd_clinics)
