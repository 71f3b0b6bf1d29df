"""Writing: the EPUB (``epub.py``, packaged by ``epub_package.py``) and the tagged PDF book and
handouts (the ``pdf`` package), all rendered by the one XHTML renderer from the Edition.
Writers serialise: they write no text of the book, and the EPUB and PDF writers import nothing
from assembly or from each other."""
