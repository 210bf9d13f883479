"""`careguide publish --squash` and `careguide squash-history`: gh-pages kept to one commit.

One module fixture publishes editions A then B twice over from the same builds: squashed and
pushed to a bare "remote" in one repository, unsquashed in a copy of it (same commits, so the
same builds deploy in both), then tries a squashed push after someone else pushed to the
remote. Two builds in all; the tests read what each step left.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import run_careguide
from test_publish import CLINICS, EDITION_A, EDITION_B, GIT_ENV, commit_all, git, make_network, publish, set_edition

MOVED = (
    "careguide publish: origin/gh-pages has moved since it was fetched at {fetched}: someone else deployed, and "
    "replacing the history would drop their deploy: fetch it (git fetch origin gh-pages) and run this again "
    "(nothing was published: gh-pages is unchanged)\n"
)


def commits(repo: Path, ref: str = "gh-pages") -> list[str]:
    """`ref`'s commits, each as "<sha> <parents>": one entry with no parents is a squashed branch."""
    return git(repo, "rev-list", "--parents", ref).splitlines()


def listing(repo: Path, ref: str = "gh-pages") -> str:
    return git(repo, "ls-tree", "-r", ref)


@dataclass
class Squashed:
    repo: Path  # published with --squash --push
    plain: Path  # the same builds published without --squash
    remote: Path  # bare
    results: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    local: dict[str, str] = field(default_factory=dict)  # repo's gh-pages after each step
    remote_head: dict[str, str] = field(default_factory=dict)  # the remote's gh-pages after each step
    built: Path | None = None  # a build of edition B differing from the published one


@pytest.fixture(scope="module")
def squashed(tmp_path_factory) -> Squashed:
    top = tmp_path_factory.mktemp("squash")
    repo, plain, remote = top / "repo", top / "plain", top / "remote.git"
    make_network(repo)
    shutil.copytree(repo, plain, symlinks=True)  # same commits: a build of one deploys in the other
    git(top, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    net = Squashed(repo, plain, remote)

    def step(name: str, *args: str) -> None:
        net.results[name] = publish(repo, *args, "--squash", "--push")
        net.local[name] = git(repo, "rev-parse", "gh-pages").strip()
        net.remote_head[name] = git(remote, "rev-parse", "gh-pages").strip()

    def both(edition: str) -> None:
        built = top / f"built-{edition}"
        assert publish(repo, "--edition", edition, "--build-only", str(built)).returncode == 0
        step(edition, "--edition", edition, "--prebuilt", str(built))
        unsquashed = publish(plain, "--edition", edition, "--prebuilt", str(built))
        assert unsquashed.returncode == 0, unsquashed.stderr

    both(EDITION_A)
    set_edition(repo, EDITION_B)
    git(plain, "fetch", "-q", str(repo), "main")
    git(plain, "reset", "-q", "--hard", "FETCH_HEAD")
    both(EDITION_B)

    # Someone else deploys after this repository last fetched the remote...
    other = top / "other"
    git(top, "clone", "-q", "-b", "gh-pages", str(remote), str(other))
    (other / "their-deploy.txt").write_text("theirs\n")
    commit_all(other, "their deploy")
    git(other, "push", "-q", "origin", "gh-pages")
    # ... and this one republishes B, changed, squashed.
    net.built = top / "built-changed"
    shutil.copytree(top / f"built-{EDITION_B}", net.built)
    for clinic_id in CLINICS:
        page = net.built / clinic_id / "index.html"
        page.write_text(page.read_text() + "<!-- a new printing -->\n")
    step("remote moved", "--edition", EDITION_B, "--prebuilt", str(net.built), "--replace")
    return net


def test_two_squashed_publishes_leave_one_parentless_commit_holding_both_editions_and_latest(squashed):
    for edition in (EDITION_A, EDITION_B):
        assert squashed.results[edition].returncode == 0, squashed.results[edition].stderr
    (only,) = commits(squashed.repo)
    assert only == squashed.local[EDITION_B]  # the sha alone: no parent
    files = set(git(squashed.repo, "ls-tree", "-r", "--name-only", "gh-pages").split())
    for clinic_id in CLINICS:
        for folder in (EDITION_A, EDITION_B, "latest"):
            assert f"{clinic_id}/{folder}/index.html" in files
    message = git(squashed.repo, "log", "-1", "--format=%B", "gh-pages")
    assert message.startswith(f"careguide: edition {EDITION_B} of {', '.join(CLINICS)} from ")
    assert "history squashed" in message.splitlines()[0]


def test_the_squashed_tree_is_exactly_what_an_unsquashed_publish_makes(squashed):
    assert len(commits(squashed.plain)) > 1
    assert listing(squashed.repo) == listing(squashed.plain)


def test_the_squashed_push_leaves_the_remote_one_commit(squashed):
    assert squashed.remote_head[EDITION_B] == squashed.local[EDITION_B]
    assert commits(squashed.remote, squashed.remote_head[EDITION_B]) == [squashed.local[EDITION_B]]


def test_a_squashed_push_refuses_to_replace_a_remote_that_moved_and_changes_nothing(squashed):
    refused = squashed.results["remote moved"]
    assert refused.returncode == 1
    assert refused.stderr == MOVED.format(fetched=squashed.local[EDITION_B][:12])
    assert squashed.local["remote moved"] == squashed.local[EDITION_B]
    theirs = squashed.remote_head["remote moved"]
    assert git(squashed.remote, "log", "-1", "--format=%s", theirs).strip() == "their deploy"
    assert git(squashed.repo, "for-each-ref", "refs/heads/careguide-publish-staging/") == ""


def test_a_failing_squash_leaves_gh_pages_exactly_as_before_the_publish(squashed, tmp_path, monkeypatch):
    from careguide import publish as publishing

    repo = tmp_path / "repo"
    shutil.copytree(squashed.repo, repo, symlinks=True)
    before = git(repo, "for-each-ref", "refs/heads/", "refs/remotes/")
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)

    def broken_squash(commit: str, message: str) -> str:
        assert commits(repo, commit)[0].split()[1:], "the deploy's commits are on the staging branch"
        raise RuntimeError("injected")

    monkeypatch.setattr(publishing, "_squash", broken_squash)
    with pytest.raises(RuntimeError, match="injected"):
        publishing.publish(repo, EDITION_B, replace=True, prebuilt=squashed.built, squash=True, log=lambda note: None)
    assert git(repo, "for-each-ref", "refs/heads/", "refs/remotes/") == before  # no staging branch either


