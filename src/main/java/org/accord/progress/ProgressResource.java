package org.accord.progress;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.accord.account.CurrentUser;
import org.accord.account.Learner;
import org.accord.progress.ProgressService.Dashboard;
import org.accord.progress.ProgressService.History;
import org.accord.web.PageCache;

/** A signed-in learner's own progress: the dashboard, the history of attempts, and their data to download. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ProgressResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance progress(Dashboard dashboard);

        static native TemplateInstance history(History history);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    ProgressService progress;

    @Inject
    PageCache pages;

    @GET
    @Path("progress")
    public byte[] progress() {
        Learner learner = learner();
        PageCache.Ticket ticket = pages.ticket(learner.id);
        Dashboard dashboard = progress.dashboard(learner);
        byte[] body = Templates.progress(dashboard).render().getBytes(StandardCharsets.UTF_8);
        pages.store(ticket, body, dashboard.endsAt());
        return body;
    }

    @GET
    @Path("history")
    public TemplateInstance history(@QueryParam("page") String page) {
        return Templates.history(progress.history(learner(), pageNumber(page)));
    }

    @GET
    @Path("progress/review-log.csv")
    @Produces("text/csv")
    public Response reviewLog() {
        return Response.ok(progress.reviewLogCsv(learner()).getBytes(StandardCharsets.UTF_8))
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"accord-review-log.csv\"")
                .build();
    }

    @GET
    @Path("progress/history.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export() {
        return Response.ok(progress.export(learner()), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"accord-history.json\"")
                .build();
    }

    /** Only ever the signed-in account's own learner: no parameter names whose data to show. */
    private Learner learner() {
        currentUser.requireAccount();
        return currentUser.learner();
    }

    /** A page number as typed in the address bar; anything unreadable is the first page. */
    static int pageNumber(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
