import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The start spike: every student in spike.cookies presses Start on the same assignment, spread
 * evenly over one second, then opens the first question the redirect points to. Prints the
 * latency of the start POST alone and of start + first question page (what the student waits for).
 * The client warms itself up first on the home page (see {@link #warmUp}). Given more assignments of the
 * same students, it first runs the same spike on each of those and prints them too: the first spike after the
 * app starts runs the start path cold (interpreted, its queries parsed for the first time) and the next ones
 * while the JIT compiles it; the last meets what a server that has been running would.
 * With APP_PID set to the app's process id, also prints the app's CPU time per student.
 * Usage: java bench/Spike.java BASE_URL ASSIGNMENT_ID COOKIES_FILE CSRF_TOKEN [WARM_UP_ASSIGNMENT_ID...]
 */
public class Spike {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> cookies = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        String csrf = args[3];
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newFixedThreadPool(4)).build();
        warmUp(client, base);
        for (int i = 4; i < args.length; i++) {
            spike(client, base, args[i], cookies, csrf, "warm-up spike " + (i - 3), false);
            Thread.sleep(5000);
        }
        spike(client, base, args[1], cookies, csrf, "spike", true);
        System.exit(0);
    }

    static void spike(HttpClient client, String base, String assignment, List<String> cookies, String csrf, String label,
            boolean measured) throws Exception {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        ConcurrentLinkedQueue<long[]> times = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long spacing = 1_000_000_000L / cookies.size();
        long appCpu0 = appCpuMillis(), ownCpu0 = ownCpuMillis();
        long t0 = System.nanoTime();
        for (int i = 0; i < cookies.size(); i++) {
            String cookie = "accord_session=" + cookies.get(i) + "; accord_csrf=" + csrf;
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            timer.schedule(() -> {
                long start = System.nanoTime();
                HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/assignments/" + assignment + "/start"))
                        .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("csrf-token=" + csrf)).build();
                client.sendAsync(post, HttpResponse.BodyHandlers.discarding()).thenCompose(r -> {
                    long started = System.nanoTime();
                    String location = r.headers().firstValue("Location").orElse(null);
                    if (r.statusCode() != 303 || location == null) {
                        failures.add("start " + r.statusCode());
                        return CompletableFuture.completedFuture(null);
                    }
                    // the attempt URL redirects once more, to its first question
                    return follow(client, URI.create(base).resolve(location), cookie, 3).thenAccept(ok -> {
                        if (ok) {
                            times.add(new long[] {started - start, System.nanoTime() - start});
                        } else {
                            failures.add("question page");
                        }
                    });
                }).whenComplete((v, e) -> {
                    if (e != null) {
                        failures.add(e.toString());
                    }
                    done.complete(null);
                });
            }, i * spacing, TimeUnit.NANOSECONDS);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long wall = System.nanoTime() - t0;
        long appCpu = appCpuMillis() - appCpu0, ownCpu = ownCpuMillis() - ownCpu0;
        timer.shutdownNow();
        List<Long> post = new ArrayList<>(), page = new ArrayList<>();
        for (long[] t : times) {
            post.add(t[0]);
            page.add(t[1]);
        }
        Collections.sort(post);
        Collections.sort(page);
        String cpu = String.format("CPU per student: app %s, this client %.1f ms",
                appCpu0 < 0 ? "- (set APP_PID)" : String.format("%.1f ms", (double) appCpu / cookies.size()), (double) ownCpu / cookies.size());
        String failed = failures.isEmpty() ? "" : String.format(", %d FAILED (first: %s)", failures.size(), failures.peek());
        if (!measured) {
            System.out.printf("%s: start + 1st question p50 %s  p99 %s; %s%s%n", label, ms(page, 0.50), ms(page, 0.99), cpu, failed);
            return;
        }
        System.out.printf("%s: %d students over 1 s, %d ok%s, all done after %.2f s%n", label, cookies.size(), post.size(), failed, wall / 1e9);
        System.out.printf("%s start POST           p50 %s  p99 %s  max %s%n", label, ms(post, 0.50), ms(post, 0.99), ms(post, 1.0));
        System.out.printf("%s start + 1st question p50 %s  p99 %s  max %s%n", label, ms(page, 0.50), ms(page, 0.99), ms(page, 1.0));
        System.out.printf("%s %s%n", label, cpu);
    }

    /**
     * This client's own warm-up, not timed: a cold JVM runs its HTTP client interpreted, which would take
     * CPU from the app during the spike (both share the machine's two cores). Fetches the home page 400 times,
     * 8 at a time, then lets the machine settle.
     */
    static void warmUp(HttpClient client, String base) throws Exception {
        HttpRequest home = HttpRequest.newBuilder(URI.create(base + "/")).GET().build();
        for (int round = 0; round < 50; round++) {
            List<CompletableFuture<?>> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batch.add(client.sendAsync(home, HttpResponse.BodyHandlers.discarding()));
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(2000);
    }

    static CompletableFuture<Boolean> follow(HttpClient client, URI uri, String cookie, int hops) {
        HttpRequest get = HttpRequest.newBuilder(uri).header("Cookie", cookie).GET().build();
        return client.sendAsync(get, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
            if (r.statusCode() == 200) {
                return CompletableFuture.completedFuture(true);
            }
            String location = r.headers().firstValue("Location").orElse(null);
            if (r.statusCode() / 100 == 3 && location != null && hops > 0) {
                return follow(client, uri.resolve(location), cookie, hops - 1);
            }
            return CompletableFuture.completedFuture(false);
        });
    }

    /** CPU time (user + system) of the process APP_PID names, from /proc; -1 without it. */
    static long appCpuMillis() throws Exception {
        String pid = System.getenv("APP_PID");
        if (pid == null) {
            return -1;
        }
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of the whole line, counted in clock ticks (100 per second on Linux)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    static String ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1);
        return String.format("%.0f ms", sorted.get(Math.max(0, i)) / 1e6);
    }
}