def three_commit_branch(repo: Path) -> str:
    """A repository whose gh-pages has three commits; its tree."""
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    git(repo, "checkout", "-q", "--orphan", "gh-pages")
    for n in (1, 2, 3):
        (repo / f"deploy-{n}.txt").write_text(f"deploy {n}\n")
        commit_all(repo, f"deploy {n}")
    return git(repo, "rev-parse", "gh-pages^{tree}").strip()


def squash_history(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return run_careguide("squash-history", *args, root=repo, env=GIT_ENV)


def test_squash_history_leaves_one_commit_with_the_same_tree_locally_and_on_the_remote(tmp_path):
    repo, remote = tmp_path / "repo", tmp_path / "remote.git"
    tree = three_commit_branch(repo)
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "gh-pages")
    assert len(commits(repo)) == 3

    done = squash_history(repo, "--push")
    assert done.returncode == 0, done.stderr
    (only,) = commits(repo)
    assert git(repo, "rev-parse", "gh-pages^{tree}").strip() == tree
    assert done.stdout == f"gh-pages: 3 commit(s) squashed into one ({only[:12]}), same tree, pushed to origin/gh-pages\n"
    assert commits(remote) == [only]


@pytest.mark.parametrize(
    ("args", "where", "message"),
    [
        (
            ("--branch", "site"),
            "repo",
            "careguide squash-history: no branch site here, nor a fetched origin/site: check --branch, "
            "or fetch it (git fetch origin site) and run this again\n",
        ),
        (
            (),
            "not-a-repository",
            "careguide squash-history: {path}: not in a git repository: "
            "run squash-history in the project's repository (or pass --root)\n",
        ),
    ],
    ids=["missing branch", "not a git repository"],
)
def test_squash_history_errors_are_one_line(tmp_path, args, where, message):
    three_commit_branch(tmp_path / "repo")
    path = tmp_path / where
    path.mkdir(exist_ok=True)
    refused = run_careguide(
        "squash-history", *args, root=path, env={**GIT_ENV, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert refused.returncode == 1
    assert refused.stderr == message.format(path=path)
    assert refused.stdout == ""
