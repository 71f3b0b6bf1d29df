"""Step 4 - Rendering: the one XHTML renderer and the stylesheets both writers use."""
