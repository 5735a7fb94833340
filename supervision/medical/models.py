"""Models of this part of community correction (see the package docstring)."""
