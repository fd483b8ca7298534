# Varnish in front of the site's app servers (README, "Production topology").
#
# - Anonymous GET/HEAD requests are looked up in the cache; the app decides what may be stored with
#   Cache-Control (public pages: "public, max-age=…, s-maxage=…"; everything else: private or no-cache).
# - A request with a login (sessionid) or pending messages goes to the app, uncached; other cookies
#   (the CSRF token, a language choice) change nothing on a public page and are dropped from lookups.
# - PURGE (sent by Wagtail's frontend cache on every content change, from the app servers only) drops
#   every page: a change shows on the home page, the indexes, the Province pages, the feeds and the
#   sitemap, so the whole site is stale at once, as in the app's own page cache (core/page_cache.py).
#
# The app servers are declared in backends.vcl (found through vcl_path): a `vcl_init` that creates the
# round-robin director `app`. deploy/varnish/backends.vcl is the two-server example.
vcl 4.1;

import directors;

include "backends.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # A page the app marked private or uncacheable is fetched again each time (hit-for-miss).
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    # A short grace: an app server restarting does not stall visitors on a page just expired.
    set beresp.grace = 30s;
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
