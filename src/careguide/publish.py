"""`careguide publish` and `careguide clinics`: editions of every clinic's site on gh-pages.

Publishing is build first, then deploy:

1. Check the edition (it must be `extra.edition` in mkdocs.yml and have a CHANGELOG.md
   entry) and each clinic's site_url (it must end in /<clinic-id>/, where the clinic is
   deployed), and validate every clinic file.
2. Build every selected clinic with `careguide.build` (the same builder as `careguide
   build`), with mike's canonical URLs and Material's edition selector switched on. If
   any clinic fails, stop: the gh-pages branch is not touched.
3. Deploy each built site with mike's Python API under /<clinic-id>/<edition>/, move the
   `latest` alias to it (redirect pages: GitHub Pages cannot serve symlinks) and make
   /<clinic-id>/ redirect to `latest/`. Then commit the network index and a 404 page at the
   root of the branch. If any step fails, the branch is reset to where it was.
4. With --push, push the branch.

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
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


from .build import BuildFailed, build_clinics
from .clinic_file import NoSuchClinic, clinic_files, load_clinics, select_clinic_files
from .model import Clinic
from .network_index import network_index_html, render_network_page
from .problems import ProblemsFound

LATEST = "latest"
EDITION_MARKER = "edition.txt"  # beside the out/<id>/ folders (ids have no dots); says which edition they are


class PublishFailed(Exception):
    pass


@dataclass(frozen=True)
class Edition:
    name: str
    use_directory_urls: bool


# ---------------------------------------------------------------------------- checks


def read_edition(root: Path, edition: str) -> Edition:
    """The edition to publish, checked against mkdocs.yml (the one place it is set) and CHANGELOG.md."""
    from mkdocs.utils import yaml_load

    with open(root / "mkdocs.yml", "rb") as f:
        config = yaml_load(f)
    configured = str((config.get("extra") or {}).get("edition", ""))
    if edition != configured:
        raise PublishFailed(
            f"edition {edition} is not the edition in mkdocs.yml ({configured or 'none set'}).\n"
            f"  fix: set `extra: edition: \"{edition}\"` in mkdocs.yml and add a CHANGELOG.md entry, "
            f"commit, then publish (or tag v{configured} to publish the configured edition)"
        )
    changelog = root / "CHANGELOG.md"
    heading = re.compile(rf"^##\s+(?:Edition\s+)?{re.escape(edition)}\b", re.MULTILINE | re.IGNORECASE)
    if not changelog.is_file() or not heading.search(changelog.read_text(encoding="utf-8")):
        raise PublishFailed(
            f"CHANGELOG.md has no entry for edition {edition}.\n"
            f"  fix: add a section `## {edition}` to CHANGELOG.md saying, in plain words, what changed"
        )
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


def _git_dir(root: Path) -> str:
    found = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--absolute-git-dir"], capture_output=True, text=True
    )
    if found.returncode != 0:
        raise PublishFailed(f"{root} is not in a git repository; publish commits to its gh-pages branch")
    return found.stdout.strip()


def _ref(branch: str) -> str | None:
    found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"], capture_output=True, text=True)
    return found.stdout.strip() or None


def _restore(branch: str, commit: str | None) -> None:
    if commit:
        subprocess.run(["git", "update-ref", f"refs/heads/{branch}", commit], check=True)
    elif _ref(branch):
        subprocess.run(["git", "update-ref", "-d", f"refs/heads/{branch}"], check=True)


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


def _commit_root(root: Path, branch: str, listed: list[Clinic], base: str) -> None:
    from mike import git_utils

    entries = sorted(listed, key=lambda c: c.name.lower())
    try:
        with git_utils.Commit(branch, "careguide: network index and 404 page") as commit:
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
    jobs: int = 1,
    prebuilt: Path | None = None,
    log=print,
) -> None:
    """Build (or take from `prebuilt`) and deploy every selected clinic; all or nothing."""
    edition = read_edition(root, edition_name)
    git_dir = _git_dir(root)
    selected = load_clinics(_selected_files(root, clinic_ids), root=root)
    with _environment(GIT_DIR=git_dir):
        from mike import git_utils

        before = _ref(branch)
        try:
            git_utils.update_from_upstream(remote, branch)  # a fetched origin/gh-pages, fast-forwarded
            deployed = _deployed_ids(branch)
            selected_ids = {c.id for c in selected}
            others = [p for p in clinic_files(root / "clinics") if p.stem not in selected_ids and p.stem in deployed]
            listed = selected + (load_clinics(others, root=root) if others else [])
            base = network_base(listed)

            with contextlib.ExitStack() as stack:
                if prebuilt is None:
                    out = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="careguide-publish-")))
                    build_for_edition(selected, root, out, jobs, edition)
                else:
                    out = prebuilt
                    _check_prebuilt(out, selected, edition)

                head = git_utils.get_latest_commit("HEAD", short=True)
                for clinic in selected:
                    message = f"careguide: edition {edition.name} of {clinic.id} from {head}"
                    for note in _deploy_clinic(out / clinic.id, clinic, edition, branch, message):
                        log(note)
                _commit_root(root, branch, listed, base)
                if push:
                    git_utils.push_branch(remote, branch)
        except BaseException:
            _restore(branch, before)  # all or nothing: no clinic half-published
            raise


def _check_prebuilt(out: Path, selected: list[Clinic], edition: Edition) -> None:
    marker = out / EDITION_MARKER
    built_for = marker.read_text(encoding="utf-8").strip() if marker.is_file() else None
    if built_for != edition.name:
        what = f"edition {built_for}" if built_for else "no output of `careguide publish --build-only`"
        raise PublishFailed(
            f"{out} holds {what}, not edition {edition.name}\n"
            f"  fix: careguide publish --edition {edition.name} --build-only {out}"
        )
    missing = [c.id for c in selected if not (out / c.id / "index.html").is_file()]
    if missing:
        raise PublishFailed(f"no built site in {out} for: {', '.join(missing)}")


def build_for_edition(clinics: list[Clinic], root: Path, out: Path, jobs: int, edition: Edition) -> None:
    """Every clinic built into out/<id>/ as published: canonical URLs at latest/, edition selector on."""
    build_clinics(clinics, root, out, jobs, published=True)
    (out / EDITION_MARKER).write_text(edition.name + "\n", encoding="utf-8")


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
            build_for_edition(clinics, root, Path(args.build_only).resolve(), args.jobs, edition)
            print(f"Built edition {args.edition} of {', '.join(c.id for c in clinics)} into {args.build_only}/")
            return 0
        publish(
            root,
            args.edition,
            args.clinic,
            branch=args.branch,
            remote=args.remote,
            push=args.push,
            jobs=args.jobs,
            prebuilt=Path(args.prebuilt).resolve() if args.prebuilt else None,
        )
    except ProblemsFound as found:
        _report(found)
        print(f"Nothing was published: fix the clinic files first; {args.branch} is unchanged.", file=sys.stderr)
        return 1
    except (PublishFailed, BuildFailed) as failed:
        print(f"careguide publish: {failed}", file=sys.stderr)
        print(f"Nothing was published: {args.branch} is unchanged.", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a git or mike failure: the branch was reset
        print(f"careguide publish: {type(error).__name__}: {error}", file=sys.stderr)
        print(f"Nothing was published: {args.branch} was reset to where it was.", file=sys.stderr)
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
    publish_p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the build")
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
