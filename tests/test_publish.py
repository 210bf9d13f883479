"""`careguide publish`: the real mike, deploying into a throwaway git repository.

One module fixture publishes a two-clinic network step by step (edition A, then B, then B
again with a change, plus the ways publishing must fail) and records what gh-pages held
after each step. The tests only read those records, so the builds happen once.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from browser_checks import LocalSite
from conftest import ROOT, copy_project, run_careguide

BASE = "https://example.github.io/careguide/"
CLINICS = {"clinic-north": "North Test Clinic", "clinic-south": "South Test Clinic"}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Publisher",
    "GIT_AUTHOR_EMAIL": "publisher@example.org",
    "GIT_COMMITTER_NAME": "Test Publisher",
    "GIT_COMMITTER_EMAIL": "publisher@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
def git(repo: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result.stdout


def configured_edition() -> str:
    match = re.search(r'^\s+edition:\s*"([^"]+)"', (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)
    assert match, "mkdocs.yml sets extra.edition"
    return match.group(1)


def next_edition(edition: str) -> str:
    *head, last = edition.split(".")
    return ".".join([*head, str(int(last) + 1)])


EDITION_A = configured_edition()
EDITION_B = next_edition(EDITION_A)


def make_network(repo: Path) -> None:
    """A project copy with exactly two clinics, made from the first test clinic file."""
    copy_project(repo)
    if not (repo / "macros").exists():  # the macros module, which copy_project may not copy
        shutil.copytree(ROOT / "macros", repo / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("CHANGELOG.md", ".gitignore"):  # a clinic's fork has the template's .gitignore
        shutil.copy(ROOT / name, repo / name)
    sources = sorted((repo / "clinics").glob("*.yml"))
    data = yaml.safe_load(sources[0].read_text())
    for source in sources:
        source.unlink()
    for clinic_id, name in CLINICS.items():
        data.update(id=clinic_id, name=name, site_url=f"{BASE}{clinic_id}/")
        (repo / "clinics" / f"{clinic_id}.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "the guide")


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def set_edition(repo: Path, edition: str) -> None:
    config = repo / "mkdocs.yml"
    config.write_text(re.sub(r'^(\s+edition:\s*)"[^"]+"', rf'\g<1>"{edition}"', config.read_text(), flags=re.MULTILINE))
    changelog = repo / "CHANGELOG.md"
    changelog.write_text(changelog.read_text() + f"\n## {edition}\n\n- The side effects page is clearer.\n")
    commit_all(repo, f"edition {edition}")


def publish(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return run_careguide("publish", *args, root=repo, env=GIT_ENV)


@dataclass
class Network:
    repo: Path
    tree: Path  # gh-pages after the last successful publish, checked out
    results: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # gh-pages commit after each step
    trees: dict[str, dict[str, str]] = field(default_factory=dict)  # step -> {path: tree id}

    def show(self, path: str, ref: str = "gh-pages") -> str:
        return git(self.repo, "show", f"{ref}:{path}")


def tree_ids(repo: Path) -> dict[str, str]:
    return {
        f"{c}/{e}": git(repo, "rev-parse", f"gh-pages:{c}/{e}").strip()
        for c in CLINICS
        for e in (EDITION_A, EDITION_B)
        if git(repo, "rev-parse", "--verify", "--quiet", f"gh-pages:{c}/{e}", check=False).strip()
    }


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Network:
    repo = tmp_path_factory.mktemp("publish") / "repo"
    make_network(repo)
    net = Network(repo, repo.parent / "gh-pages")

    def step(name: str, *args: str) -> None:
        net.results[name] = publish(repo, *args)
        net.refs[name] = git(repo, "rev-parse", "--verify", "--quiet", "gh-pages", check=False).strip()
        net.trees[name] = tree_ids(repo)

    step("wrong edition", "--edition", EDITION_B)  # mkdocs.yml still says A
    step("A", "--edition", EDITION_A)
    set_edition(repo, EDITION_B)
    step("B", "--edition", EDITION_B)

    # B again, with a change, the way the deploy workflow does it: build, then deploy.
    page = repo / "docs" / "faq.md"
    page.write_text(page.read_text() + "\nThis sentence is new in the second printing.\n")
    commit_all(repo, "a clearer answer")
    built = repo.parent / "built"
    net.results["B build-only"] = publish(repo, "--edition", EDITION_B, "--build-only", str(built))
    step("B again, no --replace", "--edition", EDITION_B, "--prebuilt", str(built))
    step("B push fails", "--edition", EDITION_B, "--prebuilt", str(built), "--replace", "--push")  # no remote here
    step("B again", "--edition", EDITION_B, "--prebuilt", str(built), "--replace")
    step("same build, one clinic", "--edition", EDITION_B, "--prebuilt", str(built), "--replace", "--clinic", "clinic-north")

    archive = subprocess.run(["git", "-C", str(repo), "archive", "gh-pages"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(net.tree, filter="data")

    # A page that breaks only the second clinic's build.
    page = repo / "docs" / "how-often.md"
    page.write_text(
        page.read_text() + '\n{% if clinic.id == "clinic-south" %}See [this](no-such-page.md).{% endif %}\n'
    )
    commit_all(repo, "a broken link for one clinic")
    step("one clinic fails", "--edition", EDITION_B, "--replace")
    return net


def test_publishing_edition_a_then_b_keeps_both_editions_of_both_clinics(network):
    assert network.results["A"].returncode == 0, network.results["A"].stderr
    assert network.results["B"].returncode == 0, network.results["B"].stderr
    files = set(git(network.repo, "ls-tree", "-r", "--name-only", "gh-pages").split())
    for clinic_id in CLINICS:
        for edition in (EDITION_A, EDITION_B):
            assert f"{clinic_id}/{edition}/index.html" in files
            assert f"{clinic_id}/{edition}/side-effects/index.html" in files
            footer = BeautifulSoup(network.show(f"{clinic_id}/{edition}/index.html"), "html.parser")
            assert f"Edition {edition}." in footer.select_one(".cg-disclaimer").get_text(" ", strip=True)
    assert ".nojekyll" in files


def test_versions_json_lists_both_editions_with_latest_on_the_newest(network):
    for clinic_id in CLINICS:
        versions = json.loads(network.show(f"{clinic_id}/versions.json"))
        assert [v["version"] for v in versions] == [EDITION_B, EDITION_A]
        assert versions[0]["aliases"] == ["latest"]
        assert versions[1]["aliases"] == []


def redirect_target(html: str) -> str:
    refresh = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "refresh"})
    return refresh["content"].split("url=", 1)[1]


def test_clinic_root_redirects_to_latest_and_latest_pages_redirect_to_the_same_page_of_the_newest(network):
    for clinic_id in CLINICS:
        assert redirect_target(network.show(f"{clinic_id}/index.html")) == "latest/"
        assert redirect_target(network.show(f"{clinic_id}/latest/side-effects/index.html")) == f"../../{EDITION_B}/side-effects/"
    # redirect aliases, not symlinks (GitHub Pages artifacts cannot hold symlinks) and not copies
    modes = git(network.repo, "ls-tree", "-r", "gh-pages", "clinic-north/latest").splitlines()
    assert modes and all(line.startswith("100644 blob") for line in modes)
    assert not [line for line in modes if "/assets/" in line]


def test_published_pages_turn_on_the_edition_selector_and_point_canonical_urls_at_latest(network):
    for edition in (EDITION_A, EDITION_B):
        soup = BeautifulSoup(network.show(f"clinic-north/{edition}/side-effects/index.html"), "html.parser")
        config = json.loads(soup.find("script", id="__config").string)
        assert config["version"] == {"provider": "mike"}
        assert soup.find("link", rel="canonical")["href"] == f"{BASE}clinic-north/latest/side-effects/"


def test_root_index_lists_both_clinics_and_root_404_links_them(network):
    index = BeautifulSoup(network.show("index.html"), "html.parser")
    assert {a["href"] for a in index.select("main ul a")} == {f"{c}/" for c in CLINICS}
    assert set(CLINICS.values()) <= {a.get_text(strip=True) for a in index.select("main ul a")}
    missing = BeautifulSoup(network.show("404.html"), "html.parser")
    base_path = urlsplit(BASE).path
    assert {a["href"] for a in missing.select("main ul a")} == {f"{base_path}{c}/" for c in CLINICS}
    assert missing.find("a", href="tel:911")


def named_local_files(tree: Path) -> dict[Path, list[str]]:
    """Each file of the gh-pages tree that a page's href or src names -> the pages naming it."""
    base_path = urlsplit(BASE).path
    named: dict[Path, list[str]] = {}
    for page in tree.rglob("*.html"):
        for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(True):
            for url in filter(None, (tag.get("href"), tag.get("src"))):
                parts = urlsplit(url)
                if parts.scheme or parts.netloc or not parts.path:
                    continue
                if parts.path.startswith("/"):
                    target = tree / parts.path.removeprefix(base_path)
                else:
                    target = Path(os.path.normpath(page.parent / parts.path))
                if parts.path.endswith("/") or target.is_dir():
                    target = target / "index.html"
                named.setdefault(target, []).append(page.relative_to(tree).as_posix())
    return named


