# The app servers behind Varnish: one gunicorn on this machine (docs/deploy.md).
# For several machines add one backend each and add it to the director below;
# `make test-cluster` and `make bench` write their own copy of this file.

probe pressroom_health {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = pressroom_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

sub pressroom_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}
