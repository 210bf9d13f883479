"""Lighthouse: our site beside a plain Material build of the same pages, in the same run.

    .venv/bin/python bench/lighthouse.py [--clinic ID] [--runs 3] [--no-write]

Builds the clinic (default: the first in clinics/) twice into a temporary folder:
- ours: `careguide build --clinic <id> --site-dir <tmp>`, exactly what we publish;
- plain Material: the same docs/, clinic, macros, Markdown extensions, nav and language
  editions (i18n and its search split, as we configure them), with `theme: name: material`
  and its defaults (Google Fonts on, default palette, search settings, "Made with
  Material"), none of our block overrides, CSS, PDF or mike. The macros still need their
  own partials (partials/careguide/*.html) to render the pages' contact cards and phone
  links, so that folder alone is the plain build's custom_dir; it overrides nothing of
  Material's.
Each is served on 127.0.0.1 by a small server that gzips text responses and sends
`Cache-Control: max-age=600`, as GitHub Pages does. Lighthouse 12.2.3 (npm, installed
into .cache/lighthouse) runs on the home page and one content page, mobile (its default,
simulated slow 4G and 4x CPU slowdown) and desktop (--preset=desktop), --runs times each;
the run with the median performance score is kept. There is no internet here, so the
plain build's Google Fonts requests fail; Lighthouse counts them (see the failed column).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
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

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PAGES = {"home": "", "side effects": "side-effects/"}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = (
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "image/svg+xml", "application/xml", "text/xml",
)
# What a failing audit has meant on our site, shown in RESULTS.md while it fails.
KNOWN_CAUSES = {
    "hreflang": "the `<link rel=alternate hreflang>` links in the head are relative (Material's "
    "base.html renders extra.alternate, which mkdocs-static-i18n sets per page); Lighthouse wants "
    "absolute URLs. sitemap.xml already carries absolute hreflang alternates, so dropping the head "
    "links would pass the audit and also stop Material fetching two sitemaps on every page load.",
    "errors-in-console": "the console errors are 404s for `<page>/sitemap.xml`: Material's alternate-link "
    "handler fetches sitemap.xml under every head `link[rel=alternate]`, which it expects to be a "
    "language's root, while mkdocs-static-i18n points them at the page's twin.",
}


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


def _env_default(loader, node):
    """`!ENV [NAME, default]` -> the default (or the variable's value when set)."""
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if name in os.environ:
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


OURS_ONLY_PLUGINS = {"careguide-pdf", "mike"}  # our PDF and publishing; not part of the pages


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _plain_plugin(entry):
    """Search on Material's defaults; other plugins (macros, i18n) as we configure them,
    less our theme settings per language (the Spanish palette toggle names)."""
    name = _plugin_name(entry)
    if name == "search":
        return "search"
    if name == "i18n":
        languages = [{k: v for k, v in language.items() if k != "theme"} for language in entry[name]["languages"]]
        return {name: {**entry[name], "languages": languages}}
    return entry


def plain_material_config(ours: dict) -> dict:
    """Our mkdocs.yml reduced to what the pages need, on Material's defaults."""
    return {
        "site_name": ours["site_name"],
        "site_description": ours.get("site_description"),
        "docs_dir": "docs",
        "use_directory_urls": ours.get("use_directory_urls", True),
        "theme": {"name": "material", "custom_dir": "macro-partials"},
        "extra": {"edition": ours["extra"]["edition"]},
        "plugins": [_plain_plugin(p) for p in ours["plugins"] if _plugin_name(p) not in OURS_ONLY_PLUGINS],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": ours["nav"],
    }


def plain_project(work: Path) -> Path:
    """A copy of the pages with a plain Material mkdocs.yml (see plain_material_config)."""
    project = work / "plain-project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "clinics", project / "clinics")
    shutil.copytree(ROOT / "overrides" / "partials" / "careguide", project / "macro-partials" / "partials" / "careguide")
    loader = type("EnvLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", _env_default)
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=loader)  # noqa: S506 - SafeLoader subclass
    (project / "mkdocs.yml").write_text(yaml.safe_dump(plain_material_config(ours), sort_keys=False, allow_unicode=True))
    return project


def build_plain(clinic_id: str, work: Path, env: dict) -> Path:
    project = plain_project(work)
    site = work / "plain-site"
    subprocess.run(
        [str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(site)],
        cwd=project, env={**env, "CLINIC": clinic_id}, check=True,
    )
    return site


def build_ours(clinic_id: str, work: Path, env: dict) -> Path:
    subprocess.run(
        [str(BIN / "careguide"), "build", "--clinic", clinic_id, "--site-dir", str(work / "ours")],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )
    return work / "ours" / clinic_id


# --- Lighthouse ------------------------------------------------------------------------


