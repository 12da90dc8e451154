package org.accord.account;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/** The guest cookie: an unguessable token that ties a browser to its learner record. */
public final class Guests {

    public static final String COOKIE = "accord_guest";
    private static final int ONE_YEAR = (int) Duration.ofDays(365).toSeconds();

    private Guests() {
    }

    public static Learner find(String token) {
        return Learner.byGuestToken(token).orElse(null);
    }

    public static NewCookie cookie(Learner learner) {
        return new NewCookie.Builder(COOKIE)
                .value(learner.guestToken)
                .path("/")
                .maxAge(ONE_YEAR)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
