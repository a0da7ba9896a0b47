package io.qlikbroker.domain;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Strings written as JSON: escaped, so that no value can close its quotes or pass for two. */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** {@code ["a","b"]}. */
    public static String array(Iterable<String> values) {
        StringBuilder array = new StringBuilder("[");
        for (String value : values) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append('"');
            JsonStringEncoder.getInstance().quoteAsString(value, array);
            array.append('"');
        }
        return array.append(']').toString();
    }
}
