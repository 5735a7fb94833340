"""The deciding organ's side of revocation (legal-spec §3.4 T-S04, T-S05, T-S05x): receipt of
the proposal (D-20, 30 days), the decision on imprisonment (DOC-28) signed like the TEOP
decision, or its rejection; and the revocation after release on a procuratorial objection
(P2014 Art 30). P2014 Art 23; CCL Art 49; SPC-Interp Arts 517-518.
"""
