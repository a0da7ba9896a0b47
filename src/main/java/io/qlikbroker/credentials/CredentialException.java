package io.qlikbroker.credentials;

/** A credential file that cannot be used; the message names the property and never quotes the file. */
public class CredentialException extends RuntimeException {

    public CredentialException(String message) {
        super(message, null, false, false);
    }
}
