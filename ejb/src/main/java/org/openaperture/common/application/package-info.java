/**
 * Ports every part of OpenAperture uses: {@link org.openaperture.common.application.SecretCipher} seals
 * secrets for storage with keys held outside the database. Adapters live in {@code common.infrastructure}.
 */
package org.openaperture.common.application;
