"""
Render a Django template to PDF with WeasyPrint.

- Fonts and stylesheets come from the project's own static files (static/fonts holds
  DejaVu Sans with its licence), found through the staticfiles finders or STATIC_ROOT;
  nothing is ever fetched from the network: the URL fetcher refuses every other URL.
- Fonts are embedded (WeasyPrint always embeds the subsets it uses).
- Metadata: title, author, language; tagged PDF (PDF/UA-1).

Reports call `render_pdf(template, context, titel=…)`; views never call WeasyPrint.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

logger = logging.getLogger(__name__)
# fontTools reports every table it subsets at INFO; keep the logs for what matters.
logging.getLogger("fontTools").setLevel(logging.WARNING)

# Static URLs ("/static/css/rapport.css") resolve against this base to file:///static/…,
# which the fetcher maps back to the static files. No real file path is exposed.
BASE_URL = "file:///"
FORFATTARE = "Köpings kommun"


# Tagged PDF (PDF/UA-1): the reports are filed, and screen readers need the structure.
PDF_VARIANT = "pdf/ua-1"


def static_path(url: str) -> Path | None:
    """The local file behind a static URL (file:///static/… or /static/…), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("file", ""):
        return None
    path = unquote(parts.path)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not path.startswith(prefix):
        return None
    relative = path[len(prefix) :]
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = Path(settings.STATIC_ROOT) / relative
    return candidate if candidate.is_file() else None


def _local_resource(url: str) -> tuple[bytes, str]:
    path = static_path(url)
    if path is None:
        logger.warning("PDF: hämtar inte %s (bara lokala statiska filer)", url)
        raise ValueError(f"Bara lokala statiska filer får användas i en PDF: {url}")
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".ttf":
        mime = "font/ttf"
    return path.read_bytes(), mime


class LokalHamtare(URLFetcher):
    """Serves local static files, nothing else."""

    def fetch(self, url, headers=None):
        body, mime = _local_resource(url)
        return URLFetcherResponse(url, body, {"Content-Type": mime})


def url_fetcher():
    return LokalHamtare()


def render_html(template: str, context: dict) -> str:
    # Reports for filing are Swedish whatever language the person browses in.
    with translation.override("sv"):
        return render_to_string(template, {**context, "pdf": True})


def html_to_document(html: str):
    """The laid-out WeasyPrint document (pages and boxes), for writing or inspecting."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher()).render()


def document_to_pdf(document, *, titel: str, forfattare: str = FORFATTARE) -> bytes:
    document.metadata.title = titel
    document.metadata.authors = [forfattare]
    document.metadata.lang = "sv"
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template: str, context: dict, *, titel: str, forfattare: str = FORFATTARE) -> bytes:
    """The template rendered to PDF bytes. The template gets `pdf=True` in its context."""
    return document_to_pdf(
        html_to_document(render_html(template, context)), titel=titel, forfattare=forfattare
    )