def test_every_file_a_published_page_names_is_on_gh_pages(network):
    named = named_local_files(network.tree)
    missing = {str(target.relative_to(network.tree)): pages[:2] for target, pages in named.items() if not target.is_file()}
    assert missing == {}
    shared = [target for target in named if target.parent == network.tree / "_assets"]
    assert len(shared) >= 4  # the theme's script, its two stylesheets, careguide's own


def test_shared_theme_files_are_named_by_their_content_and_no_edition_carries_its_own(network):
    import hashlib

    for path in (network.tree / "_assets").iterdir():
        assert path.name.startswith(hashlib.sha256(path.read_bytes()).hexdigest()[:16] + "-"), path.name
    for clinic in CLINICS:
        for edition in (EDITION_A, EDITION_B):
            page = BeautifulSoup((network.tree / clinic / edition / "es" / "faq" / "index.html").read_text(), "html.parser")
            assert [link["href"].split("_assets/")[0] for link in page.find_all("link", rel="stylesheet")] == ["../../../../"] * 3


def test_republishing_an_edition_replaces_only_that_edition(network):
    assert network.results["B build-only"].returncode == 0, network.results["B build-only"].stderr
    assert network.results["B again"].returncode == 0, network.results["B again"].stderr
    before, after = network.trees["B"], network.trees["B again"]
    for clinic_id in CLINICS:
        assert after[f"{clinic_id}/{EDITION_A}"] == before[f"{clinic_id}/{EDITION_A}"]
        assert after[f"{clinic_id}/{EDITION_B}"] != before[f"{clinic_id}/{EDITION_B}"]
        faq_b = network.show(f"{clinic_id}/{EDITION_B}/faq/index.html")
        assert "new in the second printing" in faq_b
        assert "new in the second printing" not in network.show(f"{clinic_id}/{EDITION_A}/faq/index.html")


