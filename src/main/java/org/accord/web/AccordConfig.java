package org.accord.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

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

    interface Practice {
        /** Questions in a practice quiz unless the learner asks for another number. */
        @WithDefault("10")
        int defaultQuestions();

        @WithDefault("50")
        int maxQuestions();
    }
}
