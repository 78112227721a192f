/** Finding and recording users (race-safe on a caller's first requests). */
package org.openaperture.identity.application;
