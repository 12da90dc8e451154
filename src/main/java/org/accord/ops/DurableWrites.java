package org.accord.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.accord.web.AccordConfig;
import org.accord.web.ErrorPages;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Group commit for the embedded H2 database: no POST is answered before what it committed is in the
 * database file. H2 commits to memory and writes the file in the background (WRITE_DELAY); writing
 * the file at every commit (WRITE_DELAY=0) costs a file write per answer and a third of the answer
 * throughput. Instead each POST, after its transaction, waits for a CHECKPOINT that began after its
 * commit, and one CHECKPOINT serves every POST that arrived while the previous one ran. A process
 * killed at any moment loses only writes nobody was told were saved. See README, "Durability".
 *
 * <p>Off for PostgreSQL (its commit is durable), for in-memory H2, and when
 * {@code accord.h2.group-commit=false}.
 */
@ApplicationScoped
public class DurableWrites {

    private final boolean enabled;
    private final String url;
    private final String user;
    private final String password;
    private final GroupCommit group;
    /** The flushing connection, used by one flush at a time (GroupCommit runs them one after another). */
    private Connection connection;

    @Inject
    DurableWrites(@ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            // optional: a PostgreSQL server with trust authentication has no password to give
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            AccordConfig config) {
        boolean groupCommit = config.h2().groupCommit();
        boolean persistent = persistentH2(dbKind, url);
        this.enabled = groupCommit && persistent;
        this.url = url;
        this.user = user.orElse("");
        this.password = password.orElse("");
        this.group = new GroupCommit(this::checkpoint);
        if (persistent && !groupCommit && !url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY=0")) {
            Log.warn("accord.h2.group-commit is off and the H2 URL has no WRITE_DELAY=0: a crash can lose answers "
                    + "that were reported as saved");
        }
    }

    /** Group commit with another flush: how a test makes the flush fail, which a real disk will not do on cue. */
    DurableWrites(GroupCommit.Flush flush) {
        this.enabled = true;
        this.url = "";
        this.user = "";
        this.password = "";
        this.group = new GroupCommit(flush);
    }

    /**
     * Whether the database keeps its data in a file H2 writes later: every H2 URL but an in-memory one
     * ({@code jdbc:h2:file:...}, {@code jdbc:h2:./data/accord}, {@code jdbc:h2:~/accord}, a server's {@code tcp:}).
     */
    static boolean persistentH2(String dbKind, String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return dbKind.equals("h2") && u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:mem:");
    }

    /**
     * Holds the answer to every POST until its writes are in the database file. If they cannot be written
     * (a full disk, a file gone read-only) the POST is not reported as done: the person gets a 503 page
     * that says so, not the redirect that would tell them it was saved.
     */
    @ServerResponseFilter
    public void beforeAnsweringAPost(ContainerRequestContext request, ContainerResponseContext response) {
        // a request refused on the event loop (before any resource ran) wrote nothing, nor did a refused form (4xx);
        // an error page (5xx) tells nobody that anything was saved: only a success has something to confirm
        if (enabled && HttpMethod.POST.equals(request.getMethod()) && BlockingOperationControl.isBlockingAllowed()
                && response.getStatus() < 400) {
            try {
                group.awaitDurable();
            } catch (Exception e) {
                Log.errorf(e, "The writes of POST %s could not be made durable: answered 503", request.getUriInfo().getPath());
                response.setStatus(Status.SERVICE_UNAVAILABLE.getStatusCode());
                response.getHeaders().remove(HttpHeaders.LOCATION);
                response.setEntity(ErrorPages.notConfirmed(), null, MediaType.TEXT_HTML_TYPE);
            }
        }
    }

    private void checkpoint() throws SQLException {
        try {
            if (connection == null || connection.isClosed()) {
                // the same embedded database as the pool's: H2 shares one database per file within the process
                Properties login = new Properties();
                login.setProperty("user", user);
                login.setProperty("password", password);
                connection = org.h2.Driver.load().connect(url, login);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("CHECKPOINT");
            }
            if (Thread.currentThread().isInterrupted()) {
                // H2 may return from a CHECKPOINT whose write was interrupted without having written: release nobody
                throw new SQLException("interrupted during CHECKPOINT; the write may not have happened");
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                Log.debug("closing the checkpoint connection", e);
            }
            connection = null;
        }
    }
}
