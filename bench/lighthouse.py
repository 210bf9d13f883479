"""Lighthouse: our site beside plain Material building the same pages, in the same run.

    .venv/bin/python bench/lighthouse.py [--clinic ID] [--runs 3] [--keep DIR] [--smoke] [--no-write]

Builds into a temporary folder:
- ours: `careguide build --clinic <id>` (default: the first in clinics/), exactly what we publish;
- plain Material: bench/projects.py's baseline, the guide's Markdown pages (English, and
  Spanish in es/) on Material's defaults (Google Fonts on, default palette and search,
  "Made with Material"), with none of our templates, CSS, macros (their calls stay as
  text), PDF or checks.
Each is served on 127.0.0.1 by a small server that gzips text responses and sends
`Cache-Control: max-age=600`, as GitHub Pages does. Lighthouse (npm, the version and
hashes locked in bench/lighthouse/package-lock.json, installed with `npm ci` into
.cache/lighthouse on first use; from npm's cache when it has the files) runs with Debian's
/usr/bin/chromium on the home page and one content page, mobile (its default: simulated
slow 4G and 4x CPU slowdown) and desktop (--preset=desktop), --runs times each; the run
with the median performance score is kept. The browser may ask no other host (CHROME_FLAGS),
so the plain build's Google Fonts request fails; Lighthouse counts it (the failed column).
--smoke: the home page, mobile, one run, nothing written. --install: install Lighthouse and stop
(make test does, so the suite's smoke run, with --offline, asks no registry).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import build_plain_material  # noqa: E402
from results import Section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOCKED = Path(__file__).with_name("lighthouse")  # package.json + package-lock.json
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
# The proxy is a closed port: every request to another host fails in the browser, never
# leaving the machine (the plain build asks Google Fonts); 127.0.0.1 bypasses proxies.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --proxy-server=http://127.0.0.1:9"
)
PAGES = {"home": "", "side effects": "side-effects/"}
THEME_FILE = re.compile(r"(main|palette)\.[0-9a-f]+\.min\.css$|bundle\.[0-9a-f]+\.min\.js$")  # Material's, hashed or shared
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = (
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "image/svg+xml", "application/xml", "text/xml",
)
# --- serving, as GitHub Pages does -----------------------------------------------------


class PagesLikeHandler(SimpleHTTPRequestHandler):
    """Static files, gzip for text when the client accepts it, 404.html for misses."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript", ".json": "application/json"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = HTTPStatus.OK
        if not path.is_file():
            status, path = HTTPStatus.NOT_FOUND, Path(self.directory) / "404.html"
        body = path.read_bytes() if path.is_file() else b"Not found"
        content_type = self.guess_type(str(path))
        self.send_response(status)
        if content_type.split(";")[0] in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(PagesLikeHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- the two builds --------------------------------------------------------------------


def build_ours(clinic_id: str, work: Path) -> tuple[Path, str]:
    """The folder to serve and the clinic's path in it: its theme files are in _assets/ beside it."""
    subprocess.run(
        [str(BIN / "careguide"), "--root", str(ROOT), "build", "--no-cache", "--clinic", clinic_id, "--site-dir", str(work / "ours")],
        check=True, stdout=subprocess.DEVNULL,
    )
    return work / "ours", f"{clinic_id}/"


# --- Lighthouse ------------------------------------------------------------------------


def install_lighthouse(*, offline: bool = False) -> str:
    """Lighthouse exactly as locked (npm ci checks every package's hash); its version.
    `offline`: never ask the registry (the test suite makes no request to another host)."""
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"{CHROMIUM} is missing: run scripts/install-system-deps (installs chromium)")
    lock = (LOCKED / "package-lock.json").read_text()
    if not (LIGHTHOUSE_DIR / "package-lock.json").is_file() or (LIGHTHOUSE_DIR / "package-lock.json").read_text() != lock:
        if offline:
            raise SystemExit(f"Lighthouse is not installed in {LIGHTHOUSE_DIR}: run `.venv/bin/python bench/lighthouse.py "
                             "--install` once (make test and make bench do)")
        if not shutil.which("npm"):
            raise SystemExit("npm is missing: run scripts/install-system-deps (installs nodejs and npm)")
        shutil.rmtree(LIGHTHOUSE_DIR, ignore_errors=True)
        LIGHTHOUSE_DIR.mkdir(parents=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(LOCKED / name, LIGHTHOUSE_DIR / name)
        # --ignore-scripts: nothing to build, and no browser download (we use Debian's Chromium)
        subprocess.run(["npm", "ci", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"],
                       cwd=LIGHTHOUSE_DIR, check=True, stdout=subprocess.DEVNULL)
    return json.loads((LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json").read_text())["version"]


def lighthouse(url: str, form_factor: str, out: Path) -> dict:
    subprocess.run(
        [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}", *FORM_FACTORS[form_factor],
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, stdout=subprocess.DEVNULL,
    )
    return json.loads(out.read_text())


def summary(report: dict, prefix: str) -> dict:
    # data: URLs are icons inside the CSS, already counted there; not network requests
    requests = [r for r in report["audits"]["network-requests"]["details"]["items"] if not r["url"].startswith("data:")]
    unused_css = report["audits"]["unused-css-rules"]["details"]["items"]
    return {
        **{c: report["categories"][c]["score"] for c in CATEGORIES},
        "transfer_kb": report["audits"]["total-byte-weight"]["numericValue"] / 1000,
        "uncompressed_kb": sum(r.get("resourceSize", 0) for r in requests) / 1000,
        "requests": len(requests),
        "failed": sum(1 for r in requests if not 200 <= r.get("statusCode", 0) < 400),
        "failed_urls": [_short(r["url"], prefix) for r in requests if not 200 <= r.get("statusCode", 0) < 400],
        "failing": sorted(
            (c, ref["id"], report["audits"][ref["id"]]["title"])
            for c in CATEGORIES[1:]  # performance: the score says it; its metrics are rarely exactly 1
            for ref in report["categories"][c]["auditRefs"]
            if ref["weight"] > 0 and report["audits"][ref["id"]]["score"] not in (None, 1)
        ),
        "resources": {_short(r["url"], prefix): (r.get("transferSize", 0), r.get("resourceSize", 0)) for r in requests},
        "unused_css": {_short(r["url"], prefix): r["wastedBytes"] / r["totalBytes"] for r in unused_css if r["totalBytes"]},
    }


def _short(url: str, prefix: str) -> str:
    """The path of a local URL within the site at `prefix` ("(the page)" for the page itself; a
    file beside the site, like the shared _assets/, keeps its ../), or the whole URL of another host."""
    if "://127.0.0.1:" not in url:
        return url.split("?")[0]
    path = url.split("/", 3)[3].split("?")[0]
    if path in [prefix + p for p in PAGES.values()]:
        return "(the page)"
    return "/" + path.removeprefix(prefix) if path.startswith(prefix) else "../" + path


def measure(served: tuple[Path, str], runs: int, out: Path, label: str, pages: dict, form_factors: list[str]) -> dict:
    """`served`: the folder to serve, and the path of the site in it."""
    site, prefix = served
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    try:
        for page, path in pages.items():
            for form_factor in form_factors:
                taken = [
                    summary(lighthouse(base + prefix + path, form_factor, out / f"{label}-{page.replace(' ', '-')}-{form_factor}-{n}.json"), prefix)
                    for n in range(runs)
                ]
                median = statistics.median_low([t["performance"] for t in taken])
                results[page, form_factor] = next(t for t in taken if t["performance"] == median)
                print(f"  {label}, {page}, {form_factor}: {row(results[page, form_factor])}", file=sys.stderr, flush=True)
    finally:
        server.shutdown()
    return results


def row(r: dict) -> str:
    scores = " | ".join(f"{r[c]:.2f}" for c in CATEGORIES)
    return f"{scores} | {r['transfer_kb']:.0f} | {r['uncompressed_kb']:.0f} | {r['requests']} | {r['failed']}"


def breakdown(results: dict, page: str, form_factor: str) -> list[str]:
    """What the first load of one page is made of, resource by resource, on both sites."""
    ours, plain = results["ours"][page, form_factor]["resources"], results["plain Material"][page, form_factor]["resources"]
    lines = [
        f"What the first load of the {page} page ({form_factor}) is made of, KB transferred / uncompressed "
        "(— : not requested; 0 / 0 : requested, no answer):",
        "",
        "| resource | ours | plain Material |",
        "|---|---:|---:|",
    ]
    for name in sorted({*ours, *plain}, key=lambda n: -max(ours.get(n, (0, 0))[1], plain.get(n, (0, 0))[1])):
        cells = [f"{s[0] / 1000:.1f} / {s[1] / 1000:.1f}" if s else "—" for s in (ours.get(name), plain.get(name))]
        lines.append(f"| `{name}` | {cells[0]} | {cells[1]} |")
    material = sum(size[1] for name, size in ours.items() if THEME_FILE.search(name))
    unused = results["ours"][page, form_factor]["unused_css"]
    lines += [
        "",
        f"Material's own CSS and JavaScript (the same files on both sites) are {material / 1000:.0f} of our "
        f"{sum(size[1] for size in ours.values()) / 1000:.0f} KB uncompressed.",
        *(f"Unused on this page (Lighthouse unused-css-rules): {share:.0%} of `{name}`." for name, share in unused.items()),
        "The plain build's Google Fonts stylesheet fails here (the browser may ask no other host); online it would also download "
        "the Roboto font files, which these figures do not count. Ours asks no other host for anything.",
    ]
    return lines + [""]


def verdict(results: dict) -> list[str]:
    ours, plain = results["ours"], results["plain Material"]
    scores_met = all(r[c] == 1 for r in ours.values() for c in CATEGORIES[1:])
    performance = min(r["performance"] for (_, form_factor), r in ours.items() if form_factor == "mobile")
    lighter = [key for key in ours if ours[key]["uncompressed_kb"] < plain[key]["uncompressed_kb"]]
    return [
        f"- Accessibility, best practices and SEO all 1.00 on ours: {'yes' if scores_met else 'NO'}.",
        f"- Performance on mobile at least 0.98 on ours: {'yes' if performance >= 0.98 else 'NO'} (lowest {performance:.2f}).",
        f"- First load lighter than plain Material (uncompressed): {len(lighter)} of {len(ours)} page/form-factor pairs"
        f" ({'yes' if len(lighter) == len(ours) else 'NO'}).",
        "",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinic", help="clinic id (default: the first in clinics/)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and form factor; the median is kept")
    parser.add_argument("--keep", type=Path, help="copy the Lighthouse JSON reports here")
    parser.add_argument("--smoke", action="store_true", help="the home page, mobile, one run, nothing written")
    parser.add_argument("--install", action="store_true", help="install Lighthouse as locked, then stop")
    parser.add_argument("--offline", action="store_true", help="use the installed Lighthouse; never ask npm's registry")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.install:
        print(f"Lighthouse {install_lighthouse()} in {LIGHTHOUSE_DIR.relative_to(ROOT)}")
        return 0
    clinic_id = args.clinic or sorted((ROOT / "clinics").glob("*.yml"))[0].stem
    runs = 1 if args.smoke else args.runs
    pages = {"home": PAGES["home"]} if args.smoke else PAGES
    form_factors = ["mobile"] if args.smoke else list(FORM_FACTORS)
    section = Section(
        "Lighthouse",
        "(issue 5) 1.00 for accessibility, best practices and SEO; at least 0.98 performance on mobile; "
        "a smaller first-load weight than a plain Material build of the same pages.",
    )

    version = install_lighthouse(offline=args.offline)
    with tempfile.TemporaryDirectory(prefix="careguide-bench-lighthouse-") as tmp:
        work = Path(tmp)
        reports = work / "reports"
        reports.mkdir()
        sites = {"ours": build_ours(clinic_id, work), "plain Material": (build_plain_material(work), "")}
        results = {label: measure(site, runs, reports, label.replace(" ", "-"), pages, form_factors)
                   for label, site in sites.items()}
        if args.keep:
            shutil.copytree(reports, args.keep, dirs_exist_ok=True)

    lines = [
        f"Clinic `{clinic_id}`; Lighthouse {version}, Debian Chromium ({CHROMIUM}), headless; median of {runs} run(s) "
        "by performance score. Weight is the first load of the page with an empty cache: transferred (gzip, "
        "Lighthouse's total-byte-weight) and uncompressed (sum of resource sizes). Failed: requests that got no "
        "answer or an error status.",
        "",
        "| site | page | form factor | performance | accessibility | best practices | SEO "
        "| transferred (KB) | uncompressed (KB) | requests | failed |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        for form_factor in form_factors:
            for label in sites:
                shown = "baseline: plain Material" if label == "plain Material" else label
                lines.append(f"| {shown} | {page} | {form_factor} | {row(results[label][page, form_factor])} |")
    lines.append("")
    lines += breakdown(results, "home", "mobile")
    for label in sites:
        failing = sorted({f for r in results[label].values() for f in r["failing"]})
        failed_urls = sorted({u for r in results[label].values() for u in r["failed_urls"]})
        lines.append(
            f"Accessibility, best-practices and SEO audits below 1 on {label}: "
            + ("; ".join(f"{c}: {title} (`{audit}`)" for c, audit, title in failing) if failing else "none") + "."
        )
        lines.append(f"Failed requests on {label}: " + (", ".join(f"`{u}`" for u in failed_urls) if failed_urls else "none") + ".")
        lines.append("")
    lines += verdict(results)
    lines.append(
        "Lighthouse's mobile performance simulates from the CPU time it observes, so other work on the machine "
        "(see the load average above) lowers it."
    )
    ours, plain = results["ours"], results["plain Material"]
    section.emit(
        lines,
        baseline={f"plain Material {page}, {ff}: uncompressed (KB)": r["uncompressed_kb"] for (page, ff), r in plain.items()},
        measured={
            **{f"ours {page}, {ff}: uncompressed (KB)": r["uncompressed_kb"] for (page, ff), r in ours.items()},
            "ours, lowest accessibility": min(r["accessibility"] for r in ours.values()),
        },
        write=not (args.smoke or args.no_write),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