def test_publishing_one_clinic_again_unchanged_commits_nothing_and_keeps_the_others_listed(network):
    again = network.results["same build, one clinic"]
    assert again.returncode == 0, again.stderr
    assert f"clinic-north: edition {EDITION_B} unchanged" in again.stdout
    assert network.refs["same build, one clinic"] == network.refs["B again"]
    index = BeautifulSoup(network.show("index.html"), "html.parser")
    assert {a["href"] for a in index.select("main ul a")} == {f"{c}/" for c in CLINICS}


def test_a_failed_build_of_one_clinic_leaves_gh_pages_unchanged(network):
    failed = network.results["one clinic fails"]
    assert failed.returncode == 1
    assert "clinic-south: build failed" in failed.stderr and "no-such-page.md" in failed.stderr
    assert "gh-pages is unchanged" in failed.stderr
    assert network.refs["one clinic fails"] == network.refs["B again"]


def test_a_failed_push_resets_gh_pages_to_where_it_was(network):
    failed = network.results["B push fails"]
    assert failed.returncode == 1
    assert "failed to push branch gh-pages to origin" in failed.stderr
    assert network.refs["B push fails"] == network.refs["B"]


def test_publishing_an_edition_other_than_the_configured_one_is_refused_before_any_commit(network):
    refused = network.results["wrong edition"]
    assert refused.returncode == 1
    assert f"edition {EDITION_B} is not the edition in mkdocs.yml ({EDITION_A})" in refused.stderr
    assert network.refs["wrong edition"] == ""  # gh-pages was never created


def test_republishing_an_existing_edition_without_replace_is_refused_in_one_line(network):
    refused = network.results["B again, no --replace"]
    assert refused.returncode == 1
    assert refused.stderr == (
        f"careguide publish: edition {EDITION_B} is already published on gh-pages for clinic-north, clinic-south: "
        "to replace what patients see, publish again with --replace; for a new edition, set a new one in mkdocs.yml "
        "(nothing was published: gh-pages is unchanged)\n"
    )
    assert network.refs["B again, no --replace"] == network.refs["B"]


