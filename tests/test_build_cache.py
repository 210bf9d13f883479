"""Incremental builds (careguide/build_cache.py): a clinic is reused only when nothing it
depends on changed, and a cache entry that does not check out is rebuilt, never shipped.

Most inputs are proved on the key itself (fast: which clinics' keys a change changes); a few
real builds prove the end-to-end claims: reuse, byte-identical output, one clinic rebuilt,
a corrupted entry rebuilt, a failed build storing nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from careguide import build, build_cache, cli
from careguide.build_cache import ENTRIES, MANIFEST, SITE
from careguide.clinic_file import load_clinic
from careguide.project import load_project
from conftest import ROOT

CLINICS = ("test-baltimore", "test-rockville")  # two small clinics: every real build here builds at most these


@pytest.fixture
def project(project_copy) -> Path:
    (project_copy / "clinics" / "test-annapolis.yml").unlink()
    return project_copy


def keys(root: Path, *, engine: str = "mkdocs", published: bool = False, preview: bool = False) -> dict[str, str]:
    """Each clinic's key, as `careguide build` computes it (after the Spanish fallbacks)."""
    project = load_project(root)
    shared = build_cache.shared_key(root, engine=engine, published=published, preview=preview)
    clinics = {clinic_id: load_clinic(root / "clinics" / f"{clinic_id}.yml", root=root) for clinic_id in CLINICS}
    return {clinic_id: build_cache.clinic_key(shared, build._for_every_language(project, c)) for clinic_id, c in clinics.items()}


def entry(root: Path, clinic_id: str) -> Path:
    """Where `careguide build` (MkDocs, not published, not a preview) keeps the clinic's build."""
    return build_cache.entry_folder(root, clinic_id, engine="mkdocs", published=False, preview=False)


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {clinic_id for clinic_id in before if before[clinic_id] != after[clinic_id]}


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# --- the key: which clinics a change rebuilds ----------------------------------------------


def test_the_same_inputs_give_the_same_keys(project):
    assert keys(project) == keys(project)
    assert len(set(keys(project).values())) == len(CLINICS)


def test_a_changed_clinic_file_changes_that_clinics_key_only(project):
    before = keys(project)
    clinic = project / "clinics" / "test-rockville.yml"
    clinic.write_text(clinic.read_text().replace("name: Sample Infusion Center of Rockville", "name: Sample Center of Rockville"))
    assert changed(before, keys(project)) == {"test-rockville"}


@pytest.mark.parametrize(
    "path, text",
    [
        ("docs/side-effects.md", "\nNew English text.\n"),
        ("docs/side-effects.es.md", "\nTexto nuevo.\n"),
        ("docs/assets/careguide.css", "\n.new { color: red; }\n"),
        ("overrides/main.html", "\n{# a template changed #}\n"),
        ("overrides/partials/careguide/review-dates.html", "\n"),
        ("overrides/careguide/strings.yml", "\n# a comment\n"),
        ("overrides/careguide/print.css", "\n"),
        ("macros/guide.py", "\n# a comment\n"),
        ("mkdocs.yml", "\n# a comment\n"),
    ],
)
def test_a_changed_project_file_changes_every_clinics_key(project, path, text):
    before = keys(project)
    append(project / path, text)
    assert changed(before, keys(project)) == set(CLINICS)


def test_a_new_page_image_changes_every_clinics_key(project):
    before = keys(project)
    (project / "docs" / "assets" / "new.png").write_bytes(b"\x89PNG")
    assert changed(before, keys(project)) == set(CLINICS)


def test_the_cache_itself_and_pythons_bytecode_are_not_inputs(project):
    before = keys(project)
    (project / ".cache" / "careguide" / "builds" / "x").mkdir(parents=True)
    (project / ".cache" / "careguide" / "builds" / "x" / MANIFEST).write_text("{}")
    (project / "macros" / "__pycache__").mkdir(exist_ok=True)
    (project / "macros" / "__pycache__" / "guide.cpython-311.pyc").write_bytes(b"compiled")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("an earlier build")
    assert changed(before, keys(project)) == set()


@pytest.mark.parametrize(
    "setting", [{"engine": "zensical"}, {"published": True}, {"preview": True}], ids=lambda s: next(iter(s))
)
def test_the_engine_and_the_kind_of_build_change_every_clinics_key(project, setting):
    assert changed(keys(project), keys(project, **setting)) == set(CLINICS)


