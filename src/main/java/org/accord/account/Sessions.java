package org.accord.account;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.accord.web.AccordConfig;
import org.accord.web.PageCache;

/** Creates, finds and ends server-side sessions, and makes their cookies. */
@Startup
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "accord_session";

    @Inject
    AccordConfig config;

    @Inject
    Clock clock;

    @Inject
    PageCache pages;

    private SessionCookies cookies;

    @PostConstruct
    void init() {
        String key = config.session().key().orElse(null);
        if (key == null) {
            Log.warn("accord.session.key is not set: using a random key, so sessions end when the app stops and "
                    + "are not shared between instances. Set ACCORD_SESSION_KEY (32+ characters) in production.");
            key = SessionCookies.newToken() + SessionCookies.newToken();
        }
        cookies = new SessionCookies(key);
    }

    @Transactional
    public NewCookie start(Account account) {
        String token = SessionCookies.newToken();
        UserSession session = new UserSession();
        session.tokenHash = SessionCookies.hash(token);
        session.account = Account.findById(account.id);
        session.createdAt = clock.instant();
        session.expiresAt = session.createdAt.plus(config.session().maxAge());
        session.persist();
        return cookie(cookies.cookieValue(token), (int) config.session().maxAge().toSeconds());
    }

    @Transactional
    public Optional<Account> account(String cookieValue, Instant now) {
        String token = cookies.token(cookieValue);
        if (token == null) {
            return Optional.empty();
        }
        return UserSession.<UserSession>find("from UserSession s join fetch s.account a join fetch a.learner "
                + "where s.tokenHash = ?1 and s.expiresAt > ?2", SessionCookies.hash(token), now)
                .firstResultOptional().map(s -> s.account);
    }

    /** Deletes the session on the server, so the cookie stops working wherever it was copied to. */
    @Transactional
    public NewCookie end(String cookieValue) {
        String token = cookies.token(cookieValue);
        if (token != null) {
            UserSession.delete("tokenHash", SessionCookies.hash(token));
            pages.everyoneChanged(); // a bulk delete, unseen by entity listeners
        }
        return cookie("", 0);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(config.session().secureCookies())
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
