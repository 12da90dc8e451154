package org.accord.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/** Sign up, log in and log out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signup(Map<String, String> values, Map<String, String> errors, String next);

        static native TemplateInstance login(String username, String error, String next);

        static native TemplateInstance logout();
    }

    @Inject
    AccountService accounts;

    @Inject
    Sessions sessions;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("signup")
    public TemplateInstance signupForm(@QueryParam("next") String next) {
        return Templates.signup(Map.of("role", "learner"), Map.of(), safeNext(next));
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signup(@RestForm String displayName, @RestForm String username, @RestForm String password,
            @RestForm String role, @RestForm String next) {
        Map<String, String> errors = accounts.check(displayName, username, password, role);
        if (!errors.isEmpty()) {
            Map<String, String> values = Map.of("displayName", nonNull(displayName), "username", nonNull(username),
                    "role", nonNull(role));
            return Response.status(422).entity(Templates.signup(values, errors, safeNext(next))).build();
        }
        Account account = accounts.signUp(displayName, username, password, role, currentUser.guest());
        return Response.seeOther(URI.create(landing(account, next)))
                .cookie(sessions.start(account), expiredGuestCookie())
                .build();
    }

    @GET
    @Path("login")
    public TemplateInstance loginForm(@QueryParam("next") String next) {
        return Templates.login("", null, safeNext(next));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@RestForm String username, @RestForm String password, @RestForm String next) {
        AccountService.LoginResult result = accounts.logIn(username, password);
        if (result.account() == null) {
            return Response.status(422).entity(Templates.login(nonNull(username), result.error(), safeNext(next))).build();
        }
        return Response.seeOther(URI.create(landing(result.account(), next))).cookie(sessions.start(result.account())).build();
    }

    /** A page with the log-out button, for the pages that cannot carry the form (error pages). */
    @GET
    @Path("logout")
    public TemplateInstance logoutForm() {
        return Templates.logout();
    }

    @POST
    @Path("logout")
    public Response logout(@CookieParam(Sessions.COOKIE) String session) {
        NewCookie cleared = sessions.end(session);
        return Response.seeOther(URI.create("/")).cookie(cleared, expiredGuestCookie()).build();
    }

    private static String landing(Account account, String next) {
        String safe = safeNext(next);
        if (!safe.isEmpty()) {
            return safe;
        }
        return account.teacher() ? "/teacher/classes" : "/classes";
    }

    /** Only a path on this site: never another host, so the log-in page cannot send people elsewhere. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.length() > 500) {
            return "";
        }
        return next;
    }

    private static NewCookie expiredGuestCookie() {
        return new NewCookie.Builder(Guests.COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
