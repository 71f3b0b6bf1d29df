"""Writing: the EPUB (``epub.py``), the tagged PDF book (``pdf.py``, with ``pdfua.py`` and
``pdflang.py``) and the handouts (``handouts.py``), all from the one rendered XHTML."""
