"""The WSGI application of the resilience tests' gunicorn server (``--preload``: imported once, by the
master, before it forks the workers).

The server runs on a copy of the migrated test database; this adds what the tests request there: the
two home pages and an administrator. Connections are closed before the fork, so that no worker inherits
the master's.
"""

import os

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()


def _seed():
    from django.contrib.auth import get_user_model
    from django.db import connections

    from home.models import HomePage
    from tests.skeleton import build_homes

    if not HomePage.objects.exists():
        build_homes()
    User = get_user_model()
    if not User.objects.filter(username=os.environ["RESILIENCE_ADMIN"]).exists():
        User.objects.create_superuser(
            os.environ["RESILIENCE_ADMIN"], "resilienza@example.invalid", os.environ["RESILIENCE_PASSWORD"]
        )
    connections.close_all()


_seed()
