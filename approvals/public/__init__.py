"""The public face beyond the published decisions (issue 14): the families' self-check, the
public statistics and the rule that keeps juveniles out of every public output (E-31)."""
