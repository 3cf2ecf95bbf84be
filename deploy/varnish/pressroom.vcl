# Pressroom behind Varnish: whole anonymous pages cached, purged by the app.
#
#   varnishd -a 127.0.0.1:6081 -p vcl_path=/etc/varnish/pressroom -f pressroom.vcl
#
# (varnish.service.d/pressroom.conf is the systemd drop-in that does this) with
# backends.vcl beside this file (the app servers; see backends.vcl and
# docs/deploy.md). The app sends PURGE <path> (pressroom/core/frontcache.py),
# which bans every cached object whose path starts with <path>: "/" empties the
# cache after a publish, a release's path drops its pages and PDF after a comment.
#
# What is cached is what the app marks "Cache-Control: public" (core/pagecache.py):
# anonymous pages. Requests with a session cookie (editors), other methods, the
# admin and the API always reach an app server.

vcl 4.1;

import std;
import directors;

include "backends.vcl";  # backends, their health probes, and sub pressroom_init (the "app" director)

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    call pressroom_init;
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "PURGE not allowed"));
        }
        ban("obj.http.x-url ~ ^" + req.url);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|api)/" || req.url ~ "^/[a-z]{2}/search/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);  # an editor: private pages, never shared
    }
    # Anonymous: the app sets no cookie and reads none; drop analytics cookies
    # so that every reader shares one copy.
    unset req.http.Cookie;
    # Serve a stale copy for 30 s while refreshing it, or for up to an hour
    # when no app server answers its health probe.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.x-url = bereq.url;  # for bans (the ban lurker sees obj.http.*)
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        # Private or personal: remember for 2 minutes not to wait for other
        # readers' requests of the same URL (hit-for-miss), never store it.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.grace = 1h;
    return (deliver);
}

sub vcl_backend_error {
    # An app server died after its last good health probe (connection refused
    # or reset): ask the director again, which tries the next app server. Only
    # GET and HEAD: a POST may have been acted on before the server died, and
    # repeating it could save a comment twice; its client gets the 503.
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 3) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
