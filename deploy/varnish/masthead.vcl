# Masthead's edge cache: Varnish 7 with xkey (Debian: varnish, varnish-modules). See docs/deploy.md, ADR 0022.
#
# What it keeps: pages the origin marks public (free articles, home, sections, feeds...) until Masthead
# purges them by surrogate key, and media files (immutable: their address changes with their bytes).
# What it never keeps: a response with Set-Cookie, a private, no-cache or no-store response, a response
# that varies on cookies, anything asked with a reader's or staff session, /api, /newsroom, /account.
# Metered and registration-only articles are answered private by the origin (the meter is counted and
# the body cut there), so every reader's request for one reaches the origin (hit-for-miss).
#
# Run: varnishd -a :80 -f /etc/varnish/masthead.vcl -s malloc,1G
# Masthead purges it when EDGE_PURGE_URLS lists this edge, e.g. EDGE_PURGE_URLS=http://10.0.0.5:80/
vcl 4.1;

import std;
import xkey;

# The web processes of one machine share one port (WEB_PROCESSES); several machines: see docs/deploy.md.
backend masthead {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 1s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may purge: the machines Masthead's processes run on. Anyone else gets 403.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not a purger"));
        }
        if (!req.http.xkey) {
            return (synth(400, "Name the surrogate keys in an xkey header"));
        }
        # A hard purge: the next request after it gets the new version, never the old one in grace.
        set req.http.n-gone = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    # Live co-editing's WebSocket (ADR 0031): an upgrade can only be piped, never passed or cached.
    if (req.http.upgrade ~ "(?i)^websocket$") {
        return (pipe);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, the APIs, readers' accounts and the health checks always reach the origin.
    if (req.url ~ "^/(api|newsroom|account|healthz|readyz)(/|\?|$)") {
        return (pass);
    }
    # Media files are the same for everyone; cookies play no part in them.
    if (req.url ~ "^/media/") {
        unset req.http.Cookie;
        return (hash);
    }
    # A signed-in reader or staff member: every page is theirs alone, never from or into the edge.
    if (req.http.Cookie ~ "(^|;\s*)(masthead_reader|masthead_staff)=") {
        return (pass);
    }
    # Serve stale for at most 10 s past a page's time while one request refreshes it; while the origin
    # is down (its probe fails), for as long as the object's grace lasts.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    # Anonymous readers, with a meter cookie or not: looked up. The cookie still goes to the origin on a
    # miss, so a metered article counts the read there; its private answer is never stored.
    return (hash);
}

sub vcl_backend_response {
    # A failed refresh keeps the stale object rather than replacing it with an error.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        return (deliver);
    }
    # For one reader only: never stored. uncacheable makes a hit-for-miss object, so the next request
    # for the URL goes to the origin too, and a public answer later (the article made free) is stored.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Vary ~ "(?i)(cookie|\*)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    if (bereq.url ~ "^/media/") {
        # Immutable files: the origin's max-age (a year) stands.
        set beresp.grace = 1d;
        return (deliver);
    }
    if (beresp.http.Surrogate-Key) {
        # xkey indexes the object under each of Masthead's surrogate keys, for PURGE above.
        set beresp.http.xkey = beresp.http.Surrogate-Key;
        # Masthead purges a page whenever it changes, so the edge keeps it longer than the browser's
        # 30 s; a purge that never arrives (every retry failed) is bounded by this.
        set beresp.ttl = 10m;
        # Long enough to ride out an origin outage; req.grace above keeps it to 10 s while healthy.
        set beresp.grace = 6h;
    }
    return (deliver);
}

sub vcl_deliver {
    # The keys are the edge's business; readers and crawlers need not see how pages are grouped.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    if (obj.uncacheable) {
        set resp.http.X-Edge-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
}

# A piped request keeps the client's Upgrade and Connection headers (Varnish drops Connection by default).
sub vcl_pipe {
    if (req.http.upgrade) {
        set bereq.http.upgrade = req.http.upgrade;
        set bereq.http.connection = req.http.connection;
    }
}
