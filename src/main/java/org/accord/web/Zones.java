package org.accord.web;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The time zone a person sees and enters times in: their browser's, which a line of script in the page
 * layout keeps in the {@value #COOKIE} cookie; UTC without it (before the first page ran the script, with
 * scripts off, off a request, or for a zone this server does not know). Calendar days (a streak, "due
 * today") stay UTC days.
 */
@Singleton
public class Zones {

    public static final String COOKIE = "accord_zone";
    public static final ZoneId UTC = ZoneId.of("UTC");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);
    /** How browsers name zones: UTC, or an IANA region such as Europe/Berlin or America/Argentina/Buenos_Aires. */
    private static final Pattern NAME = Pattern.compile("UTC|[A-Za-z]+(/[A-Za-z0-9_+-]+){1,2}");

    @Inject
    CurrentVertxRequest currentRequest;

    /** The zone of the person making the current request. */
    public ZoneId viewer() {
        if (!Arc.container().requestContext().isActive()) {
            return UTC;
        }
        RoutingContext ctx = currentRequest.getCurrent();
        Cookie cookie = ctx == null ? null : ctx.request().getCookie(COOKIE);
        return cookie == null ? UTC : parse(cookie.getValue()).orElse(UTC);
    }

    /** A moment as the current viewer reads it, such as "8 Dec 2026, 18:00 CET". */
    public String format(Instant at) {
        return WHEN.format(at.atZone(viewer()));
    }

    /** The zone a browser (or a form) named; empty for anything else. */
    public static Optional<ZoneId> parse(String name) {
        if (name == null || name.length() > 64 || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
