package org.openaperture.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.openaperture.common.infrastructure.AesGcmSecretCipher;

/** The real secret cipher with a fresh random key, as a node configured with one key has it. */
public final class TestCiphers {
    private TestCiphers() {}

    public static AesGcmSecretCipher withOneKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> config = Map.of(
                AesGcmSecretCipher.CURRENT_KEY,
                "test",
                AesGcmSecretCipher.KEY_PREFIX + "test",
                Base64.getEncoder().encodeToString(key));
        return new AesGcmSecretCipher(name -> Optional.ofNullable(config.get(name)));
    }
}
