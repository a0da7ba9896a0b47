package io.qlikbroker.testing;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /q/metrics}, to compare series before and after a known sequence of requests. */
public record MetricsScrape(String text) {

    public static MetricsScrape now() {
        return new MetricsScrape(Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /**
     * The value of one series ({@code name{labels}}), 0 when it has not been reported yet. A sample may end in an
     * exemplar ({@code # {trace_id=...}}): the trace of a request it counted.
     */
    public double value(String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)(?: #.*)?$", Pattern.MULTILINE).matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** How much {@code series} grew since {@code before}. */
    public double since(MetricsScrape before, String series) {
        return value(series) - before.value(series);
    }

    public boolean contains(String fragment) {
        return text.contains(fragment);
    }
}
