package org.accord.web;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Debian's Chromium for the browser tests: skipped where it is missing, except on CI, where that fails. */
public final class Chromium {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /** Starts Playwright; the machine has no internet, so it must never download a browser of its own. */
    public static Playwright playwright() {
        if (!Files.isExecutable(EXECUTABLE)) {
            if (System.getenv("CI") != null) {
                fail("Chromium is missing at " + EXECUTABLE + "; CI must install Debian's chromium package for the browser tests");
            }
            Assumptions.abort("Chromium is not installed at " + EXECUTABLE + "; skipping the browser test");
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    /** A started Playwright and its Chromium, closed together. */
    public record Session(Playwright playwright, Browser browser) implements AutoCloseable {

        /**
         * A page in a browser context of its own (its own cookies), with a 15 s timeout and downloads allowed, in UTC
         * whatever this machine's zone.
         */
        public com.microsoft.playwright.Page newPage() {
            return newPage("UTC");
        }

        /** A page as {@link #newPage()}, in a browser whose time zone is {@code zone} (an IANA name). */
        public com.microsoft.playwright.Page newPage(String zone) {
            com.microsoft.playwright.BrowserContext context = browser.newContext(
                    new Browser.NewContextOptions().setAcceptDownloads(true).setTimezoneId(zone));
            context.setDefaultTimeout(15_000);
            return context.newPage();
        }

        @Override
        public void close() {
            try {
                browser.close();
            } finally {
                playwright.close();
            }
        }
    }

    public static Session start() {
        Playwright playwright = playwright();
        try {
            return new Session(playwright, launch(playwright));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }
}
