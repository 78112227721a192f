/** Where messages enter the Overseer: the message-driven bean of the {@code system_modules} queue. */
package org.openaperture.overseer.interfaces;
