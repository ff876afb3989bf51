"""WeasyPrint started without its slow search for the system libraries, and quicker PDF writing.

    from .engine import import_weasyprint, quicker_compression
    weasyprint = import_weasyprint()
    with quicker_compression():
        pdf = document.write_pdf()

WeasyPrint opens GObject, Pango, HarfBuzz and fontconfig by trying each library under the
names it has on every platform, in turn: `libpango-1.0-0`, `pango-1.0-0`, `pango-1.0`,
`libpango-1.0.so.0`, `libpango-1.0.dylib`, `libpango-1.0-0.dll`. cffi hands each name it cannot
open as it stands to `ctypes.util.find_library`, which on Linux runs `ldconfig -p`, `gcc` and
`ld` for it: about twenty child processes and 0.15–0.2 s on every start. While WeasyPrint is
imported here, `find_library` finds nothing, so the search runs on to the names the system's
loader opens directly (`libpango-1.0.so.0` on Linux, the `.dylib` and `.dll` ones elsewhere):
the same files, found without a child process. If WeasyPrint cannot start that way, it is
imported again with the usual search.

pydyf, which writes WeasyPrint's PDF files, compresses every stream at zlib's level 9: 0.15 s
for the full report, against 0.03 s at level 6, zlib's default, for streams 6 % larger (the
whole file 3 %). `quicker_compression` has it use level 6 while a PDF is written.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import sys
import threading
import zlib
from collections.abc import Iterator
from types import ModuleType

__all__ = ["import_weasyprint", "quicker_compression"]

_lock = threading.Lock()  # `find_library` is swapped for the whole process while it is out


def import_weasyprint() -> ModuleType:
    """The `weasyprint` module, imported once per process (the first time, quickly)."""
    with _lock:
        if "weasyprint" not in sys.modules:
            try:
                with _no_library_search(), contextlib.redirect_stdout(io.StringIO()):
                    importlib.import_module("weasyprint")
            except OSError:
                # WeasyPrint printed its troubleshooting note into the buffer; the usual
                # search below prints it again if the libraries really are missing.
                _forget_weasyprint()
        return importlib.import_module("weasyprint")


@contextlib.contextmanager
def _no_library_search() -> Iterator[None]:
    original = ctypes.util.find_library
    ctypes.util.find_library = _find_nothing
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _find_nothing(name: str) -> None:
    return None


def _forget_weasyprint() -> None:
    """Drop a half-imported WeasyPrint, so that the next import starts afresh."""
    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        del sys.modules[name]


class _ZlibAtLevel6:
    """The zlib module as pydyf sees it, except that `compressobj` goes no higher than level 6."""

    def __getattr__(self, name: str) -> object:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = 6, *args: object, **kwargs: object) -> object:
        return zlib.compressobj(min(level, 6), *args, **kwargs)  # type: ignore[arg-type]


@contextlib.contextmanager
def quicker_compression() -> Iterator[None]:
    """pydyf compresses at zlib's level 6 inside the block (level 9 outside)."""
    import pydyf

    original = pydyf.zlib
    pydyf.zlib = _ZlibAtLevel6()
    try:
        yield
    finally:
        pydyf.zlib = original
