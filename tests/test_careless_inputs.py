"""What a careless editor or clinic manager does by accident gets one clear line, and changes
nothing: a file where a folder should be, a clinic file with the wrong extension, a page
saved by Word with a byte-order mark."""

from __future__ import annotations

from conftest import run_careguide


def test_a_site_dir_that_is_a_file_is_refused_in_one_line_and_left_as_it_was(project_copy, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("my notes\n")
    done = run_careguide("build", "--site-dir", str(target), root=project_copy)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{target}: is a file, not a folder: pass --site-dir a folder (careguide creates it)",
        f"Nothing was written: {target}/ is unchanged.",
    ]
    assert target.read_text() == "my notes\n"


def test_a_clinic_file_named_yaml_is_named_as_not_read(project_copy):
    (project_copy / "clinics" / "test-baltimore.yml").rename(project_copy / "clinics" / "extra.YAML")
    done = run_careguide("check", root=project_copy)
    assert done.returncode == 0, done.stderr
    assert (
        "WARNING: clinics/extra.YAML:1:1: this file is not read: only .yml (lower case) files are read; "
        "move or rename it to clinics/extra.yml"
    ) in done.stderr.splitlines()
    assert "Traceback" not in done.stderr


def test_a_page_saved_with_a_byte_order_mark_lints_like_the_same_page_without(project_copy):
    page = project_copy / "docs" / "faq.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    done = run_careguide("lint", root=project_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s), 0 warning(s): OK." in done.stdout + done.stderr
