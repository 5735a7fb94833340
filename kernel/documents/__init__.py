"""PDF documents from templates, checked for missing glyphs, stored with their SHA-256."""
