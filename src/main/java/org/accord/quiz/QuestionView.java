package org.accord.quiz;

import java.util.List;

/** Everything a question page shows before the answer: never the key. */
public record QuestionView(
        String id,
        String type,
        String typeLabel,
        String prompt,
        List<Option> options,
        List<OrderRow> orderRows,
        List<MatchRow> matchRows,
        String value,
        String unit,
        String errorField,
        String error) {

    /** One radio button, check box or drop-down entry. */
    public record Option(String value, String label, boolean selected) {
    }

    /** An item of an ordering question with its position drop-down. */
    public record OrderRow(String field, String label, List<Option> positions) {
    }

    /** A left item of a matching question with its drop-down of right items. */
    public record MatchRow(String field, String left, List<Option> options) {
    }

    public boolean hasError() {
        return error != null;
    }

    public boolean errorOn(String field) {
        return error != null && field.equals(errorField);
    }
}
