package org.accord.web;

import io.quarkus.qute.TemplateExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for templates. */
@TemplateExtension
public class TemplateExtensions {

    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /** A number of seconds as "4 min 5 s", for timers. */
    static String minutesAndSeconds(Long seconds) {
        long s = seconds == null ? 0 : Math.max(0, seconds);
        return s / 60 + " min " + s % 60 + " s";
    }

    /** The link in a source citation, if it has one. */
    static String sourceUrl(String citation) {
        Matcher m = URL.matcher(citation);
        return m.find() ? m.group().replaceAll("[.,;)]+$", "") : "";
    }

    /** The citation without its link. */
    static String sourceText(String citation) {
        String url = sourceUrl(citation);
        return url.isEmpty() ? citation : citation.replace(url, "").strip().replaceAll("[\\s.,;]+$", "");
    }
}
