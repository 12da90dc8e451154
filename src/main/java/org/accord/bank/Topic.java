package org.accord.bank;

/** A subject area of the bank, listed on the home page. */
public record Topic(String id, String title, String summary) {
}
