"""The realistic mix of the load test, by page: its weight in the mix and the locust user
that requests that page alone (bench/locustfile.py). Kept apart from the locustfile, which
locust imports with gevent's patching, so that bench/load.py can read the weights too."""

from __future__ import annotations

#: page name (as locust reports it) -> (weight in the mix, user class requesting it alone)
MIX: dict[str, tuple[int, str]] = {
    "/cases/": (4, "CaseListAlone"),
    "/cases/[id]/": (4, "CasePageAlone"),
    "/ (approver's inbox)": (2, "InboxAlone"),
    "/cases/[id]/documents/[pdf]": (1, "DocumentAlone"),
    "/cases/[id]/records/application/ (POST)": (1, "ApplicationRecordAlone"),
}

#: The lightest page a signed-in user can open (the notices, with the whole layout and
#: middleware stack): what any page of this stack costs at least, the floor under the ratios.
FLOOR = ("/notices/", "NoticesAlone")

#: The page an administrator would otherwise use (issue 15's baseline).
ADMIN = ("/admin/cases/case/", "AdminChangelist")
