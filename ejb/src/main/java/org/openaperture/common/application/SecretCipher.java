package org.openaperture.common.application;

import org.openaperture.common.domain.SealedSecret;

/**
 * Seals secrets before they are stored and opens them again, with keys held outside the database. Several
 * keys can be configured at once: new secrets are sealed under the current one, and a secret sealed under an
 * older key opens as long as that key stays configured, so keys can be rotated without downtime.
 * Implementations never put a secret or a key into a message or a log line.
 */
public interface SecretCipher {

    /**
     * Seals a secret under the current key.
     *
     * @throws SecretCipherException when no current key is configured or the key is malformed
     */
    SealedSecret seal(String plainText);

    /**
     * Opens a sealed secret with the key it names.
     *
     * @throws SecretCipherException when that key is not configured, is malformed, or does not open the value
     *     (another key, or a value altered in the database)
     */
    String open(SealedSecret sealed);

    /**
     * The plain text of a stored value: opened when it is sealed, as stored when it was stored before sealing.
     *
     * @throws SecretCipherException as {@link #open}
     */
    default String plainText(SealedSecret stored) {
        return stored.isSealed() ? open(stored) : stored.value();
    }

    /**
     * The id of the key new secrets are sealed under.
     *
     * @throws SecretCipherException when none is configured
     */
    String currentKeyId();
}
