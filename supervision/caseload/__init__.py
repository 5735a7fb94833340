"""The officer's caseload: everyone under supervision with ground, next review, monitoring, expiry
and warnings; read-only for the supervising procuratorate; the reviews for the deciding organ.
"""
