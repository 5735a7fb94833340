"""Periods not counted toward the sentence (legal-spec §3.4 T-S07; P2014 Art 26; CPL Art 268
¶3; SPC-Interp Art 518): the deciding organ's notice, the institution's proposal to the
intermediate court (DOC-31), the court's ruling within one month (D-21), and the sentence
recomputed (`supervision.sentence_change`).
"""
