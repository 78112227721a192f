package org.openaperture.messaging.registry.application;

/**
 * What a re-encryption did: how many stored passwords it sealed again, and under which key.
 *
 * @param reencrypted the number of rows changed (rows already under {@code keyId} are left alone)
 * @param keyId the current key, under which every stored password is now sealed
 */
public record Reencryption(int reencrypted, String keyId) {}