def test_a_changed_careguide_source_file_changes_every_clinics_key(project, tmp_path, monkeypatch):
    source = tmp_path / "careguide" / "build.py"
    source.parent.mkdir()
    source.write_text("# the pipeline\n")
    monkeypatch.setattr(build_cache, "package_files", lambda: [source])
    before = keys(project)
    append(source, "# changed\n")
    assert changed(before, keys(project)) == set(CLINICS)


def test_the_real_package_files_are_careguides_own_source(project):
    names = {path.name for path in build_cache.package_files()}
    assert {"build.py", "build_cache.py", "states.yml"} <= names
    assert not [path for path in build_cache.package_files() if "__pycache__" in path.parts]


def test_a_changed_distribution_record_changes_every_clinics_key(project, monkeypatch):
    record = b"weasyprint/__init__.py,sha256=abc,100\n"
    monkeypatch.setattr(build_cache, "distributions", lambda: [("weasyprint", "66.0", record)])
    before = keys(project)
    monkeypatch.setattr(build_cache, "distributions", lambda: [("weasyprint", "66.0", record.replace(b"abc", b"abd"))])
    assert changed(before, keys(project)) == set(CLINICS)
    monkeypatch.setattr(build_cache, "distributions", lambda: [("weasyprint", "66.1", record)])
    assert changed(before, keys(project)) == set(CLINICS)


def test_the_real_distributions_include_the_engines_with_their_records():
    found = {name.lower(): record for name, _, record in build_cache.distributions()}
    for name in ("mkdocs", "mkdocs-material", "weasyprint", "zensical"):
        assert b"sha256=" in found[name], name


def test_a_changed_font_changes_every_clinics_key(project, tmp_path, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "Sans.ttf").write_bytes(b"a font")
    monkeypatch.setattr(build_cache, "FONT_FOLDERS", (fonts,))
    before = keys(project)
    (fonts / "Sans.ttf").write_bytes(b"a font, replaced")
    assert changed(before, keys(project)) == set(CLINICS)


