# The app servers behind Varnish: two gunicorn processes, load-balanced round robin, each checked every
# three seconds; a server that fails four checks of five is left out until it answers again (a busy server
# answers slowly but stays in).
probe app_health {
    .url = "/robots.txt";
    .interval = 3s;
    .timeout = 5s;
    .window = 5;
    .threshold = 2;
    .initial = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = app_health;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = app_health;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
