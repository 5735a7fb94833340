"""Revocation proposed (legal-spec §3.4 T-S03, T-S03p): the community-correction institution's
proposal for imprisonment (DOC-27), examined and approved by the county judicial
administration and sent to the deciding organ with a copy to the procuratorate; or the
procuratorate's suggestion (DOC-29). P2014 Arts 23, 26 ¶1; CPL Art 268; CCL Art 49.
"""
