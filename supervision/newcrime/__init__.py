"""A new or undiscovered crime during community correction (legal-spec §3.4 T-S01, T-S02,
T-S02b; P2014 Art 22; CCL Art 32): the compulsory measure and its notice within 24 hours
(D-16), the new judgment and re-imprisonment, or the return to supervision.
"""
