package org.accord.classroom;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accord.web.Zones;

/**
 * The teacher's "new assignment" form as submitted, and its checks. Its times are in the zone the form showed
 * them in ({@code zone}, the teacher's own, sent back with the form); UTC when the form names none.
 */
public record AssignmentForm(
        String title,
        String source,
        String setId,
        List<String> topics,
        String tags,
        String difficulty,
        String count,
        String opensAt,
        String dueAt,
        String timeLimit,
        String attempts,
        String counting,
        boolean shuffleQuestions,
        boolean shuffleChoices,
        String reveal,
        String zone) {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    public AssignmentForm {
        topics = topics == null ? List.of() : List.copyOf(topics);
        zone = zone == null || zone.isBlank() ? Zones.UTC.getId() : zone;
    }

    public static AssignmentForm blank(Instant now, ZoneId zone) {
        return new AssignmentForm("", "set", "", List.of(), "", "", "10", local(now, zone), local(now.plusSeconds(7 * 86400), zone),
                "", "1", "HIGHEST", true, true, "AFTER_SUBMIT", zone.getId());
    }

    /** A moment as a date-and-time field shows it in {@code zone}. */
    public static String local(Instant instant, ZoneId zone) {
        return LOCAL.format(instant.atZone(zone));
    }

    /** The zone the times were entered in, or null if the form names one that is not a zone. */
    ZoneId zoneId() {
        return Zones.parse(zone).orElse(null);
    }

    /** The form as submitted, to be shown again with its times read in {@code other} where it named no known zone. */
    AssignmentForm knownZoneOr(ZoneId other) {
        return zoneId() != null ? this : new AssignmentForm(title, source, setId, topics, tags, difficulty, count, opensAt, dueAt,
                timeLimit, attempts, counting, shuffleQuestions, shuffleChoices, reveal, other.getId());
    }

    /** When the assignment opens; null unless the time and the zone are valid. */
    Instant opens() {
        return instant(opensAt, zoneId());
    }

    /** When the assignment is due; null unless the time and the zone are valid. */
    Instant due() {
        return instant(dueAt, zoneId());
    }

    /** The checks that need no database; the service adds those that do (the set exists, enough questions). */
    public Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (title == null || title.isBlank() || title.strip().length() > 200) {
            errors.put("title", "Give the assignment a title of up to 200 characters.");
        }
        if (!"set".equals(source) && !"compose".equals(source)) {
            errors.put("source", "Choose a question set, or compose one from topics.");
        }
        if ("compose".equals(source) && number(count, 1, 100) == null) {
            errors.put("count", "Enter a number of questions from 1 to 100.");
        }
        if (difficulty != null && !difficulty.isEmpty() && number(difficulty, 1, 3) == null) {
            errors.put("difficulty", "Choose a difficulty from the list.");
        }
        Instant opens = opens();
        Instant due = due();
        if (zoneId() == null) {
            errors.put("opensAt", "The form named a time zone we do not know. Check both times in the zone now shown beside "
                    + "them, then send the form again.");
        } else {
            if (opens == null) {
                errors.put("opensAt", "Enter when the assignment opens, as a date and time.");
            }
            if (due == null) {
                errors.put("dueAt", "Enter when the assignment is due, as a date and time.");
            } else if (opens != null && !due.isAfter(opens)) {
                errors.put("dueAt", "The due time must come after the opening time.");
            }
        }
        if (timeLimit != null && !timeLimit.isBlank() && number(timeLimit, 1, 600) == null) {
            errors.put("timeLimit", "Enter a time limit from 1 to 600 minutes, or leave it empty for none.");
        }
        if (number(attempts, 1, 10) == null) {
            errors.put("attempts", "Allow from 1 to 10 attempts.");
        }
        if (parse(Assignment.Counting.class, counting) == null) {
            errors.put("counting", "Choose which attempt counts.");
        }
        if (parse(Assignment.Reveal.class, reveal) == null) {
            errors.put("reveal", "Choose when students see the correct answers.");
        }
        return errors;
    }

    static Integer number(String text, int min, int max) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.strip());
            return n >= min && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A date-and-time field's value in {@code zone} (a time a clock change skips is read as the time after it). */
    private static Instant instant(String local, ZoneId zone) {
        if (zone == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(local == null ? "" : local.strip(), LOCAL).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name) {
        try {
            return name == null ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
