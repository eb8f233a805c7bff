"""Local development: the embedded default with DEBUG on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
INTERNAL_IPS = ["127.0.0.1"]

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
