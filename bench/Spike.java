import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The start spike: every student in spike.cookies presses Start on the same assignment, spread
 * evenly over one second, then opens the first question the redirect points to. Prints the
 * latency of the start POST alone and of start + first question page (what the student waits for),
 * both counted from the moment the student was due to press Start, so a late send counts against us.
 * Each student opens a connection of their own, as a browser would. Given more assignments of the
 * same students, it first runs the same spike on each of those and prints them too: the first spike after the
 * app starts runs the start path cold (interpreted, its queries parsed for the first time) and the next ones
 * while the JIT compiles it; the last meets what a server that has been running would.
 * With APP_PID set to the app's process id, also prints the app's CPU time per student.
 *
 * <p>The client and the app share the machine's two cores, so every millisecond of CPU the client spends per
 * student is taken from the app. It is therefore a small HTTP/1.1 client of its own on one thread and
 * non-blocking sockets, with every request's bytes made before the spike: it spends a tenth of what the
 * JDK's HTTP client did (1.2-1.6 ms per student). It reads only what it needs of a response: the status,
 * Location, and where the body ends (Content-Length or the last chunk).
 * Usage: java bench/Spike.java BASE_URL ASSIGNMENT_ID COOKIES_FILE CSRF_TOKEN [WARM_UP_ASSIGNMENT_ID...]
 */