def install_lighthouse() -> None:
    installed = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    if installed.is_file() and json.loads(installed.read_text())["version"] == LIGHTHOUSE_VERSION:
        return
    subprocess.run(
        ["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],
        check=True,
    )


def lighthouse(url: str, form_factor: str, out: Path) -> dict:
    subprocess.run(
        [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}", *FORM_FACTORS[form_factor],
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True,
    )
    return json.loads(out.read_text())


def summary(report: dict) -> dict:
    # data: URLs are icons inside the CSS, already counted there; not network requests
    requests = [r for r in report["audits"]["network-requests"]["details"]["items"] if not r["url"].startswith("data:")]
    unused_css = report["audits"]["unused-css-rules"]["details"]["items"]
    return {
        **{c: report["categories"][c]["score"] for c in CATEGORIES},
        "transfer_kb": report["audits"]["total-byte-weight"]["numericValue"] / 1000,
        "uncompressed_kb": sum(r.get("resourceSize", 0) for r in requests) / 1000,
        "requests": len(requests),
        "failed": sum(1 for r in requests if not 200 <= r.get("statusCode", 0) < 400),
        "failed_urls": [_short(r["url"]) for r in requests if not 200 <= r.get("statusCode", 0) < 400],
        "failing": sorted(
            (c, ref["id"], report["audits"][ref["id"]]["title"])
            for c in CATEGORIES[1:]  # performance: the score says it; its metrics are rarely exactly 1
            for ref in report["categories"][c]["auditRefs"]
            if ref["weight"] > 0 and report["audits"][ref["id"]]["score"] not in (None, 1)
        ),
        "resources": {_short(r["url"]): (r.get("transferSize", 0), r.get("resourceSize", 0)) for r in requests},
        "unused_css": {_short(r["url"]): r["wastedBytes"] / r["totalBytes"] for r in unused_css if r["totalBytes"]},
    }


def _short(url: str) -> str:
    """The path of a local URL ("/" for the page itself), or the whole URL of another host."""
    if "://127.0.0.1:" not in url:
        return url.split("?")[0]
    path = "/" + url.split("/", 3)[3]
    return "(the page)" if path in ["/" + p for p in PAGES.values()] else path


def measure(site: Path, runs: int, out: Path, label: str) -> dict:
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    try:
        for page, path in PAGES.items():
            for form_factor in FORM_FACTORS:
                taken = [
                    summary(lighthouse(base + path, form_factor, out / f"{label}-{page.replace(' ', '-')}-{form_factor}-{n}.json"))
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
    material = sum(size[1] for name, size in ours.items() if name.startswith(("/assets/stylesheets/main.", "/assets/javascripts/")))
    unused = results["ours"][page, form_factor]["unused_css"]
    lines += [
        "",
        f"Material's own CSS and JavaScript (the same files on both sites) are {material / 1000:.0f} of our "
        f"{sum(size[1] for size in ours.values()) / 1000:.0f} KB uncompressed.",
        *(f"Unused on this page (Lighthouse unused-css-rules): {share:.0%} of `{name}`." for name, share in unused.items()),
        "The plain build's Google Fonts stylesheet fails here (no internet); online it would also download "
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
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    clinic_id = args.clinic or sorted((ROOT / "clinics").glob("*.yml"))[0].stem
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    install_lighthouse()
    with tempfile.TemporaryDirectory(prefix="careguide-lighthouse-") as tmp:
        work = Path(tmp)
        reports = work / "reports"
        reports.mkdir()
        sites = {"ours": build_ours(clinic_id, work, env), "plain Material": build_plain(clinic_id, work, env)}
        results = {label: measure(site, args.runs, reports, label.replace(" ", "-")) for label, site in sites.items()}
        if args.keep:
            shutil.copytree(reports, args.keep, dirs_exist_ok=True)

    lines = [
        f"Clinic `{clinic_id}`; Lighthouse {LIGHTHOUSE_VERSION}, Debian Chromium, headless; median of {args.runs} run(s) "
        "by performance score. Weight is the first load of the page with an empty cache: transferred (gzip, "
        "Lighthouse's total-byte-weight) and uncompressed (sum of resource sizes). Failed: requests that got no "
        "answer or an error status.",
        "",
        "| site | page | form factor | performance | accessibility | best practices | SEO "
        "| transferred (KB) | uncompressed (KB) | requests | failed |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in PAGES:
        for form_factor in FORM_FACTORS:
            for label in sites:
                lines.append(f"| {label} | {page} | {form_factor} | {row(results[label][page, form_factor])} |")
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
        if label == "ours":
            lines += [f"- `{audit}`: {KNOWN_CAUSES[audit]}" for audit in sorted({a for _, a, _ in failing}) if audit in KNOWN_CAUSES]
        lines.append("")
    lines += verdict(results)
    lines.append(
        "Load average when it finished: {:.1f}, {:.1f}, {:.1f} (Lighthouse's mobile performance simulates from "
        "the CPU time it observes, so other work on the machine lowers it).".format(*os.getloadavg())
    )
    print("\n".join(lines))
    if not args.no_write:
        write_section(
            "Lighthouse",
            ".venv/bin/python bench/lighthouse.py" + (f" --runs {args.runs}" if args.runs != 3 else ""),
            "(issue 5) 1.00 for accessibility, best practices and SEO; at least 0.98 performance on mobile; "
            "a smaller first-load weight than a plain Material build of the same pages (about 270 KB uncompressed).",
            lines,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
