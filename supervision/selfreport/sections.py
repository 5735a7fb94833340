"""The section this part adds to the community-correction page (`supervision.sections`)."""
