package org.accord.ceiling;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Not part of the app: bench/ceiling.sh builds it into a scratch copy to time Quarkus REST answering
 * a constant page, once on a worker thread (as every Accord page is served) and once on the event loop.
 */
@Path("/ceiling")
@Produces(MediaType.TEXT_HTML)
public class Ceiling {

    private static final byte[] PAGE;

    static {
        try {
            PAGE = Files.readAllBytes(java.nio.file.Path.of(System.getProperty("ceiling.page")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("worker")
    public byte[] worker() {
        return PAGE;
    }

    @GET
    @Path("event-loop")
    @NonBlocking
    public byte[] eventLoop() {
        return PAGE;
    }
}
