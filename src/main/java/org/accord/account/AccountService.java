package org.accord.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Sign-up and log-in: validation, password hashing and the guest's history carried over. */
@ApplicationScoped
public class AccountService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._+@-]{2,253}");

    @Inject
    Clock clock;

    private LoginThrottle throttle;

    @jakarta.annotation.PostConstruct
    void init() {
        throttle = new LoginThrottle(clock, 5, 10, Duration.ofMinutes(15));
    }

    /** A sign-up form's problems by field name; empty when it can be saved. */
    public Map<String, String> check(String displayName, String username, String password, String role) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.put("displayName", "Enter the name others will see, up to 100 characters.");
        }
        String canonical = Usernames.canonical(username);
        if (!USERNAME.matcher(canonical).matches()) {
            errors.put("username", "Use 3 to 254 letters, digits or . _ + @ -, for example an e-mail address.");
        } else if (Account.byUsername(canonical).isPresent()) {
            errors.put("username", "That username is taken. Log in, or choose another.");
        }
        String weak = Passwords.problem(password);
        if (weak != null) {
            errors.put("password", weak);
        }
        if (parseRole(role) == null) {
            errors.put("role", "Choose whether you learn or teach.");
        }
        return errors;
    }

    /** Creates the account; a guest's learner record, and so its history, becomes the account's. */
    @Transactional
    public Account signUp(String displayName, String username, String password, String role, Learner guest) {
        Account account = new Account();
        account.displayName = displayName.strip();
        account.username = Usernames.canonical(username);
        account.passwordHash = Passwords.hash(password);
        account.role = parseRole(role);
        account.createdAt = clock.instant();
        Learner learner = guest == null ? null : Learner.findById(guest.id);
        if (learner == null || Account.count("learner", learner) > 0) {
            learner = new Learner();
            learner.createdAt = account.createdAt;
            learner.persist();
        } else {
            // the guest cookie no longer opens this history: it now needs the password
            learner.guestToken = null;
        }
        account.learner = learner;
        account.persist();
        return account;
    }

    /** The outcome of a log-in: the account, or why not. */
    public record LoginResult(Account account, String error) {
    }

    public LoginResult logIn(String username, String password) {
        String canonical = Usernames.canonical(username);
        Instant lockedUntil = throttle.lockedUntil(canonical);
        if (lockedUntil != null) {
            long minutes = Math.max(1, Duration.between(clock.instant(), lockedUntil).toMinutes() + 1);
            return new LoginResult(null, "Too many failed attempts for this username. Try again in " + minutes + " minute"
                    + (minutes == 1 ? "" : "s") + ".");
        }
        Duration delay = throttle.delay(canonical);
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Account account = Account.byUsername(canonical).orElse(null);
        // hash even for unknown names, so timing does not tell which usernames exist
        boolean ok = Passwords.matches(password == null ? "" : password, account == null ? DUMMY_HASH : account.passwordHash);
        if (account == null || !ok) {
            throttle.failed(canonical);
            return new LoginResult(null, "That username and password do not match.");
        }
        throttle.succeeded(canonical);
        return new LoginResult(account, null);
    }

    static Role parseRole(String role) {
        if ("learner".equals(role)) {
            return Role.LEARNER;
        }
        if ("teacher".equals(role)) {
            return Role.TEACHER;
        }
        return null;
    }

    private static final String DUMMY_HASH = Passwords.hash("not a real password, only for timing");
}
