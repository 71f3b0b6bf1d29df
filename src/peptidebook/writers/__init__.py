"""Step 5 - Writing: package rendered XHTML as an EPUB (and, later, a tagged PDF)."""
