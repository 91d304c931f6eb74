package io.ductwatch.gateway.modem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading the fields of AT information lines: {@code +CMGR: "REC UNREAD","+8210...",,"26/12/02,11:06:05+36"}. */
final class AtText {

    private AtText() {
    }

    /** The comma-separated fields after {@code prefix}, quotes removed; commas inside quotes belong to the field. */
    static List<String> fields(String line, String prefix) {
        String rest = line.startsWith(prefix) ? line.substring(prefix.length()).trim() : line.trim();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : rest.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }

    /** Field {@code index} as a whole number, if it is one. */
    static Optional<Integer> number(List<String> fields, int index) {
        if (index >= fields.size()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(fields.get(index)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A number as {@code AT+CMGS} takes it: quoted, nothing but '+' and digits. */
    static String quotedNumber(String number) {
        if (!number.matches("\\+?[0-9]{3,20}")) {
            throw new IllegalArgumentException("not a phone number: " + number);
        }
        return "\"" + number + "\"";
    }
}
