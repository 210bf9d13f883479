"""`careguide serve`: an editor's mistake is the one line `careguide build` or `check` prints,
never a traceback. At the start the preview stops (exit 1); while serving it keeps serving
the last good pages and rebuilds once the file is fixed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import CAREGUIDE, insert_lines, run_careguide

CLINIC = "test-baltimore"
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_command(project: Path, port: int, language: str = "en") -> list[str]:
    return [*CAREGUIDE, "--root", str(project), "serve", "--clinic", CLINIC, "--language", language,
            "--dev-addr", f"127.0.0.1:{port}"]


def serve_fails(project: Path, port: int) -> subprocess.CompletedProcess:
    result = subprocess.run(serve_command(project, port), capture_output=True, text=True, env=ENVIRONMENT, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr, result.stderr
    return result


@contextmanager
def serving(project: Path, tmp_path: Path, port: int, language: str):
    """The preview running in the background; its stdout and stderr are files to poll."""
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(serve_command(project, port, language), stdout=stdout, stderr=stderr, env=ENVIRONMENT)
    try:
        yield process, out, err
    finally:
        process.send_signal(signal.SIGINT)  # as an editor stops it: it removes its work folder
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(process, path: Path, text: str, *, count: int = 1, timeout: float = 120) -> str:
    """The file's text once `text` is in it `count` times; fails if the preview stops or it takes too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        said = path.read_text(encoding="utf-8")
        if said.count(text) >= count:
            return said
        assert process.poll() is None, f"the preview stopped (exit {process.returncode}):\n{said}"
        time.sleep(0.3)
    raise AssertionError(f"no {text!r} in {path.name} after {timeout}s:\n{path.read_text(encoding='utf-8')}")


def page_heading(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return BeautifulSoup(response.read(), "html.parser").find("h1").get_text(strip=True)


def broken_clinic_line(good_clinic: str) -> str:
    """What check says of the clinic file with `phone: [` added at its end (YAML names the
    line after it, where it found the file's end instead of the list)."""
    return (
        f"clinics/{CLINIC}.yml:{len(good_clinic.splitlines()) + 2}:1: YAML syntax error: did not find expected node content; "
        "check the indentation and quotes on this line and the one above it"
    )


def test_a_broken_page_at_the_start_is_one_line_and_exit_1(project_copy):
    line = insert_lines(project_copy, "faq.md", 12, "{% if clinic.email %}Write to us.")
    result = serve_fails(project_copy, free_port())
    assert result.stderr == f"docs/faq.md:{line}: this {{% if %}} is never closed: add {{% endif %}} where its part ends\n"


def test_a_broken_clinic_file_at_the_start_is_said_as_check_says_it(project_copy):
    clinic_file = project_copy / "clinics" / f"{CLINIC}.yml"
    good_clinic = clinic_file.read_text(encoding="utf-8")
    clinic_file.write_text(good_clinic + "phone: [\n", encoding="utf-8")
    result = serve_fails(project_copy, free_port())
    check = run_careguide("check", str(clinic_file), root=project_copy)
    assert check.returncode == 1
    assert result.stderr == check.stderr == f"{broken_clinic_line(good_clinic)}\n1 problem(s) found.\n"


def test_a_port_already_taken_is_one_line_and_exit_1(project_copy):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve_fails(project_copy, port)
    assert result.stderr == f"--dev-addr 127.0.0.1:{port}: cannot serve there (Address already in use): choose another port\n"


def test_a_mistake_made_while_serving_is_one_line_and_the_preview_recovers(project_copy, tmp_path):
    port = free_port()
    faq, clinic_file = project_copy / "docs" / "faq.es.md", project_copy / "clinics" / f"{CLINIC}.yml"
    good_page, good_clinic = faq.read_text(encoding="utf-8"), clinic_file.read_text(encoding="utf-8")
    with serving(project_copy, tmp_path, port, "es") as (process, out, err):
        wait_for(process, out, "Serving on ")
        heading = page_heading(f"http://127.0.0.1:{port}/faq/")

        line = insert_lines(project_copy, "faq.es.md", 12, "Llámenos.{% endfor %}")
        said = wait_for(process, err, "docs/faq.es.md:")
        assert said == (
            f"docs/faq.es.md:{line}: {{% endfor %}} closes nothing: remove it, or add the {{% for %}} it belongs to\n"
        )
        assert page_heading(f"http://127.0.0.1:{port}/faq/") == heading  # the last good pages, still served

        faq.write_text(good_page, encoding="utf-8")
        wait_for(process, out, "Rebuilt: ")

        clinic_file.write_text(good_clinic + "phone: [\n", encoding="utf-8")
        said = wait_for(process, err, f"clinics/{CLINIC}.yml:")
        assert said.splitlines()[1:] == [broken_clinic_line(good_clinic)]

        clinic_file.write_text(good_clinic, encoding="utf-8")
        wait_for(process, out, "Rebuilt: ", count=2)
        assert page_heading(f"http://127.0.0.1:{port}/faq/") == heading
        assert "Traceback" not in err.read_text(encoding="utf-8")
