package io.qlikbroker.qlik;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Qlik's SCIM-style filters (RFC 7644). */
final class QlikFilter {

    private QlikFilter() {
    }

    /**
     * {@code <attribute> eq "<value>"}, the value escaped as a JSON string: a crafted value cannot close the quotes and
     * change the filter.
     */
    static String eq(String attribute, String value) {
        return attribute + " eq \"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
