package org.openaperture.common.domain;

import java.util.Objects;

/**
 * A secret as it is stored: an opaque sealed value and the id of the key that sealed it. The key itself
 * lives outside the database; the model only keeps which one to ask for. A value stored before encryption at
 * rest has no key id: it is the plain text, and re-encryption seals it.
 *
 * @param keyId the id of the sealing key, or null for a value stored as given
 * @param value the sealed value (or the plain text when {@code keyId} is null)
 */
public record SealedSecret(String keyId, String value) {

    public SealedSecret {
        Objects.requireNonNull(value, "value");
    }

    /** Whether the value was sealed under a key (rather than stored as given). */
    public boolean isSealed() {
        return keyId != null;
    }

    /** Whether the value was sealed under the given key, so that re-encrypting it under that key is pointless. */
    public boolean isSealedWith(String otherKeyId) {
        return keyId != null && keyId.equals(otherKeyId);
    }

    /** Never the value: a record's default {@code toString} would put the secret into any log line it reaches. */
    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + "]";
    }
}
