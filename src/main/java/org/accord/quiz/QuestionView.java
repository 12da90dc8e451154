package org.accord.quiz;

import java.util.List;

/** Everything a question page shows before the answer: never the key. */
public record QuestionView(
        String id,
        String type,
        String typeLabel,
        String prompt,
        List<Option> options,
        List<SelectRow> orderRows,
        List<SelectRow> matchRows,
        String value,
        String unit,
        String errorField,
        String error) {

    /** One radio button, check box or drop-down entry. */
    public record Option(String value, String label, boolean selected) {
    }

    /** An item with its drop-down: a position (ordering) or a right item (matching). */
    public record SelectRow(String field, String label, List<Option> options) {
    }

    public boolean hasError() {
        return error != null;
    }

    public boolean errorOn(String field) {
        return error != null && field.equals(errorField);
    }
}
