package org.accord.web;

import io.quarkus.qute.TemplateExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for templates. */
@TemplateExtension
public class TemplateExtensions {

    private static final Pattern URL = Pattern.compile("https?://\\S+");

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
