"""Writing: the EPUB (``epub.py``, packaged by ``epub_package.py``), the tagged PDF book
(``pdf.py``, with ``pdfua.py`` and ``pdflang.py``) and the handouts (``handouts.py``), all from
the one rendered XHTML."""
