package io.qlikbroker.credentials;

/**
 * What one token request carries to prove the client: its secret, or an assertion signed for this request alone.
 * {@code version} tells which credential file version it came from. Never printed.
 */
public record ClientProof(String clientSecret, String assertion, long version) {

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** The {@code client_assertion_type} to send along, or null with a secret. */
    public String assertionType() {
        return assertion == null ? null : ASSERTION_TYPE;
    }

    @Override
    public String toString() {
        return "ClientProof[" + (assertion == null ? "client_secret" : "private_key_jwt") + ", version=" + version + "]";
    }
}
