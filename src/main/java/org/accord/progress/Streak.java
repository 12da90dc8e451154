package org.accord.progress;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The run of consecutive active days (UTC) that ends today, or yesterday while today has no activity
 * yet: a streak is not lost until a whole day passes without practice.
 */
public final class Streak {

    private Streak() {
    }

    public static int days(Collection<LocalDate> activeDays, LocalDate today) {
        Set<LocalDate> active = new HashSet<>(activeDays);
        LocalDate day = active.contains(today) ? today : today.minusDays(1);
        int run = 0;
        while (active.contains(day)) {
            run++;
            day = day.minusDays(1);
        }
        return run;
    }
}
