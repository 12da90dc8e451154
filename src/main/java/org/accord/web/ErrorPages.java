package org.accord.web;

import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.accord.account.CurrentUser;
import org.accord.quiz.AnswerNotSavedException;
import org.jboss.resteasy.reactive.common.headers.MediaTypeHeaderDelegate;
import org.jboss.resteasy.reactive.common.providers.serialisers.MapAsFormUrlEncodedProvider;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.handlers.FormBodyHandler;

/** Friendly error pages: a person learns what went wrong and where to go; never a stack trace. */
public class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String heading, String message);
    }

    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.getStatus() < 400) {
            return original;
        }
        return page(original.getStatus());
    }

    /** A page that needs a signed-in person sends others to log in, and back afterwards. */
    @ServerExceptionMapper
    public Response signIn(CurrentUser.SignInRequiredException e, HttpServerRequest request) {
        String back = request.method() == HttpMethod.GET ? "?next=" + URLEncoder.encode(request.uri(), StandardCharsets.UTF_8) : "";
        return Response.seeOther(URI.create("/login" + back)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (unreadableRequest(e)) {
            return page(400);
        }
        Log.error("Unhandled error while serving a request", e);
        return page(500);
    }

    /**
     * A request Quarkus REST could not read: a Content-Type header that is not a media type, a form body with a broken
     * percent-escape, an unknown charset or a field with no name ({@code &=&}). The sender's mistake, which the framework reports with plain
     * {@code IllegalArgumentException}s, so it is told by where it was thrown.
     */
    static boolean unreadableRequest(Throwable e) {
        return Arrays.stream(e.getStackTrace()).map(StackTraceElement::getClassName)
                .anyMatch(c -> c.equals(FormBodyHandler.class.getName()) || c.equals(MediaTypeHeaderDelegate.class.getName())
                        || c.equals(MapAsFormUrlEncodedProvider.class.getName()));
    }

    /** Gives a page to error responses that carry no body, such as a refused CSRF token. */
    @ServerResponseFilter
    public void emptyErrors(ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            response.setEntity(render(response.getStatus()), null, MediaType.TEXT_HTML_TYPE);
        }
    }

    /**
     * For a POST whose writes were committed but could not be made durable: it may or may not survive a
     * crash, so the page says neither "saved" nor "lost" and tells the person how to find out.
     */
    public static String notConfirmed() {
        return Templates.error(503, "Your last change could not be confirmed",
                "The server could not write it safely to disk. Wait a moment, then reload the page: what you see there "
                        + "is what was kept. If the problem goes on, tell your teacher or the site's administrator.").render();
    }

    /** An answer the database did not take (the answer writer has logged why): nothing of it was kept, and sending it again is safe. */
    @ServerExceptionMapper
    public Response answerNotSaved(AnswerNotSavedException e) {
        return Response.status(503).type(MediaType.TEXT_HTML_TYPE).entity(Templates.error(503, "Your answer was not saved",
                "The server could not save it just now. Go back to the question and send your answer again; "
                        + "your earlier answers are kept.").render()).build();
    }

    static Response page(int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(render(status)).build();
    }

    private static String render(int status) {
        String heading;
        String message;
        switch (status) {
            case 400 -> {
                heading = "That request could not be used";
                message = "The form may have expired or been changed. Go back, reload the page and try again.";
            }
            case 403 -> {
                heading = "Not allowed";
                message = "You do not have access to this page.";
            }
            case 404 -> {
                heading = "Page not found";
                message = "There is nothing at this address, or it belongs to someone else.";
            }
            case 405 -> {
                heading = "Not available this way";
                message = "This address cannot be used like that. Start again from the home page.";
            }
            case 415, 422 -> {
                heading = "That form could not be read";
                message = "Go back, reload the page and send the form again.";
            }
            default -> {
                heading = status >= 500 ? "Something went wrong on our side" : "That request could not be used";
                message = status >= 500
                        ? "Your answers so far are saved. Try again in a moment, or go back to the home page."
                        : "Go back and try again.";
            }
        }
        return Templates.error(status, heading, message).render();
    }
}
