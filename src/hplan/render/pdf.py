"""The report as a PDF: WeasyPrint lays out the same HTML and print CSS a browser prints (A4,
the plan's title and the as-of day at the top of each page, "page / pages" at the bottom).

WeasyPrint needs Pango (a system library) and is an extra (`hplan[pdf]`); what is missing is
named, with what to install (from where this hplan came: hplan/origin.py). Only
`hplan report -o FILE.pdf` loads it.
"""

from __future__ import annotations

import hashlib

from hplan.errors import ExtraMissing, HplanError, Message
from hplan.plan.results import Advance

MOST_ACTIVITIES = 800
"""The most activities a PDF report is laid out for: WeasyPrint took 28 s and 438 MB for 500
(benchmarks/RESULTS.md), 10,000 ran out of 6 GB after five minutes (issue 34, item 15). A
larger plan's report is HTML, which a browser prints as well."""


def pdf_of(html: str, advance: Advance | None = None, activities: int = 0) -> bytes:
    """The PDF of a self-contained HTML page. Its file identifier starts with "hplan", which
    marks the file as one hplan made (a later report may replace it). A report of more than
    MOST_ACTIVITIES `activities` is refused before any work, pointing to the HTML."""
    if activities > MOST_ACTIVITIES:
        raise HplanError(
            Message(
                "a PDF of {count} activities would take WeasyPrint minutes and gigabytes (it "
                "lays out {most} at most); write HTML (-o report.html) and print it from a "
                "browser",
                count=activities,
                most=MOST_ACTIVITIES,
            )
        )
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]  # no stubs, no py.typed
    except ImportError:
        from hplan.origin import install_command

        raise ExtraMissing(
            Message(
                "writing a PDF needs hplan's extra [pdf] (WeasyPrint), which is not installed; "
                "nothing was written. Install it: {how}; or write HTML (-o report.html) and "
                "print it from a browser",
                how=install_command("pdf"),
            )
        ) from None
    except OSError as error:  # WeasyPrint loads Pango (and GLib, HarfBuzz) when imported
        raise HplanError(
            Message(
                "writing a PDF needs the system library {library}, which is missing "
                "({error}); install Pango (Debian and Ubuntu: apt install libpango-1.0-0 "
                "libpangoft2-1.0-0), or write HTML and print it from a browser",
                library=_library(error),
                error=str(error).splitlines()[0],
            )
        ) from None
    import logging

    # The page's screen-only CSS (overflow-x for wide tables) is no news to the reader.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()[:16]
    # Two stages a person can be told of (`advance`): laying the pages out, writing them.
    if advance is not None:
        advance(0, 2)
    document = HTML(string=html).render()
    if advance is not None:
        advance(1, 2)
    written = document.write_pdf(pdf_identifier=f"hplan {digest}".encode())
    if advance is not None:
        advance(2, 2)
    assert written is not None  # without a target, write_pdf returns the bytes
    return bytes(written)


def _library(error: OSError) -> str:
    """The library an OSError of cffi's dlopen names ("cannot load library 'libpango…'")."""
    text = str(error)
    start = text.find("'")
    end = text.find("'", start + 1)
    return text[start + 1 : end] if 0 <= start < end else "Pango"