def test_an_environment_variable_the_build_reads_changes_every_clinics_key(project, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("CAREGUIDE_TEST_TITLE", raising=False)
    before = keys(project)
    monkeypatch.setenv("SOME_OTHER_VARIABLE", "x")  # read by nothing
    assert changed(before, keys(project)) == set()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # MkDocs' build date
    assert changed(before, keys(project)) == set(CLINICS)


def test_every_environment_variable_is_an_input_once_the_macros_read_the_environment(project, monkeypatch):
    append(project / "macros" / "guide.py", "\nimport os\nTITLE = os.environ.get('CAREGUIDE_TEST_TITLE')\n")
    before = keys(project)
    monkeypatch.setenv("CAREGUIDE_TEST_TITLE", "Our clinic")
    assert changed(before, keys(project)) == set(CLINICS)


def test_the_commit_is_an_input_only_when_the_project_names_macros_git(project, monkeypatch):
    from mkdocs_macros import context

    commit = {"short_commit": "aaaa"}
    monkeypatch.setattr(context, "get_git_info", lambda: dict(commit))
    before = keys(project)
    commit["short_commit"] = "bbbb"
    assert changed(before, keys(project)) == set(), "no page names git: a new commit rebuilds nothing"
    append(project / "docs" / "about.md", "\nBuilt from {{ git.short_commit }}.\n")
    named = keys(project)
    commit["short_commit"] = "cccc"
    assert changed(named, keys(project)) == set(CLINICS)


# --- entries: stored whole, restored only when every file checks out -----------------------


def fake_site(folder: Path) -> Path:
    (folder / "es" / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<p>home</p>")
    (folder / "es" / "index.html").write_text("<p>inicio</p>")
    (folder / "es" / "assets" / "empty").mkdir()
    (folder / "guide.pdf").write_bytes(bytes(range(256)))
    return folder


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), by relative path."""
    return {p.relative_to(folder).as_posix(): (None if p.is_dir() else p.read_bytes()) for p in sorted(folder.rglob("*"))}


def test_a_stored_entry_restores_the_same_tree(tmp_path):
    built = fake_site(tmp_path / "built")
    build_cache.store(tmp_path / "cache" / "entry", "key-1", built)
    assert build_cache.restore(tmp_path / "cache" / "entry", "key-1", tmp_path / "restored")
    assert tree(tmp_path / "restored") == tree(built)
    assert not build_cache.restore(tmp_path / "cache" / "entry", "key-2", tmp_path / "other")
    assert not (tmp_path / "other").exists()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["entry"]  # no temporary folder left


def corrupt_a_byte(entry: Path) -> None:
    pdf = entry / SITE / "guide.pdf"
    data = bytearray(pdf.read_bytes())
    data[100] ^= 1
    pdf.write_bytes(bytes(data))


def truncate_the_manifest(entry: Path) -> None:
    manifest = entry / MANIFEST
    manifest.write_bytes(manifest.read_bytes()[: len(manifest.read_bytes()) // 2])


@pytest.mark.parametrize(
    "damage",
    [
        corrupt_a_byte,
        lambda entry: (entry / SITE / "es" / "index.html").unlink(),
        lambda entry: (entry / SITE / "extra.html").write_text("not built"),
        lambda entry: (entry / SITE / "es" / "assets" / "empty").rmdir(),
        truncate_the_manifest,
        lambda entry: (entry / MANIFEST).unlink(),
        lambda entry: (entry / MANIFEST).write_text(json.dumps(["not", "a", "manifest"])),
    ],
    ids=["a byte changed", "a file deleted", "a file added", "a folder deleted", "manifest truncated", "manifest deleted",
         "manifest not an object"],
)
def test_a_damaged_entry_is_a_miss_and_leaves_nothing_behind(tmp_path, damage):
    build_cache.store(tmp_path / "entry", "key", fake_site(tmp_path / "built"))
    damage(tmp_path / "entry")
    assert not build_cache.restore(tmp_path / "entry", "key", tmp_path / "restored")
    assert not (tmp_path / "restored").exists()


def test_an_interrupted_store_leaves_no_usable_entry(tmp_path, monkeypatch):
    entry = tmp_path / "cache" / "entry"
    build_cache.store(entry, "old-key", fake_site(tmp_path / "old"))

    def interrupted(folder):
        raise KeyboardInterrupt  # midway: the site copied, no manifest yet

    monkeypatch.setattr(build_cache, "_listing", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_cache.store(entry, "new-key", fake_site(tmp_path / "new"))
    monkeypatch.undo()
    assert not build_cache.restore(entry, "new-key", tmp_path / "restored")
    assert build_cache.restore(entry, "old-key", tmp_path / "restored")  # the old entry is whole
    assert [p.name for p in entry.parent.iterdir()] == ["entry"]


def test_a_store_into_an_unwritable_cache_says_so_and_the_build_goes_on(tmp_path, capsys):
    (tmp_path / ".cache").write_text("a file where the cache's folder would be")
    build_cache.store(tmp_path / ".cache" / "entry", "key", fake_site(tmp_path / "built"))
    assert capsys.readouterr().err == f"{tmp_path / '.cache'}: not writable (File exists): this build is not cached\n"


# --- real builds ------------------------------------------------------------------------------


def run_build(project: Path, out: Path, capsys, *args: str) -> str:
    assert cli.main(["--root", str(project), "build", "--site-dir", str(out), *args]) == 0
    return capsys.readouterr().out


def reused_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("Reused "))


def test_builds_reuse_what_did_not_change_and_ship_the_same_bytes(project, tmp_path, capsys):
    fresh = tmp_path / "fresh"
    output = run_build(project, fresh, capsys, "--no-cache")
    assert "Reused" not in output and not (project / ".cache").exists()

    cached = tmp_path / "cached"
    assert reused_line(run_build(project, cached, capsys)) == (
        "Reused 0 of 2 clinics from .cache/careguide (none had a stored build of the same inputs)"
    )
    assert reused_line(run_build(project, cached, capsys)) == (
        "Reused 2 of 2 clinics from .cache/careguide (nothing they depend on changed)"
    )
    assert tree(cached) == tree(fresh)

    # One clinic file changed: that clinic alone is built; a corrupted entry is built again too.
    clinic = project / "clinics" / "test-baltimore.yml"
    clinic.write_text(clinic.read_text().replace("name: Example Ketamine Care, Baltimore", "name: Example Care, Baltimore"))
    corrupt_a_byte_of_a_pdf(entry(project, "test-rockville"))
    assert reused_line(run_build(project, cached, capsys)) == (
        "Reused 0 of 2 clinics from .cache/careguide (none had a stored build of the same inputs)"
    )
    assert tree(cached / "test-rockville") == tree(fresh / "test-rockville")
    assert "Example Care, Baltimore" in (cached / "test-baltimore" / "index.html").read_text()
    assert reused_line(run_build(project, cached, capsys)) == (
        "Reused 2 of 2 clinics from .cache/careguide (nothing they depend on changed)"
    )


def corrupt_a_byte_of_a_pdf(entry: Path) -> None:
    pdf = next((entry / SITE).glob("*.pdf"))
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 1
    pdf.write_bytes(bytes(data))


def test_a_page_change_rebuilds_every_clinic(project, tmp_path, capsys):
    site = tmp_path / "site"
    run_build(project, site, capsys, "--clinic", "test-baltimore")
    append(project / "docs" / "faq.es.md", "\nUna pregunta nueva.\n")
    assert reused_line(run_build(project, site, capsys, "--clinic", "test-baltimore")) == (
        "Reused 0 of 1 clinics from .cache/careguide (none had a stored build of the same inputs)"
    )
    assert "Una pregunta nueva." in (site / "test-baltimore" / "es" / "faq" / "index.html").read_text()


def digest(folder: Path) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in tree(folder).items() if data is not None}


def test_a_failed_build_with_the_cache_changes_no_site_and_stores_nothing_for_the_failed_clinic(
    project, tmp_path, capsys, monkeypatch
):
    site = tmp_path / "site"
    run_build(project, site, capsys)
    before = digest(site)
    stored = {clinic_id: json.loads((entry(project, clinic_id) / MANIFEST).read_text())["key"] for clinic_id in CLINICS}

    append(project / "docs" / "contact.md", "\nNew text.\n")  # every clinic is built again
    real_build = build.build_clinic

    def rockville_fails_at_the_end(clinic_build):  # the workers are forked: they run this too
        real_build(clinic_build)
        if clinic_build.clinic.id == "test-rockville":
            raise RuntimeError("the last step failed")

    monkeypatch.setattr(build, "build_clinic", rockville_fails_at_the_end)
    assert cli.main(["--root", str(project), "build", "--site-dir", str(site)]) == 1
    assert "test-rockville: build failed: the last step failed" in capsys.readouterr().err
    assert digest(site) == before
    now = {clinic_id: json.loads((entry(project, clinic_id) / MANIFEST).read_text())["key"] for clinic_id in CLINICS}
    assert now["test-rockville"] == stored["test-rockville"]  # the old entry, for the old inputs
    assert now["test-baltimore"] != stored["test-baltimore"]  # it built completely: kept for next time
    assert not [p for p in (project / ENTRIES).rglob(".*")]  # no temporary folder left


def test_a_project_file_changed_during_the_build_stores_nothing(project, tmp_path, capsys, monkeypatch):
    def build_while_an_editor_saves(clinic_build):  # forked workers run this instead of the engine
        fake_site(clinic_build.site)
        append(project / "docs" / "faq.md", "\nSaved while the engine read the pages.\n")

    monkeypatch.setattr(build, "build_clinic", build_while_an_editor_saves)
    assert cli.main(["--root", str(project), "build", "--site-dir", str(tmp_path / "site")]) == 0
    assert capsys.readouterr().err.endswith(
        ".cache/careguide: a project file changed during the build: nothing was stored; "
        "the next build builds these clinics again\n"
    )
    assert not (project / ENTRIES).exists()


def test_publish_build_only_uses_the_cache_unless_told_not_to(project, tmp_path, capsys, monkeypatch):
    for name in ("CHANGELOG.md", ".gitignore"):  # publish reads the edition's notes; .cache/ is ignored
        shutil.copy(ROOT / name, project / name)
    git = ["git", "-C", str(project), "-c", "user.name=careguide", "-c", "user.email=dev@careguide.invalid"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "the guide"]):
        subprocess.run([*git, *command], check=True)
    monkeypatch.setattr(build, "build_clinic", lambda clinic_build: fake_site(clinic_build.site))  # forked workers too
    edition = load_project(project).edition

    def publish_build_only(*args: str) -> str:
        out = tmp_path / "built"
        assert cli.main(["--root", str(project), "publish", "--edition", edition, "--build-only", str(out), *args]) == 0
        return capsys.readouterr().out

    assert reused_line(publish_build_only()).startswith("Reused 0 of 2 clinics")
    assert reused_line(publish_build_only()).startswith("Reused 2 of 2 clinics")
    assert "Reused" not in publish_build_only("--no-cache")
    # a published build is not a plain one: `careguide build` reuses nothing of it, and keeps its own entry
    assert reused_line(run_build(project, tmp_path / "site", capsys)).startswith("Reused 0 of 2 clinics")
    assert reused_line(publish_build_only()).startswith("Reused 2 of 2 clinics")
    assert sorted(p.name for p in (project / ENTRIES / "test-baltimore").iterdir()) == ["mkdocs-published", "mkdocs-site"]
