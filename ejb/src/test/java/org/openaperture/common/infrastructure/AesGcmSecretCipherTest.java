package org.openaperture.common.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openaperture.common.application.SecretCipherException;
import org.openaperture.common.domain.SealedSecret;

/** The secret cipher as the README describes it: AES-256-GCM, a keyring from configuration, rotation. */
class AesGcmSecretCipherTest {
    private static final String K1 = randomKey();
    private static final String K2 = randomKey();

    private final Map<String, String> config =
            new HashMap<>(Map.of("openaperture.secrets.current-key", "k1", "openaperture.secrets.key.k1", K1));
    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(name -> Optional.ofNullable(config.get(name)));

    @Test
    void aSealedSecretOpensToThePlainTextAndCarriesTheCurrentKeyId() {
        SealedSecret sealed = cipher.seal("s3cret-pw ünïcødé");

        assertEquals("k1", sealed.keyId());
        assertFalse(sealed.value().contains("s3cret"), sealed.value());
        assertEquals("s3cret-pw ünïcødé", cipher.open(sealed));
    }

    @Test
    void theValueIsBase64OfA96BitIvTheCiphertextAndA128BitTag() {
        byte[] stored = Base64.getDecoder().decode(cipher.seal("12345").value());

        assertEquals(12 + 5 + 16, stored.length);
    }

    @Test
    void everySealUsesANewIvSoEqualPasswordsLookDifferent() {
        SealedSecret first = cipher.seal("same");
        SealedSecret second = cipher.seal("same");

        assertNotEquals(first.value(), second.value());
        assertNotEquals(
                Base64.getEncoder().encodeToString(iv(first)),
                Base64.getEncoder().encodeToString(iv(second)));
    }

    @Test
    void aTamperedValueIsRefused() {
        byte[] stored = Base64.getDecoder().decode(cipher.seal("s3cret-pw").value());
        stored[stored.length - 20] ^= 1;
        SealedSecret tampered = new SealedSecret("k1", Base64.getEncoder().encodeToString(stored));

        SecretCipherException refused = assertThrows(SecretCipherException.class, () -> cipher.open(tampered));
        assertTrue(refused.getMessage().contains("altered"), refused.getMessage());
    }

    @Test
    void aValueRelabelledWithAnotherKeyIdIsRefusedEvenWhenThatKeyIsConfigured() {
        config.put("openaperture.secrets.key.k2", K1);
        SealedSecret sealed = cipher.seal("s3cret-pw");

        assertThrows(SecretCipherException.class, () -> cipher.open(new SealedSecret("k2", sealed.value())));
    }

    @Test
    void anUnknownKeyIdNamesTheKeyAndTheSettingWithoutAnyKey() {
        SealedSecret sealed = new SealedSecret("k9", cipher.seal("s3cret-pw").value());

        SecretCipherException refused = assertThrows(SecretCipherException.class, () -> cipher.open(sealed));
        assertTrue(refused.getMessage().contains("key k9 is not configured"), refused.getMessage());
        assertTrue(refused.getMessage().contains("openaperture.secrets.key.k9"), refused.getMessage());
        assertFalse(refused.getMessage().contains(K1), refused.getMessage());
    }

    @Test
    void rotationSealsUnderTheNewKeyAndStillOpensValuesSealedUnderTheOldOne() {
        SealedSecret old = cipher.seal("old-pw");

        config.put("openaperture.secrets.key.k2", K2);
        config.put("openaperture.secrets.current-key", "k2");
        SealedSecret fresh = cipher.seal("new-pw");

        assertEquals("k2", cipher.currentKeyId());
        assertEquals("k2", fresh.keyId());
        assertEquals("old-pw", cipher.open(old));
        assertEquals("new-pw", cipher.open(fresh));

        config.remove("openaperture.secrets.key.k1");
        assertThrows(SecretCipherException.class, () -> cipher.open(old), "k1 removed before re-encryption");
        assertEquals("new-pw", cipher.open(fresh));
    }

    @Test
    void withoutACurrentKeyNothingIsSealedAndTheMessageSaysWhatToSet() {
        config.remove("openaperture.secrets.current-key");

        SecretCipherException refused = assertThrows(SecretCipherException.class, () -> cipher.seal("pw"));
        assertTrue(refused.getMessage().contains("openaperture.secrets.current-key"), refused.getMessage());
    }

    @Test
    void aCurrentKeyIdWithoutItsKeyNamesTheSettingToAdd() {
        config.put("openaperture.secrets.current-key", "k3");

        SecretCipherException refused = assertThrows(SecretCipherException.class, () -> cipher.seal("pw"));
        assertTrue(refused.getMessage().contains("set openaperture.secrets.key.k3"), refused.getMessage());
    }

    @Test
    void aMalformedKeyIsRefusedWithoutQuotingIt() {
        String notBase64 = "not-base64-at-all!";
        config.put("openaperture.secrets.key.k1", notBase64);
        SecretCipherException notEncoded = assertThrows(SecretCipherException.class, () -> cipher.seal("pw"));
        assertTrue(notEncoded.getMessage().contains("key k1 is malformed"), notEncoded.getMessage());
        assertFalse(notEncoded.getMessage().contains(notBase64), notEncoded.getMessage());

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        config.put("openaperture.secrets.key.k1", shortKey);
        SecretCipherException tooShort = assertThrows(SecretCipherException.class, () -> cipher.seal("pw"));
        assertTrue(tooShort.getMessage().contains("32 random bytes, it holds 16"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(shortKey), tooShort.getMessage());
    }

    @Test
    void aKeyWithALineBreakAsAFileOrAliasMayHoldItStillWorks() {
        config.put("openaperture.secrets.key.k1", K1 + "\n");

        assertEquals("pw", cipher.open(cipher.seal("pw")));
    }

    @Test
    void aCurrentKeyIdThatCannotBeAConfigurationKeyIsRefused() {
        config.put("openaperture.secrets.current-key", "k 1/x");

        assertThrows(SecretCipherException.class, cipher::currentKeyId);
    }

    @Test
    void aSealedSecretNeverPrintsItsValue() {
        SealedSecret sealed = cipher.seal("pw");

        assertFalse(sealed.toString().contains(sealed.value()), sealed.toString());
    }

    private static byte[] iv(SealedSecret sealed) {
        byte[] iv = new byte[12];
        System.arraycopy(Base64.getDecoder().decode(sealed.value()), 0, iv, 0, iv.length);
        return iv;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
