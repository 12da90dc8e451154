package org.accord.account;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cookie's value: a random token and its HMAC under the configured key, so every app
 * instance with the same key accepts the same cookies and a made-up cookie is refused unread.
 */
public final class SessionCookies {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SessionCookies(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("accord.session.key must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String cookieValue(String token) {
        return token + "." + mac(token);
    }

    /** The token inside a cookie value, or null where the value was not made with this key. */
    public String token(String cookieValue) {
        if (cookieValue == null) {
            return null;
        }
        int dot = cookieValue.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String token = cookieValue.substring(0, dot);
        byte[] expected = mac(token).getBytes(StandardCharsets.UTF_8);
        byte[] given = cookieValue.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? token : null;
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String mac(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
