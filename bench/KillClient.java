import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for bench/kill-test.sh: N guests take practice quizzes through the HTML pages, as a
 * browser would (home page for the CSRF cookie and token, POST /practice, then each question page
 * and its answer), until the app stops answering. Every answer the app acknowledged (its POST
 * answered 303) is written to the acknowledgement file as "Q attemptId number"; every started
 * attempt as "A attemptId". Run: java bench/KillClient.java BASE_URL CLIENTS ACK_FILE [MAX_SECONDS]
 */
public class KillClient {

    static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    static final Pattern TOPIC = Pattern.compile("name=\"topic\" value=\"([^\"]+)\"");
    static final Pattern ATTEMPT = Pattern.compile("/attempts/([0-9a-f-]{36})");
    static final Pattern OF = Pattern.compile("Question (\\d+) of (\\d+)");
    static final Pattern QUESTION_FORM = Pattern.compile("<form method=\"post\" action=\"[^\"]*\" class=\"question\".*?</form>", Pattern.DOTALL);
    static final Pattern CHOICE = Pattern.compile("type=\"(?:radio|checkbox)\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    static final Pattern TEXT = Pattern.compile("<input id=\"answer\" name=\"answer\"");
    static final Pattern SELECT = Pattern.compile("<select id=\"[^\"]*\" name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL);
    static final Pattern OPTION = Pattern.compile("<option value=\"([^\"]+)\"");

    static volatile boolean stop;
    static volatile boolean answering;
    static final Queue<String> acks = new ConcurrentLinkedQueue<>();
    static final AtomicInteger refused = new AtomicInteger();
    static final Map<String, Integer> ended = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        Path ackFile = Path.of(args[2]);
        long maxMillis = (args.length > 3 ? Long.parseLong(args[3]) : 60) * 1000;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> new Guest(http, base).run(), "guest-" + i);
            t.start();
            threads.add(t);
        }
        long deadline = System.currentTimeMillis() + maxMillis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        stop = true;
        for (Thread t : threads) {
            t.join(15_000);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(ackFile))) {
            acks.forEach(out::println);
        }
        long answers = acks.stream().filter(a -> a.startsWith("Q ")).count();
        System.out.printf("acknowledged: %d attempts, %d answers; refused answers (not 303): %d%n",
                acks.size() - answers, answers, refused.get());
        ended.forEach((why, count) -> System.out.printf("  %d guests ended on %s%n", count, why));
    }

    /** One browser: its own cookies, quiz after quiz until the app is gone. */
    static final class Guest {
        final HttpClient http;
        final String base;
        final Map<String, String> cookies = new LinkedHashMap<>();

        Guest(HttpClient http, String base) {
            this.http = http;
            this.base = base;
        }

        void run() {
            try {
                while (!stop) {
                    quiz();
                }
            } catch (IOException e) {
                // normally the app was killed; anything else shows in the summary
                ended.merge(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), 1, Integer::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void quiz() throws IOException, InterruptedException {
            HttpResponse<String> home = send(get("/"));
            String token = first(CSRF, home.body());
            List<String> topics = all(TOPIC, home.body());
            String topic = topics.get(ThreadLocalRandom.current().nextInt(topics.size()));
            HttpResponse<String> started = send(post("/practice", Map.of("topic", List.of(topic), "count", List.of("10"), "csrf-token", List.of(token))));
            if (started.statusCode() != 303) {
                throw new IOException("POST /practice answered " + started.statusCode());
            }
            String attempt = first(ATTEMPT, started.headers().firstValue("Location").orElseThrow());
            acks.add("A " + attempt);
            for (int n = 1; !stop; n++) {
                String path = "/attempts/" + attempt + "/questions/" + n;
                HttpResponse<String> page = send(get(path));
                if (page.statusCode() != 200) {
                    return;
                }
                Matcher of = OF.matcher(page.body());
                Matcher form = QUESTION_FORM.matcher(page.body());
                if (!of.find() || !form.find()) {
                    return;
                }
                Map<String, List<String>> fields = answerFor(form.group());
                fields.put("csrf-token", List.of(first(CSRF, page.body())));
                HttpResponse<String> answered = send(post(path, fields));
                if (answered.statusCode() == 303) {
                    acks.add("Q " + attempt + " " + n);
                    if (!answering) {
                        answering = true;
                        System.out.println("answers acknowledged");
                        System.out.flush();
                    }
                } else {
                    refused.incrementAndGet();
                }
                if (n >= Integer.parseInt(of.group(2))) {
                    return;
                }
            }
        }

        /** Any answer the form accepts: right or wrong does not matter here, only that it is stored. */
        static Map<String, List<String>> answerFor(String form) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            Matcher choice = CHOICE.matcher(form);
            if (choice.find()) {
                fields.put(choice.group(1), List.of(choice.group(2)));
            }
            if (TEXT.matcher(form).find()) {
                fields.put("answer", List.of("1"));
            }
            Matcher select = SELECT.matcher(form);
            for (int k = 0; select.find(); k++) {
                List<String> options = all(OPTION, select.group(2));
                // the k-th row takes the k-th option: distinct positions for an ordering question
                fields.put(select.group(1), List.of(options.get(k % options.size())));
            }
            return fields;
        }

        HttpRequest.Builder get(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).GET();
        }

        HttpRequest.Builder post(String path, Map<String, List<String>> fields) {
            StringBuilder body = new StringBuilder();
            fields.forEach((name, values) -> values.forEach(v -> body.append(body.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
            return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
            return response;
        }
    }

    static String first(Pattern p, String text) throws IOException {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IOException("not found on the page: " + p);
        }
        return m.group(1);
    }

    static List<String> all(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
