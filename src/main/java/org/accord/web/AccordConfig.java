package org.accord.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings a person running Accord may change; each is listed in the README. */
@ConfigMapping(prefix = "accord")
public interface AccordConfig {

    /** The folder holding the question bank. */
    @WithDefault("questions")
    Path bankPath();

    /** The folder of the embedded H2 database (the JDBC URL refers to it). */
    @WithDefault("./data")
    String dataDir();

    Practice practice();

    Session session();

    Admin admin();

    Backup backup();

    H2 h2();

    Gradebook gradebook();

    PageCache pageCache();

    Answers answers();

    interface Answers {
        /**
         * How long the answer writer waits for a row another transaction holds. Answers are written by one
         * thread, so a wait stalls every answer behind it; past this the batch is written again one answer at
         * a time, and the answer whose row is held fails (the learner can send it again).
         */
        @WithDefault("PT2S")
        Duration lockTimeout();
    }

    interface PageCache {
        /**
         * How long a learner's rendered question page or dashboard is served again to the same browser
         * without reading the database; PT0S turns the cache off. Their own changes show at once on this
         * instance; see README, "Page cache", for several instances.
         */
        @WithDefault("PT5S")
        Duration maxAge();

        /** Memory the kept pages may take, in bytes. */
        @WithDefault("8388608")
        long maxBytes();
    }

    interface Gradebook {
        /**
         * How long a class's rendered gradebook is shared between requests before it is read again; the
         * teacher's own changes to the class show at once.
         */
        @WithDefault("PT1S")
        Duration maxAge();

        /**
         * How long a rendered grid is kept while nothing it shows has changed on this instance: once it is
         * older than {@link #maxAge()} it is checked (no render) and kept if no student of the class wrote,
         * nobody joined or left, no assignment changed and no due time or time limit passed. This bounds how
         * late work saved through another instance on the same database shows. Past it, up to twice it, a
         * quiet grid is still served while it is read again in the background.
         */
        @WithDefault("PT30S")
        Duration unchangedMaxAge();
    }

    interface H2 {
        /**
         * Answer no POST before its writes are in the H2 database file (a CHECKPOINT shared by every POST
         * waiting at that moment). Turn off only with {@code WRITE_DELAY=0} in the JDBC URL instead.
         */
        @WithDefault("true")
        boolean groupCommit();
    }

    interface Admin {
        /** Token that unlocks the admin endpoints (POST /admin/backup); without one they answer 404. */
        Optional<String> token();
    }

    interface Backup {
        /** Where online backups of the embedded H2 database are written. */
        @WithDefault("./backups")
        Path dir();
    }

    interface Session {
        /**
         * Key that signs session cookies; give every instance the same key so they share sessions.
         * Without one, a random key is made at start-up and sessions end when the app stops.
         */
        Optional<String> key();

        /** How long a session lasts without logging in again. */
        @WithDefault("P14D")
        Duration maxAge();

        /** Send cookies only over HTTPS; turn on wherever the app is served over HTTPS. */
        @WithDefault("false")
        boolean secureCookies();
    }

    interface Practice {
        /** Questions in a practice quiz unless the learner asks for another number. */
        @WithDefault("10")
        int defaultQuestions();

        @WithDefault("50")
        int maxQuestions();
    }
}