def test_no_staging_branch_is_left_after_publishing(network):
    assert git(network.repo, "for-each-ref", "refs/heads/careguide-publish-staging/") == ""


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2027.10", 'mkdocs.yml:2: extra.edition: 2027.10 without quotes is read as the number 2027.1: write it in quotes, like "2027.10"'),
        ('"2026 .1"', 'mkdocs.yml:2: extra.edition: "2026 .1" is not an edition: write the year, a dot and a number (no spaces, no leading zero), in quotes, like "2026.1"'),
        ("'2026.01'", 'mkdocs.yml:2: extra.edition: "2026.01" is not an edition: write the year, a dot and a number (no spaces, no leading zero), in quotes, like "2026.1"'),
        ("[2026.1]", 'mkdocs.yml:2: extra.edition: is a list or mapping, not an edition: write one edition in quotes, like "2026.1"'),
    ],
)
def test_an_edition_that_is_not_a_quoted_year_dot_number_is_refused_on_its_line(tmp_path, written, message):
    from careguide.publish import PublishFailed, configured_edition

    (tmp_path / "mkdocs.yml").write_text(f"extra:\n  edition: {written}\n")
    with pytest.raises(PublishFailed) as refused:
        configured_edition(tmp_path)
    assert str(refused.value) == message


def test_a_missing_edition_names_mkdocs_yml(tmp_path):
    from careguide.publish import PublishFailed, configured_edition

    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    with pytest.raises(PublishFailed, match=r"^mkdocs.yml: extra.edition: not set: add `edition: \"2026.1\"`"):
        configured_edition(tmp_path)


def test_clinics_json_lists_every_clinic_for_a_job_matrix(network):
    listed = run_careguide("clinics", "--json", root=network.repo)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [{"id": i, "name": n} for i, n in sorted(CLINICS.items())]


@pytest.mark.browser
def test_the_edition_selector_switches_from_b_to_a_in_chromium(network, browser):
    server = LocalSite(network.tree)
    origin = server.base_url.rstrip("/")
    other_hosts = []
    page = browser.new_page()
    try:
        page.on("request", lambda r: r.url.startswith(origin) or other_hosts.append(r.url))

        page.goto(f"{origin}/clinic-north/")  # -> latest/ -> the newest edition
        page.wait_for_url(f"{origin}/clinic-north/{EDITION_B}/")
        selector = page.locator(".md-version")
        assert selector.locator(".md-version__current").inner_text().strip() == EDITION_B

        selector.hover()
        selector.locator(".md-version__link", has_text=EDITION_A).click()
        page.wait_for_url(f"{origin}/clinic-north/{EDITION_A}/")
        assert f"Edition {EDITION_A}." in page.locator(".cg-disclaimer").inner_text()
        assert page.locator(".md-version__current").inner_text().strip() == EDITION_A
    finally:
        page.close()
        server.close()
    assert other_hosts == []


STRINGS = yaml.safe_load((ROOT / "overrides/careguide/strings.yml").read_text(encoding="utf-8"))


@pytest.mark.browser
def test_the_spanish_pages_edition_menu_lists_the_editions_and_switches_to_the_same_spanish_page(network, browser):
    server = LocalSite(network.tree)
    origin = server.base_url.rstrip("/")
    page = browser.new_page()
    try:
        page.goto(f"{origin}/clinic-north/{EDITION_B}/es/faq/")
        selector = page.locator(".md-version")
        assert selector.locator(".md-version__current").inner_text().strip() == EDITION_B
        listed = [link.inner_text().strip() for link in selector.locator(".md-version__link").all()]
        assert listed == [EDITION_B, EDITION_A]
        selector.hover()
        selector.locator(".md-version__link", has_text=EDITION_A).click()
        page.wait_for_url(f"{origin}/clinic-north/{EDITION_A}/es/faq/")
    finally:
        page.close()
        server.close()


@pytest.mark.browser
@pytest.mark.parametrize("folder,lang", [("", "en"), ("es/", "es")])
def test_an_old_edition_says_a_newer_one_exists_and_links_the_same_page_in_it(network, browser, folder, lang):
    from browser_checks import axe_violations

    words = STRINGS[lang]["editions"]
    server = LocalSite(network.tree)
    origin = server.base_url.rstrip("/")
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"{origin}/clinic-south/{EDITION_B}/{folder}side-effects/")  # the newest: no notice
        page.wait_for_load_state("networkidle")
        assert page.locator(".cg-outdated").is_hidden()

        page.goto(f"{origin}/clinic-south/{EDITION_A}/{folder}side-effects/")
        notice = page.locator(".cg-outdated")
        notice.wait_for(state="visible")
        assert " ".join(notice.inner_text().split()) == f"{words['outdated']} {words['newest']}"
        assert axe_violations(page) == []
        notice.get_by_role("link", name=words["newest"]).click()
        page.wait_for_url(f"{origin}/clinic-south/{EDITION_B}/{folder}side-effects/")
    finally:
        page.close()
        server.close()
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("edition", [EDITION_A, EDITION_B])
def test_search_on_a_published_edition_links_within_that_edition(network, browser, edition):
    from browser_checks import open_search, search_results

    server = LocalSite(network.tree)
    origin = server.base_url.rstrip("/")
    other_hosts = []
    page = browser.new_page(viewport={"width": 375, "height": 667})
    try:
        page.on("request", lambda r: r.url.startswith(origin) or other_hosts.append(r.url))
        page.goto(f"{origin}/clinic-north/{edition}/es/")
        open_search(page)
        found = search_results(page, "vomito")
    finally:
        page.close()
        server.close()
    assert found[0] == f"/clinic-north/{edition}/es/side-effects/"
    assert other_hosts == []


