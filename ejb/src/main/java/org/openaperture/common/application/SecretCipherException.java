package org.openaperture.common.application;

/**
 * A secret cannot be sealed or opened: a key is missing or malformed, or a stored value does not open with
 * its key. The message names the key id and the configuration key an operator must set; it never carries a
 * key or a secret.
 */
public class SecretCipherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretCipherException(String message) {
        super(message);
    }
}
