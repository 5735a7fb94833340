"""Return to custody (legal-spec §3.4 T-S06, T-S06a/b): the route of P2014 Art 24
(`supervision.routing`), the institution taking the person in and its report (DOC-30), and
absconding after the decision with the arrest (P2014 Art 25; CCL Art 50).
"""
