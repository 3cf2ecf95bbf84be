# The app servers behind Varnish (docs/deploy.md "Adding an app server"): one
# backend each, all added to the director in pressroom_init. `make test-cluster`
# writes its own copy of this file from this one (addresses replaced).

# A dead app server refuses connections: it fails 3 probes in 3 s and is taken
# out (GETs sent to it meanwhile are retried on another, pressroom.vcl). A busy
# one answers slowly: sync workers serve /healthz after the requests queued
# before it, so the timeout is generous, or a load peak would take every app
# server out at once and every reader would get a 503.
probe pressroom_health {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 5s;
    .window = 5;
    .threshold = 3;
    .initial = 2;
}

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    # The Host of health probes: one of ALLOWED_HOSTS (requests keep their own).
    .host_header = "news.example.org";
    .probe = pressroom_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .host_header = "news.example.org";
    .probe = pressroom_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

sub pressroom_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
