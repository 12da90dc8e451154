package org.accord.account;

import java.util.Locale;

/** One spelling per username, so sign-up and log-in agree whatever the case or spaces typed. */
public final class Usernames {

    private Usernames() {
    }

    public static String canonical(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
