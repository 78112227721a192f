/**
 * Ports every part of OpenAperture uses: {@link org.openaperture.common.application.SecretCipher} seals
 * secrets for storage with keys held outside the database. Adapters live in {@code common.infrastructure}.
 * {@link org.openaperture.common.application.WorkerMessages} and {@link
 * org.openaperture.common.application.Cancellation} are the worker-side workflow helpers of components.md §1.8
 * that the Builder and the Deployer share.
 */
package org.openaperture.common.application;
