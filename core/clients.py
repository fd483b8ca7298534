"""Who is asking: the client's address, for the login lockout and the search-query throttle.

Behind a reverse proxy every request comes from the proxy's address; set ``TRUSTED_PROXY_COUNT`` to the
number of proxies that append to ``X-Forwarded-For`` (1 for one nginx) and the client's address is read
from that header, counting from the right, so that a client cannot choose it by sending the header itself.
"""

import hashlib

from django.conf import settings


def client_ip(request):
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - an address read, not bound


def client_key(request):
    """A pseudonymous key of the client (a keyed hash of its address): never the address itself."""
    digest = hashlib.blake2b(
        client_ip(request).encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=16
    )
    return digest.hexdigest()
