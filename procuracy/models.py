"""The models of the procurator's lane live in its parts (`procuracy.<part>.models`), imported
here so that Django registers them with this app."""

from .anomalies import models as _anomalies_models  # noqa: F401
from .imports import models as _imports_models  # noqa: F401
from .receipt import models as _receipt_models  # noqa: F401
from .rectification import models as _rectification_models  # noqa: F401
from .review import models as _review_models  # noqa: F401