public class Spike {
    static InetSocketAddress server;
    static String host;

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        server = new InetSocketAddress(base.getHost(), base.getPort());
        host = base.getHost() + ":" + base.getPort();
        List<String> cookies = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        String csrf = args[3];
        warmUp();
        for (int i = 4; i < args.length; i++) {
            spike(args[i], cookies, csrf, "warm-up spike " + (i - 3), false);
            Thread.sleep(5000);
        }
        spike(args[1], cookies, csrf, "spike", true);
    }

    static void spike(String assignment, List<String> cookies, String csrf, String label, boolean measured) throws Exception {
        List<Visit> visits = new ArrayList<>();
        for (String session : cookies) {
            String cookie = "accord_session=" + session + "; accord_csrf=" + csrf;
            String body = "csrf-token=" + csrf;
            visits.add(new Visit(cookie, request("POST /assignments/" + assignment + "/start", cookie,
                    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n", body)));
        }
        long appCpu0 = appCpuMillis(), ownCpu0 = ownCpuMillis();
        Map<String, Long> threads0 = appThreadTicks();
        long wall = run(visits, 1_000_000_000L);
        long appCpu = appCpuMillis() - appCpu0, ownCpu = ownCpuMillis() - ownCpu0;
        Map<String, Long> threads = appThreadTicks();
        threads.replaceAll((kind, ticks) -> ticks - threads0.getOrDefault(kind, 0L));

        List<Long> post = new ArrayList<>(), page = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Visit v : visits) {
            if (v.failure != null) {
                failures.add(v.failure);
            } else {
                post.add(v.firstAnswered - v.due);
                page.add(v.done - v.due);
            }
        }
        Collections.sort(post);
        Collections.sort(page);
        String cpu = String.format("CPU per student: app %s, this client %.2f ms",
                appCpu0 < 0 ? "- (set APP_PID)" : String.format("%.1f ms", (double) appCpu / cookies.size()), (double) ownCpu / cookies.size());
        String failed = failures.isEmpty() ? "" : String.format(", %d FAILED (first: %s)", failures.size(), failures.get(0));
        if (!measured) {
            System.out.printf("%s: start + 1st question p50 %s  p99 %s; %s%s%s%n", label, ms(page, 0.50), ms(page, 0.99), cpu, failed,
                    threads.isEmpty() ? "" : " (" + shares(threads, 3) + ")");
            return;
        }
        System.out.printf("%s: %d students over 1 s, %d ok%s, all done after %.2f s%n", label, cookies.size(), post.size(), failed, wall / 1e9);
        System.out.printf("%s start POST           p50 %s  p99 %s  max %s%n", label, ms(post, 0.50), ms(post, 0.99), ms(post, 1.0));
        System.out.printf("%s start + 1st question p50 %s  p99 %s  max %s%n", label, ms(page, 0.50), ms(page, 0.99), ms(page, 1.0));
        System.out.printf("%s %s%n", label, cpu);
        if (!threads.isEmpty()) {
            System.out.printf("%s app CPU by thread: %s%n", label, shares(threads, 6));
        }
    }

    /** The largest shares of the app's CPU by kind of thread, as "executor-thread 40%, C2 CompilerThre 30%". */
    static String shares(Map<String, Long> threads, int top) {
        long all = threads.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder shares = new StringBuilder();
        threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> shares.append(String.format("%s%s %.0f%%", shares.isEmpty() ? "" : ", ", e.getKey(), 100.0 * e.getValue() / Math.max(1, all))));
        return shares.toString();
    }

    /**
     * The app's CPU ticks by kind of thread (worker, event loop, JIT compiler, the JVM's own...), from
     * /proc/APP_PID/task: where the spike's CPU went, not a profile of the code. Empty without APP_PID.
     */
    static Map<String, Long> appThreadTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        String pid = System.getenv("APP_PID");
        if (pid == null) {
            return ticks;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // a thread that ended meanwhile
                }
                // the name (cut to 15 characters by Linux) without its number: executor-thread-7 and -8 are one kind
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-#0-9 ]+$", "");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        }
        return ticks;
    }

    /**
     * This client's own warm-up, not timed: a cold JVM runs its code interpreted, which would take CPU from
     * the app during the first spike. Fetches the home page 400 times over four seconds (gently: a flood of
     * home pages would warm the app up too, and the spikes are to find it as start-up left it), then lets the
     * machine settle.
     */
    static void warmUp() throws Exception {
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            visits.add(new Visit(null, request("GET /", null, "", "")));
        }
        run(visits, 4_000_000_000L);
        long failed = visits.stream().filter(v -> v.failure != null).count();
        if (failed > 0) {
            System.out.printf("client warm-up: %d of %d home pages FAILED (first: %s)%n", failed, visits.size(),
                    visits.stream().filter(v -> v.failure != null).findFirst().orElseThrow().failure);
        }
        Thread.sleep(2000);
    }

    /** The bytes of one request; cookie may be null. */
    static byte[] request(String line, String cookie, String headers, String body) {
        return (line + " HTTP/1.1\r\nHost: " + host + "\r\n" + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
                + headers + "\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** One student's visit: the first request, then GETs of where redirects point until a 200. */
    static final class Visit {
        /** The Cookie header of every request of the visit; null for none. */
        final String cookie;
        final byte[] request;
        SocketChannel channel;
        ByteBuffer out;
        long due, firstAnswered, done;
        String failure;
        int redirects;
        // the response being read
        final byte[] head = new byte[8192];
        int headLength, bodyEnd = -1; // bodyEnd: bytes after the head still to come; -1 chunked (read to the last chunk)
        boolean headDone;
        final byte[] tail = new byte[7];
        int status;
        String location;

        Visit(String cookie, byte[] request) {
            this.cookie = cookie;
            this.request = request;
        }
    }

    /** Sends each visit's first request at its due time, spread evenly over the given nanoseconds; returns when all are done. */
    static long run(List<Visit> visits, long spreadNanos) throws IOException {
        Selector selector = Selector.open();
        ByteBuffer in = ByteBuffer.allocateDirect(1 << 16);
        long t0 = System.nanoTime() + 10_000_000L;
        long spacing = spreadNanos / visits.size();
        for (int i = 0; i < visits.size(); i++) {
            visits.get(i).due = t0 + i * spacing;
        }
        int next = 0, open = 0;
        long deadline = t0 + spreadNanos + 120_000_000_000L;
        while (next < visits.size() || open > 0) {
            long now = System.nanoTime();
            if (now > deadline) {
                for (Visit v : visits) {
                    if (v.done == 0 && v.failure == null) {
                        v.failure = "no answer within 120 s";
                    }
                }
                break;
            }
            while (next < visits.size() && visits.get(next).due <= now) {
                Visit v = visits.get(next++);
                try {
                    connect(selector, v);
                    open++;
                } catch (IOException e) {
                    v.failure = "connect: " + e;
                    close(v);
                }
            }
            long wait = next < visits.size() ? visits.get(next).due - System.nanoTime() : 100_000_000L;
            if (wait <= 0) {
                selector.selectNow();
            } else {
                selector.select(Math.max(1, wait / 1_000_000));
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Visit v = (Visit) key.attachment();
                try {
                    if (key.isConnectable()) {
                        v.channel.finishConnect();
                        key.interestOps(SelectionKey.OP_WRITE);
                    }
                    if (key.isValid() && key.isWritable()) {
                        v.channel.write(v.out);
                        if (!v.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (key.isValid() && key.isReadable() && read(v, in, key)) {
                        open--;
                    }
                } catch (IOException e) {
                    v.failure = e.toString();
                    close(v);
                    open--;
                }
            }
            selector.selectedKeys().clear();
        }
        selector.close();
        return System.nanoTime() - t0;
    }

    static void connect(Selector selector, Visit v) throws IOException {
        v.channel = SocketChannel.open();
        v.channel.configureBlocking(false);
        v.out = ByteBuffer.wrap(v.request);
        v.headLength = 0;
        v.headDone = false;
        v.channel.register(selector, v.channel.connect(server) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, v);
    }

    /** Reads what has come; when the response is whole, sends the next request or ends the visit (true). */
    static boolean read(Visit v, ByteBuffer in, SelectionKey key) throws IOException {
        in.clear();
        int n = v.channel.read(in);
        if (n < 0) {
            throw new IOException("connection closed before the response was whole");
        }
        in.flip();
        while (in.hasRemaining() && !v.headDone) {
            byte b = in.get();
            if (v.headLength == v.head.length) {
                throw new IOException("response head longer than " + v.head.length + " bytes");
            }
            v.head[v.headLength++] = b;
            if (b == '\n' && v.headLength >= 4 && v.head[v.headLength - 2] == '\r' && v.head[v.headLength - 3] == '\n') {
                v.headDone = true;
                parseHead(v);
            }
        }
        if (!v.headDone) {
            return false;
        }
        int rest = in.remaining();
        if (v.bodyEnd >= 0) {
            v.bodyEnd -= rest;
            if (v.bodyEnd > 0) {
                return false;
            }
        } else {
            // chunked: keep the last 7 bytes seen; the body ends with CRLF 0 CRLF CRLF
            for (int i = Math.max(0, rest - 7); i < rest; i++) {
                System.arraycopy(v.tail, 1, v.tail, 0, 6);
                v.tail[6] = in.get(in.position() + i);
            }
            if (!new String(v.tail, StandardCharsets.US_ASCII).equals("\r\n0\r\n\r\n")) {
                return false;
            }
        }
        long now = System.nanoTime();
        if (v.firstAnswered == 0) {
            v.firstAnswered = now;
        }
        if (v.status == 200) {
            v.done = now;
            close(v);
            return true;
        }
        if (v.status / 100 == 3 && v.location != null && v.redirects++ < 3) {
            String path = v.location.startsWith("http") ? URI.create(v.location).getRawPath() : v.location;
            v.out = ByteBuffer.wrap(request("GET " + path, v.cookie, "", ""));
            v.headLength = 0;
            v.headDone = false;
            key.interestOps(SelectionKey.OP_WRITE);
            return false;
        }
        v.failure = (v.redirects == 0 ? "start " : "question page ") + v.status;
        close(v);
        return true;
    }

    static void parseHead(Visit v) throws IOException {
        String head = new String(v.head, 0, v.headLength, StandardCharsets.US_ASCII);
        String[] lines = head.split("\r\n");
        v.status = Integer.parseInt(lines[0].substring(9, 12));
        v.location = null;
        v.bodyEnd = 0;
        java.util.Arrays.fill(v.tail, (byte) 0);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> v.bodyEnd = Integer.parseInt(value);
                case "transfer-encoding" -> v.bodyEnd = value.equalsIgnoreCase("chunked") ? -1 : v.bodyEnd;
                case "location" -> v.location = value;
                case "connection" -> {
                    if (value.equalsIgnoreCase("close")) {
                        throw new IOException("the server closes the connection; this client keeps it for the redirect");
                    }
                }
                default -> { }
            }
        }
    }

    static void close(Visit v) {
        if (v.channel == null) {
            return; // it never opened
        }
        try {
            v.channel.close();
        } catch (IOException ignored) {
            // the visit is over either way
        }
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
