"""A strict Content-Security-Policy on every page: nothing inline, nothing from another host.
(The access-matrix test also checks the header on every page every role can open.)"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_SOURCES = {"'self'", "'none'", "data:"}


def directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def assert_strict(response):
    header = response.get("Content-Security-Policy")
    assert header, f"ingen CSP på {response.request['PATH_INFO']}"
    policy = directives(header)
    for name in (
        "default-src",
        "script-src",
        "style-src",
        "object-src",
        "base-uri",
        "frame-ancestors",
    ):
        assert name in policy, name
    for name, sources in policy.items():
        assert set(sources) <= ALLOWED_SOURCES, (name, sources)
    # Images may be data: (small icons); scripts and styles only from this host.
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in header


@pytest.mark.parametrize(
    "url,status", [("/logga-in/", 200), ("/tillganglighet/", 200), ("/finns-inte/", 404)]
)
def test_it_sends_a_strict_policy_to_anonymous_visitors(client, db, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert_strict(response)


def test_it_sends_a_strict_policy_on_the_main_pages(client_as, sakerhetschef):
    client = client_as(sakerhetschef)
    for url in [
        "/",
        "/policy/",
        "/risker/",
        "/risker/matris/",
        "/risker/analyser/",
        "/risker/granskning/",
        "/konto/tvastegsverifiering/",
        "/konto/behorigheter/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_it_sends_a_strict_policy_on_a_forbidden_page(client_as, extern):
    response = client_as(extern).get("/risker/")
    assert response.status_code == 403
    assert_strict(response)


# Templates for the browser are written for the policy: no inline script, no style
# attributes, no event-handler attributes. (E-mails and PDF templates are not pages.)
NOT_PAGES = ("emails", "rapporter", "reports")
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle\s*=|\son[a-z]+\s*=", re.IGNORECASE)


def test_it_finds_nothing_inline_in_the_page_templates():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        if path.relative_to(ROOT / "templates").parts[0] in NOT_PAGES:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if INLINE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
