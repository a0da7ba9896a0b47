package io.qlikbroker.domain;

/** Qlik's {@code user_lookup}: which tenant user a token is for. {@code field} is {@code subject} or {@code userId}. */
public record UserLookup(String field, String value) {

    public static final String SUBJECT = "subject";
    public static final String USER_ID = "userId";

    public boolean byUserId() {
        return USER_ID.equals(field);
    }
}
