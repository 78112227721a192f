package org.openaperture.common.infrastructure;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.openaperture.common.application.SecretCipher;
import org.openaperture.common.application.SecretCipherException;
import org.openaperture.common.domain.SealedSecret;

/**
 * AES-256-GCM with a keyring read from MicroProfile Config: {@value #CURRENT_KEY} names the key new secrets
 * are sealed under, {@code openaperture.secrets.key.<id>} holds each key as Base64 of 32 random bytes (on
 * Payara Server a password alias, see the README). A sealed value is Base64 of a random 96-bit IV, the
 * ciphertext and the 128-bit tag; the key id is stored beside it.
 *
 * <p>The keyring is read on every call rather than once, so a rotated key is used as soon as the
 * configuration shows it (Payara caches configuration values for a while, 60 s by default).
 */
@Dependent
public class AesGcmSecretCipher implements SecretCipher {
    public static final String CURRENT_KEY = "openaperture.secrets.current-key";
    public static final String KEY_PREFIX = "openaperture.secrets.key.";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    // Key ids end up in configuration keys, environment variable names and a database column.
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Function<String, Optional<String>> settings;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public AesGcmSecretCipher(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    /** @param settings looks a configuration key up; empty when it is not set */
    public AesGcmSecretCipher(Function<String, Optional<String>> settings) {
        this.settings = settings;
    }

    @Override
    public String currentKeyId() {
        String id = settings.apply(CURRENT_KEY)
                .map(String::strip)
                .orElseThrow(() -> new SecretCipherException("no key to seal secrets with: set " + CURRENT_KEY
                        + " to the id of a key configured as " + KEY_PREFIX + "<id>"));
        if (!KEY_ID.matcher(id).matches()) {
            throw new SecretCipherException(CURRENT_KEY + " is '" + id
                    + "', which is not a key id: use letters, digits, '.', '_' or '-' (at most 64)");
        }
        return id;
    }

    @Override
    public SealedSecret seal(String plainText) {
        String keyId = currentKeyId();
        SecretKeySpec key = key(keyId, "seal secrets");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            // The key id is authenticated with the value: relabelling a row with another key id fails to open.
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plainText.getBytes(StandardCharsets.UTF_8));
            return new SealedSecret(
                    keyId,
                    Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array()));
        } catch (GeneralSecurityException e) {
            // Only the class: JCE messages are not expected to hold key material, but nothing here needs them.
            throw new SecretCipherException("cannot seal a secret with key " + keyId + ": "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public String open(SealedSecret sealed) {
        String keyId = sealed.keyId();
        if (keyId == null) {
            throw new SecretCipherException("the value was stored without a key id: it is not sealed");
        }
        SecretKeySpec key = key(keyId, "open a secret sealed with it");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.value());
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException("a secret sealed with key " + keyId + " is not Base64: it was altered");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException(
                    "a secret sealed with key " + keyId + " is too short to be sealed: it was altered");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretCipherException("a secret sealed with key " + keyId + " does not open with the key "
                    + "configured as " + KEY_PREFIX + keyId + ": the value was altered, or that key is not the one "
                    + "it was sealed with");
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("cannot open a secret with key " + keyId + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private SecretKeySpec key(String keyId, String purpose) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new SecretCipherException("'" + keyId + "' is not a key id");
        }
        String setting = KEY_PREFIX + keyId;
        String encoded = settings.apply(setting)
                .orElseThrow(() -> new SecretCipherException("key " + keyId + " is not configured, so it cannot "
                        + purpose + ": set " + setting + " to Base64 of 32 random bytes (old keys must stay "
                        + "configured until every secret is re-encrypted)"));
        byte[] bytes;
        try {
            // Without white space: a key file or an alias may carry a line break.
            bytes = Base64.getDecoder().decode(WHITE_SPACE.matcher(encoded).replaceAll(""));
        } catch (IllegalArgumentException e) {
            // Not the exception's message: it quotes the offending character of the key.
            throw new SecretCipherException(
                    "key " + keyId + " is malformed: " + setting + " must be Base64 of 32 random bytes");
        }
        if (bytes.length != KEY_BYTES) {
            throw new SecretCipherException("key " + keyId + " is malformed: " + setting
                    + " must be Base64 of 32 random bytes, it holds " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
