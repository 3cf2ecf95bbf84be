# The app servers behind Varnish (docs/deploy.md "Adding an app server"): one
# backend each, all added to the director in pressroom_init. `make test-cluster`
# writes its own copy of this file from this one (addresses replaced).

probe pressroom_health {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
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
