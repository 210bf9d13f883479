"""MkDocs plugin `careguide-pdf`: the clinic's printable handout, built with its site.

Thin on purpose: the work is in `careguide.pdf`. MkDocs converts every page to HTML first,
then fires `on_env`, then renders the page templates; so in `on_env` every page's
content is ready, and what we put in `config.extra.pdf` (file name, size) reaches every
page's template, which links to the PDF (overrides/partials/careguide/pdf-link.html).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from .clinic_file import load_clinic

log = logging.getLogger("mkdocs.plugins.careguide-pdf")


class PdfPluginConfig(Config):
    # Material's convention: `enabled: !ENV [CAREGUIDE_PDF, true]` lets bench/network.py
    # time the HTML alone. Builds and tests always render the PDF.
    enabled = config_options.Type(bool, default=True)


class PdfPlugin(BasePlugin[PdfPluginConfig]):
    def on_nav(self, nav, config, files):
        self._nav = nav
        return nav

    def on_env(self, env, config, files):
        if not self.config.enabled:
            return env
        from . import pdf  # WeasyPrint takes 0.4 s to import: only when a PDF is made
        started = time.perf_counter()
        root = Path(config["config_file_path"]).parent
        clinic_id = config["extra"]["clinic"]["id"]
        clinic = load_clinic(root / "clinics" / f"{clinic_id}.yml", root=root)
        # This edition's home: "" in English, "es/" in Spanish (mkdocs-static-i18n builds each
        # language into its own folder of the same site_dir); the PDF goes beside it.
        home = self._nav.homepage.url if self._nav.homepage else ""

        def asset_uri(site_path: str) -> str | None:
            file = files.get_file_from_path(site_path)
            return Path(file.abs_src_path).as_uri() if file and file.abs_src_path else None

        # a page's own title (its front matter, shown as its heading), not the shorter nav label
        pages = [pdf.GuidePage(p.url, p.meta.get("title", p.title), p.content, p.meta) for p in self._nav.pages]
        try:
            sections = pdf.print_sections(pages, asset_uri)
        except pdf.ExternalResourceRefused as refused:
            raise PluginError(f"careguide-pdf: {refused}") from None
        context = pdf.handout_context(
            clinic,
            sections,
            guide_title=pages[0].title,
            edition=str(config["extra"]["edition"]),
            language=config["theme"]["language"],
            logo_uri=asset_uri(clinic.logo) if clinic.logo else None,
            site_url=clinic.site_url + home,
        )
        # `config` for the partials the print page shares with the site (their words by theme.language)
        document = pdf.render_pdf(pdf.handout_html(env, {**context, "config": config}), base_url=Path(config["docs_dir"]).as_uri() + "/")

        url = home + pdf.PDF_NAME
        target = Path(config["site_dir"]) / url
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(document)
        config["extra"]["pdf"] = {"url": url, "size": pdf.human_size(len(document))}
        log.info(f"careguide-pdf: {target.name}, {len(document)} bytes, {time.perf_counter() - started:.2f} s")
        return env
