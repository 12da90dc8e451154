package org.accord.ops;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.accord.web.AccordConfig;

/**
 * Online backup of the embedded H2 database. It runs inside the app because the app holds the
 * database file's lock: H2's {@code BACKUP TO} copies a consistent snapshot over a live connection
 * while answers keep being saved.
 */
@ApplicationScoped
public class H2Backup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    DataSource dataSource;

    @Inject
    AccordConfig config;

    @Inject
    Clock clock;

    /** Writes a new backup and returns its file; one at a time, so two requests never share a name. */
    public synchronized Path backUp() {
        try {
            Path dir = config.backup().dir().toAbsolutePath().normalize();
            Files.createDirectories(dir);
            String stamp = STAMP.format(clock.instant());
            Path target = dir.resolve("accord-" + stamp + ".zip");
            for (int n = 2; Files.exists(target); n++) {
                target = dir.resolve("accord-" + stamp + "-" + n + ".zip");
            }
            // written under a temporary name and renamed, so a file named accord-*.zip is always complete
            Path partial = dir.resolve(target.getFileName() + ".part");
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Log.infof("Database backed up to %s (%d bytes)", target, Files.size(target));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("BACKUP TO failed: " + e.getMessage(), e);
        }
    }
}
