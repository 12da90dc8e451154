package org.accord.ops;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.accord.web.AccordConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /admin/backup}: an online backup of the embedded H2 database, for {@code ops/backup.sh}.
 * It exists only when {@code accord.admin.token} is set and the database is H2 (PostgreSQL has
 * pg_dump); otherwise it answers 404 like any unknown page.
 */
@Path("/admin/backup")
public class BackupResource {

    static final String TOKEN_HEADER = "X-Accord-Admin-Token";

    @Inject
    AccordConfig config;

    @Inject
    H2Backup backup;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    /** Answers the absolute path of the new backup file, one line of plain text. */
    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public Response backUp(@HeaderParam(TOKEN_HEADER) String token) {
        Optional<String> expected = config.admin().token().filter(t -> !t.isBlank());
        if (expected.isEmpty() || !"h2".equals(dbKind)) {
            throw new NotFoundException();
        }
        if (!sameToken(expected.get(), token)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("Wrong or missing " + TOKEN_HEADER + " header.\n").build();
        }
        return Response.ok(backup.backUp() + "\n").build();
    }

    /** Compares digests, so the time taken says nothing about how much of the token was right, nor its length. */
    static boolean sameToken(String expected, String given) {
        if (given == null) {
            return false;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
