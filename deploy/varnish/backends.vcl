# The app servers behind Varnish: two gunicorn processes, load-balanced round robin, each checked every
# two seconds (a server that stops answering is left out until it answers again).
probe app_health {
    .url = "/robots.txt";
    .interval = 2s;
    .timeout = 2s;
    .window = 3;
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
