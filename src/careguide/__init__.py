"""careguide: one patient guide, built as a branded website and PDF for each clinic."""
