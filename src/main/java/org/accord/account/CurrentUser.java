package org.accord.account;

import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;

/**
 * Who is making this request: a signed-in account, a guest known by the guest cookie, or nobody.
 * Templates read it as {@code inject:currentUser}.
 */
@Named("currentUser")
@RequestScoped
public class CurrentUser {

    @Inject
    HttpServerRequest request;

    @Inject
    Sessions sessions;

    @Inject
    Clock clock;

    private boolean resolved;
    private Account account;
    private Learner guest;

    public Account account() {
        resolve();
        return account;
    }

    public boolean signedIn() {
        return account() != null;
    }

    public boolean teacher() {
        return signedIn() && account.teacher();
    }

    public String displayName() {
        return signedIn() ? account.displayName : "";
    }

    /** The learner whose attempts this request may see: the account's, else the guest's; may be null. */
    public Learner learner() {
        resolve();
        return account != null ? account.learner : guest;
    }

    /** The guest learner from the cookie, whether or not someone is signed in. */
    public Learner guest() {
        resolve();
        return guest;
    }

    /** The signed-in account, or a 404 for anyone else (a 404 says nothing about what exists). */
    public Account requireAccount() {
        if (!signedIn()) {
            throw new SignInRequiredException();
        }
        return account;
    }

    public Account requireTeacher() {
        Account a = requireAccount();
        if (!a.teacher()) {
            throw new NotFoundException();
        }
        return a;
    }

    private void resolve() {
        if (resolved) {
            return;
        }
        resolved = true;
        if (!BlockingOperationControl.isBlockingAllowed()) {
            // an error answered on the event loop, before any resource (no such route, a wrong method or media type):
            // the database cannot be asked there, so that error page shows the signed-out header
            return;
        }
        Cookie session = request.getCookie(Sessions.COOKIE);
        if (session != null) {
            account = sessions.account(session.getValue(), clock.instant()).orElse(null);
        }
        Cookie guestCookie = request.getCookie(Guests.COOKIE);
        if (guestCookie != null) {
            guest = Guests.find(guestCookie.getValue());
        }
    }

    /** Raised where a page needs a signed-in person; answered with a redirect to the log-in page. */
    public static class SignInRequiredException extends RuntimeException {
    }
}
