package org.accord.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows and then refuses repeated failed log-ins for one username: after {@code slowAfter} failures
 * in the window each attempt waits, after {@code lockAfter} the username is refused until the
 * window has passed. Kept in memory: each app instance counts on its own.
 */
public final class LoginThrottle {

    private final Clock clock;
    private final int slowAfter;
    private final int lockAfter;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int slowAfter, int lockAfter, Duration window) {
        this.clock = clock;
        this.slowAfter = slowAfter;
        this.lockAfter = lockAfter;
        this.window = window;
    }

    /** How long to hold this attempt back before checking the password; zero when none. */
    public Duration delay(String username) {
        int recent = recent(username);
        if (recent < slowAfter) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.min(2000, 250L * (recent - slowAfter + 1)));
    }

    /** When the username may try again, or null where it may try now. */
    public Instant lockedUntil(String username) {
        Deque<Instant> times = failures.get(username);
        if (times == null || recent(username) < lockAfter) {
            return null;
        }
        synchronized (times) {
            return times.peekLast().plus(window);
        }
    }

    public void failed(String username) {
        Deque<Instant> times = failures.computeIfAbsent(username, u -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
        }
    }

    public void succeeded(String username) {
        failures.remove(username);
    }

    private int recent(String username) {
        Deque<Instant> times = failures.get(username);
        if (times == null) {
            return 0;
        }
        Instant since = clock.instant().minus(window);
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.removeFirst();
            }
            return times.size();
        }
    }
}
