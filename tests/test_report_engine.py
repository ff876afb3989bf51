"""Importing WeasyPrint quickly: the same libraries, no child processes, the usual search as a fallback."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import pypdf


def _run(code: str) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter, where WeasyPrint has not been imported yet."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )


# which of WeasyPrint's optional libraries it opened
OPTIONAL = "print(ffi.harfbuzz_subset is not None, ffi.harfbuzz_vector is not None)"


def test_weasyprint_starts_without_a_child_process_and_renders() -> None:
    out = _run(f"""
        import subprocess, sys
        children = []
        subprocess.Popen.__init__ = lambda self, args, *a, **k: children.append(args) or 1/0
        from assessor.report.engine import import_weasyprint
        weasyprint = import_weasyprint()
        assert import_weasyprint() is weasyprint is sys.modules["weasyprint"]
        print(children, weasyprint.HTML(string="<p>Xin chào</p>").write_pdf()[:5].decode())
        from weasyprint.text import ffi
        {OPTIONAL}
    """)
    assert out.returncode == 0, out.stderr
    first, optional = out.stdout.splitlines()
    assert first == "[] %PDF-"
    # the same optional libraries as the usual search finds (HarfBuzz's subsetter among them)
    usual = _run(f"from weasyprint.text import ffi\n{OPTIONAL}")
    assert usual.returncode == 0, usual.stderr
    assert optional == usual.stdout.strip()


def test_a_failed_quick_start_falls_back_to_the_usual_search_silently() -> None:
    # The first import attempt fails the way WeasyPrint does when a library is missing (a note
    # on stdout, then OSError); the second, with the usual search, succeeds, and the reader never
    # sees the note.
    out = _run("""
        import sys
        class FailOnce:
            failed = False
            def find_spec(self, name, path=None, target=None):
                if name == "weasyprint.text.ffi" and not FailOnce.failed:
                    FailOnce.failed = True
                    print("WeasyPrint could not import some external libraries.")
                    raise OSError("cannot load library 'libpango-1.0-0'")
        sys.meta_path.insert(0, FailOnce())
        from assessor.report.engine import import_weasyprint
        weasyprint = import_weasyprint()
        assert FailOnce.failed
        print(weasyprint.HTML(string="<p>ok</p>").write_pdf()[:5].decode())
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "%PDF-\n"


def test_quicker_compression_writes_the_same_pdf_readably_and_puts_level_9_back() -> None:
    import zlib

    import pydyf

    from assessor.report.engine import import_weasyprint, quicker_compression

    document = import_weasyprint().HTML(string="<p>Xin chào, Sài Gòn</p>" * 200).render()
    with quicker_compression():
        quick = document.write_pdf()
    assert pydyf.zlib is zlib
    usual = document.write_pdf()
    assert pypdf.PdfReader(io.BytesIO(quick)).pages[0].extract_text() == (
        pypdf.PdfReader(io.BytesIO(usual)).pages[0].extract_text()
    )
    assert "Xin chào, Sài Gòn" in pypdf.PdfReader(io.BytesIO(quick)).pages[0].extract_text()
    # a zlib stream's second byte says how hard it was compressed: 0xDA at level 9, 0x9C at 6
    assert b"stream\nx\xda" in usual and b"stream\nx\xda" not in quick
    assert b"stream\nx\x9c" in quick
