"""The declared acts of this part of community correction, registered with the runner."""