def _is_ancestor(repo: Path, older: str, newer: str) -> bool:
    return subprocess.run(["git", "-C", str(repo), "merge-base", "--is-ancestor", older, newer]).returncode == 0


FAULT_POINTS = [("_deploy_clinic", 1), ("_deploy_clinic", 2), ("_commit_root", 1), ("_move_branch", 1)]


@pytest.fixture
def republish(network, tmp_path):
    """A copy of the network at the commit `built` was made from, and a changed copy of `built`."""
    repo = tmp_path / "repo"
    shutil.copytree(network.repo, repo, symlinks=True)
    git(repo, "reset", "-q", "--hard", "HEAD~1")  # before "a broken link for one clinic"
    built = tmp_path / "built"
    shutil.copytree(network.repo.parent / "built", built)
    for clinic_id in CLINICS:
        page = built / clinic_id / "index.html"
        page.write_text(page.read_text() + "<!-- a new printing -->\n")
    return repo, built


@pytest.mark.parametrize("kind", ["error", "SIGTERM", "SIGHUP", "SIGINT"])
@pytest.mark.parametrize(("point", "nth"), FAULT_POINTS)
def test_a_fault_or_signal_at_any_step_leaves_gh_pages_all_old(republish, monkeypatch, point, nth, kind):
    import signal

    from careguide import publish as publishing

    repo, built = republish
    old = git(repo, "rev-parse", "gh-pages").strip()
    old_tree = git(repo, "rev-parse", "gh-pages^{tree}").strip()
    real, calls = getattr(publishing, point), []

    def faulty(*args, **kwargs):
        calls.append(1)
        if len(calls) == nth:
            if kind == "error":
                raise RuntimeError("injected")
            os.kill(os.getpid(), getattr(signal, kind))
        return real(*args, **kwargs)

    monkeypatch.setattr(publishing, point, faulty)
    notes = []
    if point == "_move_branch" and kind != "error":
        # the switch is one compare-and-swap with the stop signals held: it completes, all new
        publishing.publish(repo, EDITION_B, replace=True, prebuilt=built, log=notes.append)
        assert notes == [f"{kind}: received after gh-pages was updated; the edition is published"]
        assert _is_ancestor(repo, old, "gh-pages") and git(repo, "rev-parse", "gh-pages").strip() != old
        assert "a new printing" in git(repo, "show", f"gh-pages:clinic-north/{EDITION_B}/index.html")
        assert git(repo, "for-each-ref", "refs/heads/careguide-publish-staging/") == ""
        return
    with pytest.raises((RuntimeError, publishing.Interrupted)):
        publishing.publish(repo, EDITION_B, replace=True, prebuilt=built, log=notes.append)
    assert calls, f"{point} was never called"
    assert git(repo, "rev-parse", "gh-pages").strip() == old
    assert git(repo, "rev-parse", "gh-pages^{tree}").strip() == old_tree
    assert git(repo, "for-each-ref", "refs/heads/careguide-publish-staging/") == ""


def test_without_a_fault_the_same_republish_moves_gh_pages_to_all_new(republish):
    from careguide import publish as publishing

    repo, built = republish
    old = git(repo, "rev-parse", "gh-pages").strip()
    publishing.publish(repo, EDITION_B, replace=True, prebuilt=built, log=lambda note: None)
    assert _is_ancestor(repo, old, "gh-pages") and git(repo, "rev-parse", "gh-pages").strip() != old
    for clinic_id in CLINICS:
        assert "a new printing" in git(repo, "show", f"gh-pages:{clinic_id}/{EDITION_B}/index.html")
    assert git(repo, "for-each-ref", "refs/heads/careguide-publish-staging/") == ""
